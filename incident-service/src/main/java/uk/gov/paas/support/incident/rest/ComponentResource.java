package uk.gov.paas.support.incident.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
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

import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;

/** The components tenants see on the status page. Their state changes through tenant updates. */
@Path("/api/components")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Components")
public class ComponentResource {

    public record ComponentInput(@NotBlank @Size(max = 200) String name, @Size(max = 1000) String description, @Min(0) int position) {
    }

    /** A change to a component: its description, its place in the list and its state (each left as it is when absent). */
    public record ComponentChange(@Size(max = 1000) String description, @Min(0) @Max(100_000) Integer position, ComponentState state) {
    }

    public record ComponentView(long id, String name, String description, int position, ComponentState state, Instant updatedAt) {
        static ComponentView of(Component c) {
            return new ComponentView(c.id, c.name, c.description, c.position, c.state, c.updatedAt);
        }
    }

    private final Clock clock;

    ComponentResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE, Roles.TENANT})
    @Operation(summary = "Every component with its state")
    public List<ComponentView> list() {
        return Component.ordered().stream().map(ComponentView::of).toList();
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Add a component")
    @APIResponseSchema(value = ComponentView.class, responseCode = "201", responseDescription = "Added; Location names the component")
    public RestResponse<ComponentView> create(@NotNull @Valid ComponentInput input) {
        if (Component.count("name", input.name().strip()) > 0) {
            throw ApiProblem.conflict("A component is already called '" + input.name().strip() + "'");
        }
        Component component = new Component();
        component.name = input.name().strip();
        component.description = input.description();
        component.position = input.position();
        component.state = ComponentState.OPERATIONAL;
        component.updatedAt = clock.instant();
        component.persist();
        return Answers.created("/api/components/" + component.id, ComponentView.of(component));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Transactional
    @Operation(summary = "Change a component's description, position or state (the status page shows the state at once)")
    public ComponentView change(@PathParam("id") long id, @NotNull @Valid ComponentChange input) {
        Component component = Component.<Component>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no component " + id));
        if (input.description() != null) {
            component.description = input.description().isBlank() ? null : input.description().strip();
        }
        if (input.position() != null) {
            component.position = input.position();
        }
        if (input.state() != null && input.state() != component.state) {
            component.state = input.state();
            component.updatedAt = clock.instant();
        }
        return ComponentView.of(component);
    }
}
