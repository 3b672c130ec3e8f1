package uk.gov.paas.support.escalation.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.LinkedHashMap;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.intake.AlertSeverity;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.escalation.service.RoutingKeys;
import uk.gov.paas.support.escalation.service.RoutingKeys.Issued;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * Events API v2 integrations. The key is shown once, when created; afterwards only its last four characters. Each key
 * grades its events: a fixed priority, or a mapping of the sender's severity (default critical/error -> P1,
 * warning -> P3, info -> P4); the view says which severities wake the on-call out of hours.
 */
@Path("/api/admin/routing-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Alert intake")
public class RoutingKeyResource {

    /**
     * {@code fixedPriority} (P1-P4) grades every event alike; otherwise {@code severityMapping} changes the default
     * critical=P1, error=P1, warning=P3, info=P4 per alert severity. Not both.
     */
    public record RoutingKeyInput(@NotBlank @Size(max = 200) String name, Long policyId, String fixedPriority, Map<String, String> severityMapping) {
    }

    /** A new grading for an existing key: as in {@link RoutingKeyInput}; neither field: back to the default. */
    public record GradingInput(String fixedPriority, Map<String, String> severityMapping) {
    }

    /**
     * {@code grading} is FIXED or SEVERITY_MAPPING; {@code severityMapping} is the priority each severity gets (for a fixed
     * key, every one is the fixed priority); {@code outOfHours} says, per severity, whether such an event wakes the on-call
     * out of hours ("wakes") or waits for support hours ("waits"), from the targets table; {@code lastTriggerAt} is when its
     * sender last triggered (a page opened or an occurrence added), absent if never.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record RoutingKeyView(long id, String name, String routingKey, String keyEndsWith, Long policyId, String grading,
            String fixedPriority, Map<String, String> severityMapping, Map<String, String> outOfHours, Instant createdAt, Instant revokedAt,
            Instant lastTriggerAt) {
    }

    private final RoutingKeys keys;
    private final TargetsTable targets;

    RoutingKeyResource(RoutingKeys keys, TargetsTable targets) {
        this.keys = keys;
        this.targets = targets;
    }

    @GET
    @Operation(summary = "Every routing key (without the key itself), with its grading")
    public List<RoutingKeyView> list() {
        return keys.list().stream().map(k -> view(k, null)).toList();
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One routing key (without the key itself), with its grading")
    public RoutingKeyView get(@PathParam("id") long id) {
        return keys.get(id).map(k -> view(k, null)).orElseThrow(() -> ApiProblem.notFound("There is no routing key " + id));
    }

    @POST
    @Operation(summary = "Create a routing key; the response is the only time the key is shown")
    @APIResponseSchema(value = RoutingKeyView.class, responseCode = "201", responseDescription = "Created; the only answer that shows the key")
    public RestResponse<RoutingKeyView> create(@NotNull @Valid RoutingKeyInput input) {
        Issued issued = keys.create(input.name(), input.policyId(), RoutingKeys.grading(input.fixedPriority(), input.severityMapping()));
        return Answers.created("/api/admin/routing-keys/" + issued.key().id, view(issued.key(), issued.secret()));
    }

    @PUT
    @Path("/{id}/grading")
    @Operation(summary = "Change how a key grades its events (fixedPriority, or severityMapping over the default); open pages keep their priority")
    public RoutingKeyView regrade(@PathParam("id") long id, @NotNull @Valid GradingInput input) {
        return keys.regrade(id, RoutingKeys.grading(input.fixedPriority(), input.severityMapping())).map(k -> view(k, null))
                .orElseThrow(() -> ApiProblem.notFound("There is no routing key " + id));
    }

    @DELETE
    @Path("/{id}")
    @Operation(summary = "Revoke a routing key: events sent with it are refused from now on")
    public RoutingKeyView revoke(@PathParam("id") long id) {
        return keys.revoke(id).map(k -> view(k, null)).orElseThrow(() -> ApiProblem.notFound("There is no routing key " + id));
    }

    private RoutingKeyView view(RoutingKey key, String secret) {
        Grading grading = key.grading();
        Map<String, String> mapping = new LinkedHashMap<>();
        Map<String, String> outOfHours = new LinkedHashMap<>();
        for (AlertSeverity alert : AlertSeverity.values()) {
            Severity priority = grading.grade(alert, key.name).priority();
            mapping.put(alert.wire(), priority.name());
            outOfHours.put(alert.wire(), targets.row(priority).outOfHours().clock().workedOutOfHours() ? "wakes" : "waits");
        }
        return new RoutingKeyView(key.id, key.name, secret, key.keyHint, key.policyId, grading.isFixed() ? "FIXED" : "SEVERITY_MAPPING",
                grading.isFixed() ? grading.fixed().name() : null, mapping, outOfHours, key.createdAt, key.revokedAt,
                keys.lastTrigger(key).orElse(null));
    }
}
