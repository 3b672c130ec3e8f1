package uk.gov.paas.support.escalation.rest;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.service.RoutingKeys;
import uk.gov.paas.support.escalation.service.RoutingKeys.Issued;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;

/** Events API v2 integrations. The key is shown once, when created; afterwards only its last four characters. */
@Path("/api/admin/routing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Alert intake")
public class RoutingKeyResource {

    /** {@code severityMapping} overrides the default critical=P1, error=P2, warning=P3, info=P4 per alert severity. */
    public record RoutingKeyInput(@NotBlank @Size(max = 200) String name, Long policyId, Map<String, String> severityMapping) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoutingKeyView(long id, String name, String routingKey, String keyEndsWith, Long policyId,
            Map<String, String> severityMapping, Instant createdAt, Instant revokedAt) {
    }

    private final RoutingKeys keys;

    RoutingKeyResource(RoutingKeys keys) {
        this.keys = keys;
    }

    @GET
    @Operation(summary = "Every routing key (without the key itself)")
    public List<RoutingKeyView> list() {
        return keys.list().stream().map(k -> view(k, null)).toList();
    }

    @POST
    @Operation(summary = "Create a routing key; the response is the only time the key is shown")
    public Response create(@NotNull @Valid RoutingKeyInput input) {
        Issued issued = keys.create(input.name(), input.policyId(), input.severityMapping());
        return Response.created(URI.create("/api/admin/routing-keys/" + issued.key().id)).entity(view(issued.key(), issued.secret())).build();
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a routing key: events sent with it are refused from now on")
    public RoutingKeyView revoke(@PathParam("id") long id) {
        return keys.revoke(id).map(k -> view(k, null)).orElseThrow(() -> ApiProblem.notFound("There is no routing key " + id));
    }

    private static RoutingKeyView view(RoutingKey key, String secret) {
        Map<String, String> mapping = new TreeMap<>();
        RoutingKeys.parse(key.severityMapping).forEach((alert, severity) -> mapping.put(alert.name().toLowerCase(), severity.name()));
        return new RoutingKeyView(key.id, key.name, secret, key.keyHint, key.policyId, mapping, key.createdAt, key.revokedAt);
    }
}
