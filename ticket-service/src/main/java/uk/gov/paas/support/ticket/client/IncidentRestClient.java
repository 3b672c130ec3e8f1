package uk.gov.paas.support.ticket.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import uk.gov.paas.support.kernel.clients.ServiceTokenFilter;

/** incident-service's API as ticket-service uses it: declaring the incident of an emergency email. Used by {@link IncidentCallSender}. */
@RegisterRestClient(configKey = "incident-service")
@RegisterProvider(ServiceTokenFilter.class) // this service's own token for the callee, support.clients.<configKey>.token
@Produces(MediaType.APPLICATION_JSON)
interface IncidentRestClient {

    /** 201 with the new incident, or 200 with the first one when this Idempotency-Key was seen before. */
    @POST
    @Path("/api/incidents")
    @Consumes(MediaType.APPLICATION_JSON)
    Response declare(@HeaderParam("Idempotency-Key") String idempotencyKey, IncidentDeclaration declaration);
}
