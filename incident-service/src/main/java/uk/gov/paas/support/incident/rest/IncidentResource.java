package uk.gov.paas.support.incident.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.SourceKind;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.UpdateTemplate;
import uk.gov.paas.support.incident.rest.IncidentViews.IncidentView;
import uk.gov.paas.support.incident.rest.IncidentViews.TimelineView;
import uk.gov.paas.support.incident.rest.IncidentViews.UpdateView;
import uk.gov.paas.support.incident.service.IncidentService;
import uk.gov.paas.support.incident.service.IncidentService.Declared;
import uk.gov.paas.support.incident.service.IncidentPages;
import uk.gov.paas.support.incident.service.IncidentTargets;
import uk.gov.paas.support.kernel.api.EmailAddress;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.Targets;
import uk.gov.paas.support.kernel.time.Times;

/** Incidents: declare, staff, write the timeline, update tenants, re-grade, resolve. */
@Path("/api/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Incidents")
public class IncidentResource {

    static final String SEVERITY = "(?i)P[1-4]";
    static final String SEVERITY_MESSAGE = "must be one of P1, P2, P3, P4";

    public record DeclareInput(@NotBlank @Size(max = 300) String title, @Size(max = 20_000) String description,
            @NotNull @Pattern(regexp = SEVERITY, message = SEVERITY_MESSAGE) String severity, @Size(max = 50) List<@NotNull Long> componentIds,
            boolean securityBreach, boolean dataCorruptionRisk, SourceKind sourceKind, @Size(max = 200) String sourceRef) {
    }

    public record MemberInput(@NotBlank @Email @Size(max = 320) String email, @Size(max = 200) String name) {
    }

    public record TeamInput(@EmailAddress String leadEmail, @EmailAddress String commsEmail, @Size(max = 200) String commsName,
            @Size(max = 50) List<@NotNull @Valid MemberInput> members) {
    }

    public record TimelineInput(@NotNull TimelineEntry.Kind kind, @NotBlank @Size(max = 10_000) String text) {
    }

    public record UpdateInput(@NotNull UpdateTemplate template, @Size(max = 20_000) String body, @Size(max = 50) List<@NotNull Long> componentIds,
            boolean internal, ComponentState componentState) {
    }

    public record SeverityInput(@NotNull @Pattern(regexp = SEVERITY, message = SEVERITY_MESSAGE) String severity,
            @NotBlank @Size(max = 2000) String reason) {
    }

    public record ResolveInput(@NotBlank @Size(max = 320) String agreedBy, @Size(max = 20_000) String body) {
    }

    /** What a targets preview answers: the period at the start and each due instant in UTC and local time. */
    public record TargetsPreview(String severity, String severityName, Instant at, String atLocal, SupportPeriod period, String clock,
            String respondWithin, String updateEvery, boolean worked, Instant clockStartsAt, String clockStartsAtLocal, Instant respondBy, String respondByLocal, Instant updateBy,
            String updateByLocal) {
    }

    /** escalation-service telling us a page was acknowledged or resolved. */
    public record PageEventInput(@NotNull @Min(1) Long pageId, @NotBlank @Size(max = 255) String dedupKey,
            @NotNull @Pattern(regexp = "ACKNOWLEDGED|RESOLVED", message = "must be ACKNOWLEDGED or RESOLVED") String event,
            @NotBlank @Size(max = 320) String by, @NotNull Instant at, @Size(max = 1024) String summary) {
    }

    /** The incidents whose timeline the event went on (none when its dedup key names no incident of ours). */
    public record PageEventAnswer(List<Long> incidents) {
    }

    /** A tenant update before it is published: what subscribers would read and how many would be emailed. */
    public record UpdatePreviewView(String template, String title, String body, boolean internal, ComponentState componentState, List<Long> componentIds,
            List<String> componentNames, int recipients, String subject, String text) {
    }

    /** What a severity change now would set: the new targets (the respond-by moves only while the response is not met). */
    public record SeverityPreview(String severity, String severityName, SupportPeriod period, String clock, Instant respondBy, String respondByLocal,
            boolean respondByMoves, Instant nextUpdateBy, String nextUpdateByLocal) {
    }

    public record TemplateView(String template, String title, IncidentStatus status, ComponentState componentState) {
    }

    private final IncidentService incidents;
    private final IncidentPages pages;
    private final IncidentTargets targets;
    private final IncidentViews views;
    private final SecurityIdentity identity;
    private final Clock clock;

    IncidentResource(IncidentService incidents, IncidentPages pages, IncidentTargets targets, IncidentViews views, SecurityIdentity identity,
            Clock clock) {
        this.incidents = incidents;
        this.pages = pages;
        this.targets = targets;
        this.views = views;
        this.identity = identity;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Declare an incident (201); a repeated Idempotency-Key answers the first incident (200, Idempotent-Replayed: true); "
            + "a declaration from a ticket that already has an open incident answers that incident (200)")
    @APIResponseSchema(value = IncidentView.class, responseCode = "201", responseDescription = "Declared; Location names the incident")
    @APIResponse(responseCode = "200", description = "A repeated Idempotency-Key (Idempotent-Replayed: true), or the ticket's open incident")
    public RestResponse<IncidentView> declare(@HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey, @NotNull @Valid DeclareInput input) {
        Declared declared = incidents.declare(new IncidentService.Declaration(input.title(), input.description(), Severity.parse(input.severity()),
                input.componentIds(), input.securityBreach(), input.dataCorruptionRisk(), input.sourceKind(), input.sourceRef()), IdempotencyKeys.key("POST /api/incidents", identity, idempotencyKey), me());
        IncidentView view = views.full(declared.incident());
        if (declared.replayed()) {
            return Answers.replayed(view);
        }
        return declared.joined() ? RestResponse.ok(view) : Answers.created("/api/incidents/" + declared.incident().id, view);
    }

    @POST
    @Path("/page-events")
    @RolesAllowed(Roles.SERVICE)
    @Transactional
    @Operation(summary = "escalation-service: a page of an incident (or of the emergency ticket it came from) was acknowledged or resolved; "
            + "written to the timeline once per page and event (a retry adds nothing)")
    public PageEventAnswer pageEvent(@HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
            @NotNull @Valid PageEventInput input) {
        return new PageEventAnswer(pages.record(new IncidentPages.PageEvent(input.pageId(), input.dedupKey(), input.event(), input.by().strip(),
                input.at(), input.summary())));
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Incidents, newest first: status 'open' (default), 'all', or one status")
    public Paged<IncidentView> list(@QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page, @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        Paged.Where where = Paged.Where.byStatus("i", status, IncidentStatus.RESOLVED, IncidentResource::parseStatus);
        return Paged.find(Incident.getEntityManager(), Incident.class, "i", where.clause(), where.parameters(), "i.declaredAt desc, i.id desc", page, size)
                .map(views::summary);
    }

    @GET
    @Path("/targets")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "If an incident of this severity started at this instant (now by default), when would each target be due?")
    public TargetsPreview preview(@QueryParam("severity") String severity, @QueryParam("at") String at) {
        if (severity == null || severity.isBlank()) {
            throw ApiProblem.invalidField("severity", SEVERITY_MESSAGE);
        }
        Severity parsed;
        try {
            parsed = Severity.parse(severity);
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("severity", e.getMessage());
        }
        Instant start = at == null || at.isBlank() ? clock.instant() : Times.parseInstant("at", at);
        Targets t = targets.at(parsed, start);
        return new TargetsPreview(parsed.name(), t.aka(), start, views.local(start), t.period(), t.column().clock().written(),
                t.column().respond().toString(), t.column().update().toString(), t.worked(), t.clockStartsAt(),
                views.local(t.clockStartsAt()), t.respondBy(), views.local(t.respondBy()), t.updateBy(), views.local(t.updateBy()));
    }

    @GET
    @Path("/update-templates")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The tenant update templates")
    public List<TemplateView> templates() {
        return Arrays.stream(UpdateTemplate.values()).map(t -> new TemplateView(t.name(), t.title(), t.status(), t.defaultComponentState())).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One incident with its team, updates and timeline")
    public IncidentView get(@PathParam("id") long id) {
        return Incident.<Incident>findByIdOptional(id).map(views::full).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
    }

    @PUT
    @Path("/{id}/team")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Name the lead (must have production access in the people directory), the comms person and members")
    public IncidentView team(@PathParam("id") long id, @NotNull @Valid TeamInput input) {
        incidents.assignTeam(id, new IncidentService.Team(input.leadEmail(), input.commsEmail(), input.commsName(), input.members() == null ? null
                : input.members().stream().map(m -> new IncidentService.Member(m.email(), m.name())).toList()), me());
        return get(id);
    }

    @POST
    @Path("/{id}/timeline")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Append to the timeline: ACTION, PRODUCTION_CHANGE (the lead only), DECISION, COMMS or NOTE")
    @APIResponseSchema(value = TimelineView.class, responseCode = "201", responseDescription = "Appended")
    public RestResponse<TimelineView> timeline(@PathParam("id") long id, @NotNull @Valid TimelineInput input) {
        TimelineEntry entry = incidents.addTimeline(id, input.kind(), input.text().strip(), me());
        return Answers.created(new TimelineView(entry.id, entry.at, views.local(entry.at), entry.kind, entry.author, entry.text));
    }

    @POST
    @Path("/{id}/updates")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Publish a tenant update from a template; public ones name components, reset the next-update deadline and are emailed to subscribers; "
            + "a repeated Idempotency-Key answers the first update (200, Idempotent-Replayed: true) and sends nothing again")
    @APIResponseSchema(value = UpdateView.class, responseCode = "201", responseDescription = "Published")
    @APIResponse(responseCode = "200", description = "A repeated Idempotency-Key (Idempotent-Replayed: true): the first update")
    public RestResponse<UpdateView> update(@PathParam("id") long id, @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
            @NotNull @Valid UpdateInput input) {
        IncidentService.Published published = incidents.publish(id, new IncidentService.Update(input.template(), input.body(), input.componentIds(),
                input.internal(), input.componentState()), me(), IdempotencyKeys.key("POST /api/incidents/" + id + "/updates", identity, idempotencyKey));
        UpdateView view = views.view(published.update());
        return published.replayed() ? Answers.replayed(view) : Answers.created(view);
    }

    @POST
    @Path("/{id}/updates/preview")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Preview a tenant update without publishing it: the same checks as publishing, the email's subject and text, "
            + "and how many confirmed subscribers of the named components it would email; nothing is written or sent")
    public UpdatePreviewView previewUpdate(@PathParam("id") long id, @NotNull @Valid UpdateInput input) {
        IncidentService.UpdatePreview p = incidents.previewUpdate(id, new IncidentService.Update(input.template(), input.body(), input.componentIds(),
                input.internal(), input.componentState()));
        return new UpdatePreviewView(input.template().name(), p.title(), p.body(), input.internal(), p.componentState(), p.componentIds(),
                p.componentNames(), p.recipients(), p.subject(), p.text());
    }

    @GET
    @Path("/{id}/severity/preview")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "If this incident's severity changed now, what would its targets become? Nothing is changed")
    public SeverityPreview previewSeverity(@PathParam("id") long id, @QueryParam("severity") String severity) {
        if (severity == null || severity.isBlank() || !severity.strip().matches(SEVERITY)) {
            throw ApiProblem.invalidField("severity", SEVERITY_MESSAGE);
        }
        Severity parsed = Severity.parse(severity.strip());
        Incident incident = Incident.<Incident>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
        if (!incident.open()) {
            throw ApiProblem.conflict("Incident " + id + " is resolved");
        }
        IncidentTargets.Regraded r = targets.regraded(incident, parsed, clock.instant());
        Targets t = r.targets();
        return new SeverityPreview(parsed.name(), t.aka(), t.period(), t.column().clock().written(), r.respondBy(), views.local(r.respondBy()),
                r.respondByMoves(), r.nextUpdateBy(), views.local(r.nextUpdateBy()));
    }

    @POST
    @Path("/{id}/severity")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Change the severity, with a reason; the targets are recomputed from now")
    public IncidentView severity(@PathParam("id") long id, @NotNull @Valid SeverityInput input) {
        incidents.changeSeverity(id, Severity.parse(input.severity()), input.reason(), me());
        return get(id);
    }

    @POST
    @Path("/{id}/resolve")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Resolve, recording who agreed; the resolved update goes out and every timer stops")
    public IncidentView resolve(@PathParam("id") long id, @NotNull @Valid ResolveInput input) {
        incidents.resolve(id, input.agreedBy(), input.body(), me());
        return get(id);
    }

    private String me() {
        return identity.getPrincipal().getName();
    }

    private static IncidentStatus parseStatus(String status) {
        try {
            return IncidentStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "'" + status + "' is not one of open, all, INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED");
        }
    }
}
