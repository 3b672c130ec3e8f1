package uk.gov.paas.support.incident.console;

import static uk.gov.paas.support.kernel.console.FormValues.blank;
import static uk.gov.paas.support.kernel.console.FormValues.blankToNull;
import static uk.gov.paas.support.kernel.console.FormValues.nullToEmpty;
import static uk.gov.paas.support.kernel.console.FormValues.seeOther;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.RestForm;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.UpdateTemplate;
import uk.gov.paas.support.incident.rest.ComponentResource;
import uk.gov.paas.support.incident.rest.ComponentResource.ComponentView;
import uk.gov.paas.support.incident.rest.IncidentResource;
import uk.gov.paas.support.incident.rest.IncidentViews.IncidentView;
import uk.gov.paas.support.incident.rest.IncidentViews.TimelineView;
import uk.gov.paas.support.incident.rest.ReviewResource;
import uk.gov.paas.support.incident.service.Reviews;
import uk.gov.paas.support.incident.statuspage.SafeMarkdown;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.console.Console;
import uk.gov.paas.support.kernel.console.FormErrors;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * Incidents in a browser: the board of open incidents with their deadlines, declaring one, the incident page (team,
 * timeline, severity with a preview of the new targets, tenant updates with a preview of the text and recipients,
 * resolve), the report with its public version, the publish decision and the review, and the status page's components.
 * Every read and change goes through the API's own resources ({@link IncidentResource}, {@link ReviewResource},
 * {@link ComponentResource}), so each rule has one implementation; a rule's 400, 404 or 409 comes back on the form, next
 * to its field, with what was typed kept.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class IncidentConsole {

    /** A deadline as the board shows it: the instant, how far off it is (ISO-8601, for durationForPeople) and whether it has passed. */
    public record Due(Instant at, String remaining, boolean overdue) {
    }

    /** A component offered as a checkbox, ticked when the form had it. */
    public record Choice(ComponentView component, boolean checked) {
    }

    /** A component on the components page with its own form's errors. */
    public record ComponentRow(ComponentView component, FormErrors errors) {
    }

    /** One row of the board. */
    public record Row(IncidentView incident, Due respondBy, Due nextUpdateBy) {
    }

    private final IncidentResource api;
    private final ReviewResource reviews;
    private final ComponentResource components;
    private final Console console;
    private final Clock clock;
    private final SupportCalendar calendar;
    private final TargetsTable targets;
    private final Template board;
    private final Template declare;
    private final Template incident;
    private final Template updatePreview;
    private final Template severityPreview;
    private final Template report;
    private final Template componentsPage;

    IncidentConsole(IncidentResource api, ReviewResource reviews, ComponentResource components, Console console, Clock clock, SupportCalendar calendar, TargetsTable targets,
            @Location("console/board") Template board, @Location("console/declare") Template declare, @Location("console/incident") Template incident,
            @Location("console/update-preview") Template updatePreview, @Location("console/severity-preview") Template severityPreview,
            @Location("console/report") Template report, @Location("console/components") Template componentsPage) {
        this.api = api;
        this.reviews = reviews;
        this.components = components;
        this.console = console;
        this.clock = clock;
        this.calendar = calendar;
        this.targets = targets;
        this.board = board;
        this.declare = declare;
        this.incident = incident;
        this.updatePreview = updatePreview;
        this.severityPreview = severityPreview;
        this.report = report;
        this.componentsPage = componentsPage;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response home() {
        return seeOther("/console/incidents");
    }

    // --- the board

    @GET
    @Path("/incidents")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance board(@QueryParam("done") String done) {
        Instant now = clock.instant();
        List<Row> rows = new ArrayList<>();
        // the board shows every open incident: there are few at a time, so one page of the API's largest size is all of them
        for (IncidentView i : api.list("open", 0, uk.gov.paas.support.kernel.api.Paged.MAX_SIZE).items()) {
            rows.add(new Row(i, due(i.respondBy(), now), due(i.nextUpdateBy(), now)));
        }
        return board.data("page", console.page("Open incidents", "incidents")).data("rows", rows).data("componentNames", componentNames())
                .data("notice", "resolved".equals(done) ? "Incident resolved." : null);
    }

    // --- declaring

    @GET
    @Path("/incidents/new")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance declareForm() {
        return declarePage(Map.of(), List.of(), null);
    }

    @POST
    @Path("/incidents")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response declare(@RestForm String title, @RestForm String description, @RestForm String severity, @RestForm List<String> componentIds,
            @RestForm String securityBreach, @RestForm String dataCorruptionRisk, @RestForm String sourceTicket, @RestForm("form-id") String formId) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("title", nullToEmpty(title));
        typed.put("description", nullToEmpty(description));
        typed.put("severity", nullToEmpty(severity));
        typed.put("securityBreach", nullToEmpty(securityBreach));
        typed.put("dataCorruptionRisk", nullToEmpty(dataCorruptionRisk));
        typed.put("sourceTicket", nullToEmpty(sourceTicket));
        typed.put("form-id", nullToEmpty(formId));
        List<String> ticked = componentIds == null ? List.of() : componentIds;
        try {
            String ticket = blankToNull(sourceTicket) == null ? null : sourceTicket.strip().replaceFirst("^#", "");
            if (ticket != null && !ticket.matches("\\d{1,18}")) {
                throw ApiProblem.invalidField("sourceTicket", "enter the ticket's number, such as 42, or leave it empty");
            }
            var answer = api.declare(blankToNull(formId), new IncidentResource.DeclareInput(title, blankToNull(description), blankToNull(severity),
                    ids(ticked, "componentIds"), "yes".equals(securityBreach), "yes".equals(dataCorruptionRisk),
                    ticket == null ? uk.gov.paas.support.incident.domain.SourceKind.MANUAL : uk.gov.paas.support.incident.domain.SourceKind.TICKET,
                    ticket == null ? null : "ticket-" + ticket));
            return seeOther("/console/incidents/" + answer.getEntity().id() + "?done=declared");
        } catch (RuntimeException e) {
            FormErrors errors = errors("declare", e, "/console/incidents");
            return Response.status(status(e)).entity(declarePage(typed, ticked, errors)).build();
        }
    }

    private TemplateInstance declarePage(Map<String, String> typed, List<String> ticked, FormErrors errors) {
        Map<String, String> values = new LinkedHashMap<>(typed);
        if (blank(values.get("form-id"))) {
            values.put("form-id", UUID.randomUUID().toString());
        }
        return declare.data("page", console.page("Declare an incident", "declare")).data("values", values).data("choices", choices(ticked))
                .data("severities", severities()).data("errors", errors);
    }

    // --- one incident

    @GET
    @Path("/incidents/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance incident(@PathParam("id") long id, @QueryParam("done") String done) {
        return incidentPage(id, done, null, Map.of(), List.of());
    }

    private TemplateInstance incidentPage(long id, String done, FormErrors errors, Map<String, String> typed, List<String> ticked) {
        IncidentView view = api.get(id);
        Instant now = clock.instant();
        String me = console.person().map(Console.Person::email).orElse("");
        boolean lead = view.leadEmail() != null && view.leadEmail().equalsIgnoreCase(me);
        List<TimelineEntry.Kind> kinds = new ArrayList<>();
        for (TimelineEntry.Kind k : TimelineEntry.Kind.values()) {
            // the API refuses a production change from anyone but the lead; the page does not offer it to them
            if (k.written() && (k != TimelineEntry.Kind.PRODUCTION_CHANGE || lead)) {
                kinds.add(k);
            }
        }
        String notice = done == null ? null : switch (done) {
            case "declared" -> "Incident declared.";
            case "team" -> "Team saved.";
            case "timeline" -> "Added to the timeline.";
            case "severity" -> "Severity changed; the new targets apply.";
            case "update" -> "Update published.";
            case "internal" -> "Internal update recorded; nobody was emailed.";
            default -> null;
        };
        return incident.data("page", console.page("#" + view.id() + " " + view.title(), "incidents")).data("incident", view)
                .data("respondBy", due(view.respondBy(), now)).data("nextUpdateBy", due(view.nextUpdateBy(), now)).data("kinds", kinds)
                .data("templates", List.of(UpdateTemplate.INVESTIGATING, UpdateTemplate.IDENTIFIED, UpdateTemplate.MONITORING))
                .data("states", ComponentState.values()).data("choices", choices(ticked)).data("componentNames", componentNames())
                .data("severities", severities()).data("chosenSeverity", blank(typed.get("severity")) ? view.severity() : typed.get("severity"))
                .data("lead", lead).data("notice", notice).data("errors", errors).data("values", typed);
    }

    @POST
    @Path("/incidents/{id}/team")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response team(@PathParam("id") long id, @RestForm String leadEmail, @RestForm String commsEmail, @RestForm String commsName,
            @RestForm String members) {
        return act(id, "team", Map.of("leadEmail", nullToEmpty(leadEmail), "commsEmail", nullToEmpty(commsEmail), "commsName", nullToEmpty(commsName),
                "members", nullToEmpty(members)), List.of(), () -> {
                    api.team(id, new IncidentResource.TeamInput(blankToNull(leadEmail), blankToNull(commsEmail), blankToNull(commsName),
                            members == null ? null : members(members)));
                    return "/console/incidents/" + id + "?done=team";
                });
    }

    @POST
    @Path("/incidents/{id}/timeline")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response timeline(@PathParam("id") long id, @RestForm String kind, @RestForm String text) {
        return act(id, "timeline", Map.of("kind", nullToEmpty(kind), "text", nullToEmpty(text)), List.of(), () -> {
            api.timeline(id, new IncidentResource.TimelineInput(kindOf(kind), text));
            return "/console/incidents/" + id + "?done=timeline";
        });
    }

    /** Step one of a severity change: the new targets, computed by the API's rule, and a button that confirms them. */
    @POST
    @Path("/incidents/{id}/severity/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response severityPreview(@PathParam("id") long id, @RestForm String severity, @RestForm String reason) {
        Map<String, String> typed = Map.of("severity", nullToEmpty(severity), "reason", nullToEmpty(reason));
        try {
            if (blank(reason)) {
                throw ApiProblem.invalidField("reason", "say why the severity changes");
            }
            IncidentResource.SeverityPreview preview = api.previewSeverity(id, severity);
            IncidentView view = api.get(id);
            return Response.ok(severityPreview.data("page", console.page("Change the severity of #" + id, "incidents")).data("incident", view)
                    .data("preview", preview).data("reason", reason.strip())).build();
        } catch (RuntimeException e) {
            return refused(id, "severity", e, typed, List.of());
        }
    }

    @POST
    @Path("/incidents/{id}/severity")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response severity(@PathParam("id") long id, @RestForm String severity, @RestForm String reason) {
        return act(id, "severity", Map.of("severity", nullToEmpty(severity), "reason", nullToEmpty(reason)), List.of(), () -> {
            api.severity(id, new IncidentResource.SeverityInput(blankToNull(severity), reason));
            return "/console/incidents/" + id + "?done=severity";
        });
    }

    /** Step one of a tenant update: the text as subscribers will read it and how many will be emailed; nothing is sent. */
    @POST
    @Path("/incidents/{id}/updates/preview")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response updatePreview(@PathParam("id") long id, @RestForm String template, @RestForm String body, @RestForm List<String> componentIds,
            @RestForm String componentState, @RestForm String internal) {
        List<String> ticked = componentIds == null ? List.of() : componentIds;
        Map<String, String> typed = Map.of("template", nullToEmpty(template), "body", nullToEmpty(body), "componentState", nullToEmpty(componentState),
                "internal", nullToEmpty(internal));
        try {
            IncidentResource.UpdatePreviewView preview = api.previewUpdate(id, updateInput(template, body, ticked, componentState, internal));
            IncidentView view = api.get(id);
            return Response.ok(updatePreview.data("page", console.page("Preview the update of #" + id, "incidents")).data("incident", view)
                    .data("preview", preview).data("rawBody", nullToEmpty(body)).data("formId", UUID.randomUUID().toString())).build();
        } catch (RuntimeException e) {
            return refused(id, "update", e, typed, ticked);
        }
    }

    /** Step two: publish what was previewed (the confirm form carries it). */
    @POST
    @Path("/incidents/{id}/updates")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response update(@PathParam("id") long id, @RestForm String template, @RestForm String body, @RestForm List<String> componentIds,
            @RestForm String componentState, @RestForm String internal, @RestForm("form-id") String formId) {
        List<String> ticked = componentIds == null ? List.of() : componentIds;
        return act(id, "update", Map.of("template", nullToEmpty(template), "body", nullToEmpty(body), "componentState", nullToEmpty(componentState),
                "internal", nullToEmpty(internal)), ticked, () -> {
                    IncidentResource.UpdateInput input = updateInput(template, body, ticked, componentState, internal);
                    // the preview's form id is the Idempotency-Key: a confirm pressed twice publishes (and emails) once
                    api.update(id, blankToNull(formId), input);
                    return "/console/incidents/" + id + "?done=" + (input.internal() ? "internal" : "update");
                });
    }

    @POST
    @Path("/incidents/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response resolve(@PathParam("id") long id, @RestForm String agreedBy, @RestForm String body) {
        return act(id, "resolve", Map.of("agreedBy", nullToEmpty(agreedBy), "body", nullToEmpty(body)), List.of(), () -> {
            api.resolve(id, new IncidentResource.ResolveInput(blankToNull(agreedBy), blankToNull(body)));
            return "/console/incidents/" + id + "/report?done=resolved";
        });
    }

    // --- after the incident: the report, its public version, the publish decision, the review

    @GET
    @Path("/incidents/{id}/report")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance report(@PathParam("id") long id, @QueryParam("done") String done) {
        return reportPage(id, done, null, Map.of());
    }

    private TemplateInstance reportPage(long id, String done, FormErrors errors, Map<String, String> typed) {
        IncidentView view = api.get(id);
        ReviewResource.ReviewView review = view.resolvedAt() == null ? null : reviews.review(id);
        // the reminders the review scan sent (Reviews.remind writes them as REVIEW entries)
        List<TimelineView> reviewEntries = view.timeline().stream()
                .filter(e -> e.kind() == TimelineEntry.Kind.REVIEW && (e.text().startsWith("Review reminder") || e.text().startsWith("Review overdue"))).toList();
        String notice = done == null ? null : switch (done) {
            case "resolved" -> "Incident resolved. The review is due within 7 days.";
            case "published" -> "Report published on the status page.";
            case "not-published" -> "Decision recorded: the report is not published.";
            case "review" -> "Review recorded.";
            default -> null;
        };
        return report.data("page", console.page("Report of #" + id, "incidents")).data("incident", view).data("review", review)
                .data("reviewEntries", reviewEntries).data("reportHtml", SafeMarkdown.toHtml(reviews.report(id)))
                .data("publicHtml", SafeMarkdown.toHtml(reviews.publicReport(id))).data("roles", Reviews.ATTENDEE_ROLES)
                .data("notice", notice).data("errors", errors).data("values", typed);
    }

    @POST
    @Path("/incidents/{id}/report/publish")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response publish(@PathParam("id") long id, @RestForm String publish, @RestForm String reason) {
        Map<String, String> typed = Map.of("publish", nullToEmpty(publish), "reason", nullToEmpty(reason));
        try {
            Boolean decision = "yes".equals(publish) ? Boolean.TRUE : "no".equals(publish) ? Boolean.FALSE : null;
            ReviewResource.ReviewView review = reviews.publish(id, new ReviewResource.PublishInput(decision, blankToNull(reason)));
            return seeOther("/console/incidents/" + id + "/report?done=" + (review.publishedAt() != null ? "published" : "not-published"));
        } catch (RuntimeException e) {
            return reportRefused(id, "publish", e, typed);
        }
    }

    @POST
    @Path("/incidents/{id}/review")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response review(@PathParam("id") long id, @RestForm String heldAt, @RestForm("lead") String lead, @RestForm("comms") String comms,
            @RestForm("team") String team, @RestForm("delivery-manager") String deliveryManager, @RestForm("product-manager") String productManager,
            @RestForm("technical-architect") String technicalArchitect) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("heldAt", nullToEmpty(heldAt));
        typed.put("lead", nullToEmpty(lead));
        typed.put("comms", nullToEmpty(comms));
        typed.put("team", nullToEmpty(team));
        typed.put("delivery-manager", nullToEmpty(deliveryManager));
        typed.put("product-manager", nullToEmpty(productManager));
        typed.put("technical-architect", nullToEmpty(technicalArchitect));
        try {
            Instant held;
            try {
                held = blank(heldAt) ? null : LocalDateTime.parse(heldAt.strip()).atZone(calendar.zone()).toInstant();
            } catch (DateTimeParseException e) {
                throw ApiProblem.invalidField("heldAt", "enter when the review was held, such as 2026-12-07T14:30");
            }
            List<ReviewResource.AttendeeInput> attendees = new ArrayList<>();
            for (String role : Reviews.ATTENDEE_ROLES) {
                for (String name : nullToEmpty(typed.get(role)).split(",")) {
                    if (!name.isBlank()) {
                        attendees.add(new ReviewResource.AttendeeInput(role, name.strip()));
                    }
                }
            }
            reviews.held(id, new ReviewResource.ReviewInput(held, attendees));
            return seeOther("/console/incidents/" + id + "/report?done=review");
        } catch (RuntimeException e) {
            return reportRefused(id, "review", e, typed);
        }
    }

    private Response reportRefused(long id, String form, RuntimeException e, Map<String, String> typed) {
        if (status(e) == 404) {
            throw e;
        }
        FormErrors errors = errors(form, e, "/console/incidents/" + id + "/report");
        return Response.status(status(e)).entity(reportPage(id, null, errors, typed)).build();
    }

    // --- components of the status page

    @GET
    @Path("/components")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance components(@QueryParam("done") String done) {
        return componentsPage(done, null, Map.of());
    }

    private TemplateInstance componentsPage(String done, FormErrors errors, Map<String, String> typed) {
        return componentsPage(done, errors, typed, null);
    }

    private TemplateInstance componentsPage(String done, FormErrors errors, Map<String, String> typed, Long failed) {
        boolean admin = console.person().map(p -> Roles.ADMIN.equals(p.role())).orElse(false);
        List<ComponentRow> rows = components.list().stream().map(c -> new ComponentRow(c, failed != null && failed == c.id() ? errors : null)).toList();
        return componentsPage.data("page", console.page("Components", "components")).data("rows", rows)
                .data("states", ComponentState.values()).data("admin", admin).data("errors", errors).data("values", typed)
                .data("notice", "added".equals(done) ? "Component added." : "changed".equals(done) ? "Component changed; the status page shows it." : null);
    }

    @POST
    @Path("/components")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response addComponent(@RestForm String name, @RestForm String description, @RestForm String position) {
        Map<String, String> typed = Map.of("name", nullToEmpty(name), "description", nullToEmpty(description), "position", nullToEmpty(position));
        try {
            components.create(new ComponentResource.ComponentInput(name, blankToNull(description), number(position, "position")));
            return seeOther("/console/components?done=added");
        } catch (RuntimeException e) {
            FormErrors errors = errors("add", e, "/console/components");
            return Response.status(status(e)).entity(componentsPage(null, errors, typed)).build();
        }
    }

    @POST
    @Path("/components/{id}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed(Roles.ADMIN)
    public Response changeComponent(@PathParam("id") long id, @RestForm String position, @RestForm String state) {
        String form = "component";
        try {
            ComponentState chosen;
            try {
                chosen = blank(state) ? null : ComponentState.valueOf(state.strip());
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("state", "choose a state");
            }
            components.change(id, new ComponentResource.ComponentChange(null, blank(position) ? null : number(position, "position"), chosen));
            return seeOther("/console/components?done=changed");
        } catch (RuntimeException e) {
            if (status(e) == 404) {
                throw e;
            }
            FormErrors errors = errors(form, e, "/console/components");
            return Response.status(status(e)).entity(componentsPage(null, errors, Map.of(), id)).build();
        }
    }

    // --- shared

    private IncidentResource.UpdateInput updateInput(String template, String body, List<String> ticked, String componentState, String internal) {
        UpdateTemplate chosen;
        try {
            chosen = blank(template) ? null : UpdateTemplate.valueOf(template.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("template", "choose a template");
        }
        ComponentState state;
        try {
            state = blank(componentState) ? null : ComponentState.valueOf(componentState.strip());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("componentState", "choose a state");
        }
        return new IncidentResource.UpdateInput(chosen, blankToNull(body), ids(ticked, "componentIds"), "yes".equals(internal), state);
    }

    /** Runs one change; on success on to its page (post, redirect, get), on a rule's refusal the incident page again with the form's errors. */
    private Response act(long id, String form, Map<String, String> typed, List<String> ticked, Supplier<String> change) {
        try {
            return seeOther(change.get());
        } catch (RuntimeException e) {
            return refused(id, form, e, typed, ticked);
        }
    }

    private Response refused(long id, String form, RuntimeException e, Map<String, String> typed, List<String> ticked) {
        if (status(e) == 404) {
            throw e;
        }
        FormErrors errors = errors(form, e, "/console/incidents/" + id);
        return Response.status(status(e)).entity(incidentPage(id, null, errors, typed, ticked)).build();
    }

    private List<Choice> choices(List<String> ticked) {
        return components.list().stream().map(c -> new Choice(c, ticked.contains(Long.toString(c.id())))).toList();
    }

    /** The severities a form offers, with the name each goes by (P1 Critical). */
    private Map<String, String> severities() {
        Map<String, String> severities = new LinkedHashMap<>();
        for (Severity s : Severity.values()) {
            severities.put(s.name(), targets.row(s).aka());
        }
        return severities;
    }

    private Map<Long, String> componentNames() {
        Map<Long, String> names = new LinkedHashMap<>();
        components.list().forEach(c -> names.put(c.id(), c.name()));
        return names;
    }

    private static TimelineEntry.Kind kindOf(String kind) {
        try {
            TimelineEntry.Kind k = TimelineEntry.Kind.valueOf(nullToEmpty(kind).strip());
            if (k.written()) {
                return k;
            }
        } catch (IllegalArgumentException e) {
            // refused below, as any kind people do not write
        }
        throw ApiProblem.invalidField("kind", "choose what kind of entry this is");
    }

    private static List<Long> ids(List<String> values, String field) {
        List<Long> ids = new ArrayList<>();
        for (String v : values) {
            try {
                ids.add(Long.valueOf(v.strip()));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField(field, "choose components from the list");
            }
        }
        return ids;
    }

    private static int number(String text, String field) {
        if (blank(text)) {
            return 0;
        }
        try {
            return Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            throw ApiProblem.invalidField(field, "enter a whole number, such as 3");
        }
    }

    private static Due due(Instant at, Instant now) {
        return at == null ? null : new Due(at, Duration.between(now, at).abs().toString(), !at.isAfter(now));
    }

    /** The team members' box: one a line, the email address, then a comma and the name (optional); the API checks each address. */
    static List<IncidentResource.MemberInput> members(String text) {
        return text.lines().map(String::strip).filter(line -> !line.isEmpty()).map(line -> {
            int comma = line.indexOf(',');
            return comma < 0 ? new IncidentResource.MemberInput(line, null)
                    : new IncidentResource.MemberInput(line.substring(0, comma).strip(), blankToNull(line.substring(comma + 1)));
        }).toList();
    }

    private static int status(RuntimeException e) {
        return FormErrors.status(e);
    }

    private static FormErrors errors(String form, RuntimeException e, String instance) {
        return FormErrors.of(form, e, instance);
    }

}
