package uk.gov.paas.support.escalation.console;

import static uk.gov.paas.support.kernel.console.FormValues.blank;
import static uk.gov.paas.support.kernel.console.FormValues.blankToNull;
import static uk.gov.paas.support.kernel.console.FormValues.nullToEmpty;
import static uk.gov.paas.support.kernel.console.FormValues.seeOther;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
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
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.rest.PageResource;
import uk.gov.paas.support.escalation.rest.PageViews.PageView;
import uk.gov.paas.support.escalation.rest.PeopleResource;
import uk.gov.paas.support.escalation.rest.PeopleResource.PersonView;
import uk.gov.paas.support.escalation.rest.PolicyResource;
import uk.gov.paas.support.escalation.rest.PolicyResource.LevelView;
import uk.gov.paas.support.escalation.rest.PolicyResource.PolicyView;
import uk.gov.paas.support.escalation.rest.RotaResource;
import uk.gov.paas.support.escalation.rest.RotaResource.OnCallView;
import uk.gov.paas.support.escalation.rest.RotaResource.OverrideView;
import uk.gov.paas.support.escalation.rest.RotaResource.RotaView;
import uk.gov.paas.support.escalation.rest.RotaResource.ShiftView;
import uk.gov.paas.support.escalation.rest.RoutingKeyResource;
import uk.gov.paas.support.escalation.service.OnCallService;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.console.Console;
import uk.gov.paas.support.kernel.console.FormErrors;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;

/**
 * On call in a browser: who is on call now and next on each rota, the shifts week by week, overrides, people and their
 * leave, routing keys, the escalation policy, and the pages with acknowledge and resolve. Every read and change goes
 * through the API's own resources ({@link RotaResource}, {@link PeopleResource}, {@link PageResource}, ...), so who is
 * on call, who sees a phone number and what an acknowledgement needs have one implementation; a rule's 400 or 409 comes
 * back on the form, next to its field, with what was typed kept.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed({Roles.AGENT, Roles.ADMIN})
public class OnCallConsole {

    /** A rota on the on-call page: who is on call now and next, and its overrides still to come or running. */
    public record RotaNow(RotaView rota, OnCallView onCall, List<OverrideView> overrides) {
    }

    /** A policy as people read it: each level in turn, then what happens after the last. */
    public record PolicyChain(PolicyView policy, List<String> steps, String afterwards) {
    }

    /** One shift of a rota within a calendar week. */
    public record WeekShift(RotaView rota, ShiftView shift) {
    }

    /** A week of the calendar, Monday to Sunday in the support zone. */
    public record Week(LocalDate monday, Instant start, List<WeekShift> shifts) {
    }

    static final int PAGE_SIZE = 25;
    static final int DEFAULT_WEEKS = 6;

    private final Console console;
    private final RotaResource rotas;
    private final PeopleResource people;
    private final PolicyResource policies;
    private final PageResource pages;
    private final RoutingKeyResource routingKeys;
    private final OnCallService onCall;
    private final Clock clock;
    private final Template onCallPage;
    private final Template calendarPage;
    private final Template peoplePage;
    private final Template personPage;
    private final Template integrationsPage;
    private final Template pagesPage;
    private final Template pagePage;
    private final Template overrideRemovePage;

    OnCallConsole(Console console, RotaResource rotas, PeopleResource people, PolicyResource policies, PageResource pages,
            RoutingKeyResource routingKeys, OnCallService onCall, Clock clock, @Location("console/on-call") Template onCallPage,
            @Location("console/calendar") Template calendarPage, @Location("console/people") Template peoplePage,
            @Location("console/person") Template personPage, @Location("console/integrations") Template integrationsPage,
            @Location("console/pages") Template pagesPage, @Location("console/page") Template pagePage,
            @Location("console/override-remove") Template overrideRemovePage) {
        this.overrideRemovePage = overrideRemovePage;
        this.console = console;
        this.rotas = rotas;
        this.people = people;
        this.policies = policies;
        this.pages = pages;
        this.routingKeys = routingKeys;
        this.onCall = onCall;
        this.clock = clock;
        this.onCallPage = onCallPage;
        this.calendarPage = calendarPage;
        this.peoplePage = peoplePage;
        this.personPage = personPage;
        this.integrationsPage = integrationsPage;
        this.pagesPage = pagesPage;
        this.pagePage = pagePage;
    }

    @GET
    public Response home() {
        return seeOther("/console/on-call");
    }

    // --- who is on call, overrides

    @GET
    @Path("/on-call")
    public TemplateInstance onCall(@QueryParam("done") String done) {
        return onCallPage(done, null, Map.of());
    }

    private TemplateInstance onCallPage(String done, FormErrors errors, Map<String, String> typed) {
        Instant now = clock.instant();
        List<RotaNow> rotaNow = orderedRotas().stream().map(r -> new RotaNow(r, rotas.onCall(String.valueOf(r.id()), null),
                rotas.overrides(String.valueOf(r.id())).stream().filter(o -> o.to().isAfter(now))
                        .sorted(Comparator.comparing(OverrideView::from)).toList())).toList();
        String notice = done == null ? null : switch (done) {
            case "override" -> "Override added.";
            case "override-removed" -> "Override removed.";
            default -> null;
        };
        Map<Long, String> rotaNames = new LinkedHashMap<>();
        rotaNow.forEach(r -> rotaNames.put(r.rota().id(), r.rota().name()));
        return onCallPage.data("page", console.page("On call", "on-call")).data("rotas", rotaNow).data("notice", notice)
                .data("errors", errors).data("values", typed).data("people", everyone())
                .data("routedNow", onCall.routedPurpose(now) == RotaPurpose.SUPPORT ? "support" : "escalation")
                .data("policies", policies.list().stream().map(p -> chain(p, rotaNames)).toList());
    }

    @POST
    @Path("/on-call/overrides")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addOverride(@RestForm String rota, @RestForm String personId, @RestForm String from, @RestForm String to,
            @RestForm String reason) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("rota", nullToEmpty(rota));
        typed.put("personId", nullToEmpty(personId));
        typed.put("from", nullToEmpty(from));
        typed.put("to", nullToEmpty(to));
        typed.put("reason", nullToEmpty(reason));
        Map<String, String> unreadable = new LinkedHashMap<>();
        Long rotaId = number("rota", rota, "choose a rota", unreadable);
        Long person = number("personId", personId, "choose who covers", unreadable);
        Instant fromAt = localTime("from", from, unreadable);
        Instant toAt = localTime("to", to, unreadable);
        try {
            if (rotaId == null) {
                throw ApiProblem.invalidField("rota", unreadable.get("rota"));
            }
            // the API's rules decide the rest: who exists, from before to, a reason given
            rotas.addOverride(rotaId, new RotaResource.OverrideInput(person, fromAt, toAt, reason));
            return seeOther("/console/on-call?done=override");
        } catch (RuntimeException e) {
            FormErrors errors = errors("override", e, "/console/on-call", unreadable);
            return Response.status(status(e)).entity(onCallPage(null, errors, typed)).build();
        }
    }

    @GET
    @Path("/on-call/overrides/{rota}/{override}/remove")
    public TemplateInstance removeOverrideForm(@PathParam("rota") long rota, @PathParam("override") long override) {
        return removePage(rota, override, null, Map.of());
    }

    /** Removing an override asks why first (the API's rule: the reason stays on record with who removed it). */
    @POST
    @Path("/on-call/overrides/{rota}/{override}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeOverride(@PathParam("rota") long rota, @PathParam("override") long override, @RestForm String reason) {
        try {
            rotas.removeOverride(rota, override, blankToNull(reason));
            return seeOther("/console/on-call?done=override-removed");
        } catch (RuntimeException e) {
            FormErrors errors = errors("remove", e, "/console/on-call/overrides/" + rota + "/" + override + "/remove", Map.of());
            if (status(e) == 404) {
                throw e;
            }
            return Response.status(status(e)).entity(removePage(rota, override, errors, Map.of("reason", nullToEmpty(reason)))).build();
        }
    }

    private TemplateInstance removePage(long rota, long override, FormErrors errors, Map<String, String> typed) {
        RotaResource.RotaView shown = rotas.get(String.valueOf(rota));
        RotaResource.OverrideView entry = rotas.overrides(String.valueOf(rota)).stream().filter(o -> o.id() == override).findFirst()
                .orElseThrow(() -> ApiProblem.notFound("Rota " + rota + " has no override " + override));
        return overrideRemovePage.data("page", console.page("Remove an override", "on-call")).data("rota", shown).data("override", entry)
                .data("errors", errors).data("values", typed);
    }

    // --- the shifts, week by week

    @GET
    @Path("/on-call/calendar")
    public TemplateInstance calendar(@QueryParam("weeks") @DefaultValue("6") int weeks) {
        int shown = Math.max(1, Math.min(weeks, 26));
        ZoneId zone = onCall.calendar().zone();
        LocalDate monday = clock.instant().atZone(zone).toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        List<Week> calendar = new ArrayList<>();
        for (int i = 0; i < shown; i++) {
            LocalDate day = monday.plusWeeks(i);
            calendar.add(new Week(day, day.atStartOfDay(zone).toInstant(), new ArrayList<>()));
        }
        Instant start = calendar.get(0).start();
        Instant end = monday.plusWeeks(shown).atStartOfDay(zone).toInstant();
        for (RotaView rota : orderedRotas()) {
            // the API's next shifts from the start of this week, overrides included; a shift spanning two weeks is in both
            for (ShiftView shift : rotas.shifts(String.valueOf(rota.id()), start.toString(), 100)) {
                if (!shift.start().isBefore(end)) {
                    break;
                }
                for (int i = 0; i < calendar.size(); i++) {
                    Instant weekEnd = i + 1 < calendar.size() ? calendar.get(i + 1).start() : end;
                    if (shift.start().isBefore(weekEnd) && shift.end().isAfter(calendar.get(i).start())) {
                        calendar.get(i).shifts().add(new WeekShift(rota, shift));
                    }
                }
            }
        }
        return calendarPage.data("page", console.page("On-call calendar", "calendar")).data("weeks", calendar).data("count", shown);
    }

    // --- people and their leave

    @GET
    @Path("/people")
    public TemplateInstance people(@QueryParam("page") @DefaultValue("1") int page) {
        int shown = Math.max(1, Math.min(page, 1_000_000));
        Paged<PersonView> found = people.list(null, null, shown - 1, PAGE_SIZE);
        return peoplePage.data("page", console.page("People", "people")).data("people", found.items()).data("total", found.total()).data("totalText", found.totalText())
                .data("phones", found.items().stream().anyMatch(p -> p.phone() != null)).data("query", "").data("pageNumber", shown)
                .data("pages", found.pages()).data("pagesText", found.pagesText());
    }

    @GET
    @Path("/people/{id}")
    public TemplateInstance person(@PathParam("id") long id, @QueryParam("done") String done) {
        return personPage(id, done, null, Map.of());
    }

    private TemplateInstance personPage(long id, String done, FormErrors errors, Map<String, String> typed) {
        PersonView person = people.get(id);
        String notice = done == null ? null : switch (done) {
            case "unavailable" -> "Unavailability added: escalation skips " + person.name() + " then.";
            case "unavailable-removed" -> "Unavailability removed.";
            default -> null;
        };
        return personPage.data("page", console.page(person.name(), "people")).data("person", person).data("notice", notice)
                .data("errors", errors).data("values", typed).data("now", clock.instant());
    }

    @POST
    @Path("/people/{id}/unavailability")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response addUnavailability(@PathParam("id") long id, @RestForm String from, @RestForm String to, @RestForm String reason) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("from", nullToEmpty(from));
        typed.put("to", nullToEmpty(to));
        typed.put("reason", nullToEmpty(reason));
        Map<String, String> unreadable = new LinkedHashMap<>();
        Instant fromAt = localTime("from", from, unreadable);
        Instant toAt = localTime("to", to, unreadable);
        return onPerson(id, "unavailability", typed, unreadable, () -> {
            people.addUnavailability(id, new PeopleResource.UnavailabilityInput(fromAt, toAt, blankToNull(reason)));
            return "/console/people/" + id + "?done=unavailable";
        });
    }

    @POST
    @Path("/people/{id}/unavailability/{period}/remove")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response removeUnavailability(@PathParam("id") long id, @PathParam("period") long period) {
        return onPerson(id, "remove", Map.of(), Map.of(), () -> {
            people.removeUnavailability(id, period);
            return "/console/people/" + id + "?done=unavailable-removed";
        });
    }

    private Response onPerson(long id, String form, Map<String, String> typed, Map<String, String> unreadable, Supplier<String> change) {
        try {
            return seeOther(change.get());
        } catch (RuntimeException e) {
            FormErrors errors = errors(form, e, "/console/people/" + id, unreadable);
            if (status(e) == 404 && unreadable.isEmpty()) {
                throw e;
            }
            return Response.status(status(e)).entity(personPage(id, null, errors, typed)).build();
        }
    }

    // --- integrations (routing keys) and the escalation policies

    @GET
    @Path("/integrations")
    public TemplateInstance integrations() {
        boolean admin = console.person().map(p -> Roles.ADMIN.equals(p.role())).orElse(false);
        Map<Long, String> rotaNames = new LinkedHashMap<>();
        rotas.list().forEach(r -> rotaNames.put(r.id(), r.name()));
        List<PolicyChain> chains = policies.list().stream().map(p -> chain(p, rotaNames)).toList();
        Map<Long, String> policyNames = new LinkedHashMap<>();
        chains.forEach(c -> policyNames.put(c.policy().id(), c.policy().name()));
        String defaultPolicy = chains.stream().filter(c -> c.policy().isDefault()).map(c -> c.policy().name()).findFirst().orElse("the default policy");
        // routing keys are an administrator's (the API's rule): an agent is told so rather than shown a refusal
        return integrationsPage.data("page", console.page("Integrations", "integrations")).data("admin", admin)
                .data("keys", admin ? routingKeys.list() : List.of()).data("policyNames", policyNames).data("defaultPolicy", defaultPolicy)
                .data("policies", chains);
    }

    // --- pages

    @GET
    @Path("/pages")
    public Response pages(@QueryParam("status") @DefaultValue("open") String status, @QueryParam("page") @DefaultValue("1") int page) {
        int shown = Math.max(1, Math.min(page, 1_000_000));
        String chosen = List.of("open", "all", "WAITING", "TRIGGERED", "ACKNOWLEDGED", "RESOLVED").contains(status) ? status : "open";
        Paged<PageView> found = pages.list(chosen, shown - 1, PAGE_SIZE);
        return Response.ok(pagesPage.data("page", console.page("Pages", "pages")).data("items", found.items()).data("total", found.total()).data("totalText", found.totalText())
                .data("status", chosen).data("query", "status=" + chosen).data("pageNumber", shown)
                .data("pages", found.pages()).data("pagesText", found.pagesText())).build();
    }

    @GET
    @Path("/pages/{id}")
    public TemplateInstance page(@PathParam("id") long id, @QueryParam("done") String done) {
        return pagePage(id, done, null);
    }

    private TemplateInstance pagePage(long id, String done, FormErrors errors) {
        PageView view = pages.get(id);
        String notice = done == null ? null : switch (done) {
            case "acknowledged" -> "Page acknowledged: escalation has stopped.";
            case "already-acknowledged" -> "This page was already acknowledged by " + view.acknowledgedBy() + "; nothing changed.";
            case "resolved" -> "Page resolved.";
            case "already-resolved" -> "This page was already resolved by " + view.resolvedBy() + "; nothing changed.";
            default -> null;
        };
        Map<Long, String> names = new LinkedHashMap<>();
        if (view.log() != null) {
            view.log().stream().map(e -> e.personId()).filter(p -> p != null).distinct().forEach(p -> names.put(p, name(p)));
        }
        String policy;
        try {
            policy = policies.get(view.policyId()).name();
        } catch (RuntimeException gone) {
            policy = "policy " + view.policyId();
        }
        return pagePage.data("page", console.page("Page #" + view.id() + " " + view.summary(), "pages")).data("p", view)
                .data("names", names).data("policy", policy).data("notice", notice).data("errors", errors);
    }

    @POST
    @Path("/pages/{id}/acknowledge")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acknowledge(@PathParam("id") long id) {
        return onPage(id, "page", () -> {
            boolean already = pages.get(id).status() == PageStatus.ACKNOWLEDGED;
            pages.acknowledge(id);
            return "/console/pages/" + id + "?done=" + (already ? "already-acknowledged" : "acknowledged");
        });
    }

    @POST
    @Path("/pages/{id}/resolve")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response resolve(@PathParam("id") long id) {
        return onPage(id, "page", () -> {
            boolean already = pages.get(id).status() == PageStatus.RESOLVED;
            pages.resolve(id);
            return "/console/pages/" + id + "?done=" + (already ? "already-resolved" : "resolved");
        });
    }

    private Response onPage(long id, String form, Supplier<String> change) {
        try {
            return seeOther(change.get());
        } catch (RuntimeException e) {
            FormErrors errors = errors(form, e, "/console/pages/" + id, Map.of());
            if (status(e) == 404) {
                throw e;
            }
            return Response.status(status(e)).entity(pagePage(id, null, errors)).build();
        }
    }

    // --- shared

    /** The support rota first, then the escalation rota, then the others by id. */
    private List<RotaView> orderedRotas() {
        return rotas.list().stream().sorted(Comparator.comparingInt((RotaView r) -> r.purpose() == null ? 2 : r.purpose() == RotaPurpose.SUPPORT ? 0 : 1)
                .thenComparingLong(RotaView::id)).toList();
    }

    private List<PersonView> everyone() {
        return people.list(null, null, 0, Paged.MAX_SIZE).items().stream().sorted(Comparator.comparing(PersonView::name)).toList();
    }

    private String name(long personId) {
        try {
            return people.get(personId).name();
        } catch (RuntimeException gone) {
            return "person " + personId;
        }
    }

    static PolicyChain chain(PolicyView policy, Map<Long, String> rotaNames) {
        List<String> steps = new ArrayList<>();
        for (LevelView level : policy.levels()) {
            String who = switch (level.kind()) {
                case ON_CALL -> "whoever is on call (the support rota in hours, the escalation rota out of hours)";
                case ROTA -> "whoever is on call on the " + rotaNames.getOrDefault(level.rotaId(), "rota " + level.rotaId()) + " rota";
                case ROLE -> "every available " + (level.role() == null ? "holder of the role" : level.role().replace('-', ' '));
            };
            steps.add("Level " + level.level() + ": " + who + ", acknowledge within " + level.ackTimeoutMinutes() + " min");
        }
        String afterwards = policy.repeatCount() == 0 ? "Then nobody: the page stays open and is counted as exhausted."
                : "Then from level 1 again (" + policy.repeatCount() + (policy.repeatCount() == 1 ? " more time" : " more times")
                        + "), then nobody: the page stays open and is counted as exhausted.";
        return new PolicyChain(policy, steps, afterwards);
    }

    /** A date and time typed in the support zone (a {@code datetime-local} field); what cannot be read is noted for the form. */
    private Instant localTime(String field, String text, Map<String, String> unreadable) {
        if (blank(text)) {
            unreadable.put(field, "enter a date and time (London time)");
            return null;
        }
        try {
            // a time the spring clock change skips moves forward, an ambiguous one takes the earlier instant, as rotas do
            return LocalDateTime.parse(text.strip().replace(' ', 'T')).atZone(onCall.calendar().zone()).toInstant();
        } catch (DateTimeParseException e) {
            unreadable.put(field, "enter a date and time such as 2026-12-07T09:00 (London time)");
            return null;
        }
    }

    /** A choice of a select (an id); none or a tampered one is noted for the form. */
    private static Long number(String field, String text, String message, Map<String, String> unreadable) {
        try {
            return Long.valueOf(nullToEmpty(text).strip());
        } catch (NumberFormatException e) {
            unreadable.put(field, message);
            return null;
        }
    }

    private static int status(RuntimeException e) {
        return FormErrors.status(e);
    }

    private static FormErrors errors(String form, RuntimeException e, String instance, Map<String, String> unreadable) {
        return FormErrors.of(form, e, instance, unreadable);
    }

}
