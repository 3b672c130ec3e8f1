package uk.gov.paas.support.escalation.client;

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

/** incident-service's API as escalation-service uses it: page events for the incident's timeline. Used by {@link IncidentCallSender}. */
@RegisterRestClient(configKey = "incident-service")
@RegisterProvider(ServiceTokenFilter.class) // this service's own token for the callee, support.clients.<configKey>.token
@Produces(MediaType.APPLICATION_JSON)
interface IncidentRestClient {

    @POST
    @Path("/api/incidents/page-events")
    @Consumes(MediaType.APPLICATION_JSON)
    Response pageEvent(@HeaderParam("Idempotency-Key") String idempotencyKey, PageEvent event);
}
