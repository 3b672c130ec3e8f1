package uk.gov.paas.support.ticket.client;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import uk.gov.paas.support.kernel.clients.ServiceTokenFilter;

/** escalation-service's API as ticket-service uses it. Wrapped by {@link EscalationClient} and {@link EscalationCallSender}. */
@RegisterRestClient(configKey = "escalation-service")
@RegisterProvider(ServiceTokenFilter.class) // this service's own token for the callee, support.clients.<configKey>.token
@Produces(MediaType.APPLICATION_JSON)
interface EscalationRestClient {

    @GET
    @Path("/api/rotas/{rota}/on-call")
    OnCall onCall(@PathParam("rota") String rota);

    @POST
    @Path("/api/pages")
    @Consumes(MediaType.APPLICATION_JSON)
    Response page(@HeaderParam("Idempotency-Key") String idempotencyKey, PageRequest request);

    @POST
    @Path("/api/pages/resolve")
    @Consumes(MediaType.APPLICATION_JSON)
    Response resolvePages(@HeaderParam("Idempotency-Key") String idempotencyKey, PageResolution request);
}
