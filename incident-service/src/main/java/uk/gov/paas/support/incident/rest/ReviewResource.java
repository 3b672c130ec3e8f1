package uk.gov.paas.support.incident.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.service.Reviews;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.time.Times;

/** After an incident: its report (Markdown, from the timeline), the review within 7 days, and publishing the report. */
@Path("/api/incidents/{id}")
@Tag(name = "Incidents")
public class ReviewResource {

    public record AttendeeInput(@NotBlank String role, @NotBlank @Size(max = 200) String name) {
    }

    public record ReviewInput(@NotNull Instant heldAt, @NotEmpty @Size(max = 30) List<@NotNull @Valid AttendeeInput> attendees) {
    }

    /** For a security incident: {@code publish} true or false and the reason, both recorded. */
    public record PublishInput(Boolean publish, @Size(max = 2000) String reason) {
    }

    public record ReviewView(long incidentId, Instant dueBy, String dueByLocal, Instant heldAt, String attendees, Instant publishedAt,
            String publishDecision, String decidedBy) {
    }

    private final Reviews reviews;
    private final SecurityIdentity identity;
    private final SupportCalendar calendar;

    ReviewResource(Reviews reviews, SecurityIdentity identity, SupportCalendar calendar) {
        this.reviews = reviews;
        this.identity = identity;
        this.calendar = calendar;
    }

    @GET
    @Path("/report")
    @Produces("text/markdown")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The incident report, assembled from the timeline: summary, impact, timeline, actions (Markdown)")
    public String report(@PathParam("id") long id) {
        return reviews.report(id);
    }

    @GET
    @Path("/report/public")
    @Produces("text/markdown")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The report as publishing would put it on the status page, redacted as everything the public reads (Markdown); nothing is published")
    public String publicReport(@PathParam("id") long id) {
        return reviews.publicReport(id);
    }

    @GET
    @Path("/review")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The no-blame review: due within 7 days of resolution, held when, attended by whom, report published?")
    public ReviewView review(@PathParam("id") long id) {
        return reviews.review(id).map(this::view).orElseThrow(() -> ApiProblem.notFound("Incident " + id + " has no review (it is not resolved)"));
    }

    @PUT
    @Path("/review")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Record the review as held, with its attendees (roles: lead, comms, team, delivery-manager, product-manager, technical-architect)")
    public ReviewView held(@PathParam("id") long id, @NotNull @Valid ReviewInput input) {
        return view(reviews.held(id, input.heldAt(), input.attendees().stream().map(a -> new Reviews.Attendee(a.role(), a.name())).toList(),
                identity.getPrincipal().getName()));
    }

    @POST
    @Path("/report/publish")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Publish the report on the status page; a security incident needs {publish, reason}")
    public ReviewView publish(@PathParam("id") long id, @NotNull @Valid PublishInput input) {
        return view(reviews.publish(id, input.publish(), input.reason(), identity.getPrincipal().getName()));
    }

    private ReviewView view(IncidentReview r) {
        return new ReviewView(r.incidentId, r.dueBy, Times.local(r.dueBy, calendar.zone()), r.heldAt, r.attendees, r.publishedAt, r.publishDecision,
                r.decidedBy);
    }
}
