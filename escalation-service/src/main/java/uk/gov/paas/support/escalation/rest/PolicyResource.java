package uk.gov.paas.support.escalation.rest;

import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
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

import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.LevelKind;
import uk.gov.paas.support.escalation.service.PolicyService;
import uk.gov.paas.support.escalation.service.PolicyService.LevelData;
import uk.gov.paas.support.escalation.service.PolicyService.PolicyData;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;

/** Escalation policies. The default one (spec chain) ships with the service; pages without a policy follow it. */
@Path("/api/policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Escalation policies")
public class PolicyResource {

    /** ON_CALL (routing: support rota in hours, escalation rota out of hours), ROTA (rotaId) or ROLE (role). */
    public record LevelInput(@NotNull LevelKind kind, Long rotaId, String role, @NotNull @Min(1) @Max(1440) Integer ackTimeoutMinutes) {
    }

    public record PolicyInput(@NotBlank @Size(max = 200) String name, @Min(0) @Max(9) int repeatCount, boolean isDefault,
            @NotEmpty @Size(max = 20) List<@NotNull @Valid LevelInput> levels) {
    }

    public record LevelView(int level, LevelKind kind, Long rotaId, String role, int ackTimeoutMinutes) {
    }

    public record PolicyView(long id, String name, int repeatCount, boolean isDefault, List<LevelView> levels) {
    }

    private final PolicyService policies;

    PolicyResource(PolicyService policies) {
        this.policies = policies;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Every escalation policy")
    public List<PolicyView> list() {
        return policies.list().stream().map(PolicyResource::view).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One escalation policy")
    public PolicyView get(@PathParam("id") long id) {
        return policies.find(id).map(PolicyResource::view).orElseThrow(() -> ApiProblem.notFound("There is no policy " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create an escalation policy")
    @APIResponseSchema(value = PolicyView.class, responseCode = "201", responseDescription = "Created; Location names the policy")
    public RestResponse<PolicyView> create(@NotNull @Valid PolicyInput input) {
        EscalationPolicy policy = policies.create(data(input));
        return Answers.created("/api/policies/" + policy.id, view(policy));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace an escalation policy; open pages continue with the new levels")
    public PolicyView update(@PathParam("id") long id, @NotNull @Valid PolicyInput input) {
        return policies.update(id, data(input)).map(PolicyResource::view).orElseThrow(() -> ApiProblem.notFound("There is no policy " + id));
    }

    static PolicyView view(EscalationPolicy policy) {
        List<LevelView> levels = new java.util.ArrayList<>();
        for (int i = 0; i < policy.levels.size(); i++) {
            var l = policy.levels.get(i);
            levels.add(new LevelView(i + 1, l.kind, l.rotaId, l.role, l.ackTimeoutMinutes));
        }
        return new PolicyView(policy.id, policy.name, policy.repeatCount, policy.isDefault, levels);
    }

    private static PolicyData data(PolicyInput input) {
        return new PolicyData(input.name(), input.repeatCount(), input.isDefault(),
                input.levels().stream().map(l -> new LevelData(l.kind(), l.rotaId(), l.role(), l.ackTimeoutMinutes())).toList());
    }
}
