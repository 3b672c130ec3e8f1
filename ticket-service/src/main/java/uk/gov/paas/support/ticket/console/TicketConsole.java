package uk.gov.paas.support.ticket.console;

import static uk.gov.paas.support.kernel.console.FormValues.blank;
import static uk.gov.paas.support.kernel.console.FormValues.blankToNull;
import static uk.gov.paas.support.kernel.console.FormValues.nullToEmpty;
import static uk.gov.paas.support.kernel.console.FormValues.seeOther;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
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
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.console.Console;
import uk.gov.paas.support.kernel.console.FormErrors;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.domain.TicketType;
import uk.gov.paas.support.ticket.rest.SuspendedMailResource;
import uk.gov.paas.support.ticket.rest.TicketResource;
import uk.gov.paas.support.ticket.service.HandOver;
import uk.gov.paas.support.ticket.rest.TicketViews.AnyTicketView;
import uk.gov.paas.support.ticket.rest.TicketViews.TenantTicketView;
import uk.gov.paas.support.ticket.rest.TicketViews.TicketView;

/**
 * The support desk in a browser: agents' queues and the ticket page, tenants' tickets, the form that raises one and
 * their replies. Every read and every change goes through the API's own resource ({@link TicketResource}), so each rule
 * (who sees what, what a move needs, what is emailed) has one implementation; a rule's 400, 404 or 409 comes back on the
 * form, next to its field, with what was typed kept.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class TicketConsole {

    /** A queue of the agents' view: its name, the API filter it is, and how many tickets are in it. */
    public record Queue(String key, String label, String view, String group, String status, long count, boolean active) {
        /** The count as the tab shows it: exact up to {@link #COUNTED}, then "1,000+". */
        public String shownCount() {
            return count >= COUNTED ? String.format(java.util.Locale.UK, "%,d+", COUNTED) : Long.toString(count);
        }
    }

    /** How far a queue's tab counts (each count costs in proportion to it, not to every ticket stored). */
    static final int COUNTED = 1000;

    static final List<Queue> QUEUES = List.of(
            new Queue("triage", "Triage", "triage", null, null, 0, false),
            new Queue("first-line", "1st line", "all", "first-line", "unsolved", 0, false),
            new Queue("second-line", "2nd line", "all", "second-line", "unsolved", 0, false),
            new Queue("scoping", "Scoping", "all", "scoping", "unsolved", 0, false),
            new Queue("product", "Product support", "product", null, "unsolved", 0, false),
            new Queue("mine", "Mine", "mine", null, "unsolved", 0, false),
            new Queue("all", "All", "all", null, null, 0, false));
    static final int PAGE_SIZE = 25;

    private final TicketResource api;
    private final Console console;
    private final TicketConfig config;
    private final Template queue;
    private final Template agentTicket;
    private final Template tenantTickets;
    private final Template tenantTicket;
    private final Template newTicket;
    private final Template search;
    private final Template handOver;
    private final Template suspendedList;
    private final Template suspendedOne;
    private final SuspendedMailResource suspended;

    TicketConsole(TicketResource api, Console console, TicketConfig config, @Location("console/queue") Template queue,
            @Location("console/agent-ticket") Template agentTicket, @Location("console/tenant-tickets") Template tenantTickets,
            @Location("console/tenant-ticket") Template tenantTicket, @Location("console/new-ticket") Template newTicket,
            @Location("console/search") Template search, @Location("console/hand-over") Template handOver, SuspendedMailResource suspended,
            @Location("console/suspended-list") Template suspendedList, @Location("console/suspended-one") Template suspendedOne) {
        this.suspended = suspended;
        this.suspendedList = suspendedList;
        this.suspendedOne = suspendedOne;
        this.search = search;
        this.handOver = handOver;
        this.api = api;
        this.console = console;
        this.config = config;
        this.queue = queue;
        this.agentTicket = agentTicket;
        this.tenantTickets = tenantTickets;
        this.tenantTicket = tenantTicket;
        this.newTicket = newTicket;
    }

    @GET
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public Response home() {
        boolean tenant = console.person().map(Console.Person::tenant).orElse(true);
        return seeOther(tenant ? "/console/tickets" : "/console/queues/triage");
    }

    // --- agents: the queues

    @GET
    @Path("/queues/{queue}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance queue(@PathParam("queue") String key, @QueryParam("status") String status, @QueryParam("tag") String tag,
            @QueryParam("priority") String priority, @QueryParam("assignee") String assignee, @QueryParam("organisation") String organisation,
            @QueryParam("page") @DefaultValue("1") int page) {
        Queue current = QUEUES.stream().filter(q -> q.key().equals(key)).findFirst()
                .orElseThrow(() -> uk.gov.paas.support.kernel.problem.ApiProblem.notFound("There is no queue " + key));
        List<Queue> queues = QUEUES.stream().map(q -> new Queue(q.key(), q.label(), q.view(), q.group(), q.status(),
                api.countUpTo(q.view(), q.status(), q.group(), COUNTED), q.key().equals(key))).toList();
        String statusFilter = blank(status) ? current.status() : status;
        int shown = Math.max(1, Math.min(page, 1_000_000));
        Paged<AnyTicketView> tickets = api.list(current.view(), statusFilter, current.group(), blankToNull(tag), blankToNull(priority),
                blankToNull(assignee), blankToNull(organisation), "breach", shown - 1, PAGE_SIZE);
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("status", status);
        filters.put("tag", tag);
        filters.put("priority", priority);
        filters.put("assignee", assignee);
        filters.put("organisation", organisation);
        return queue.data("page", console.page(current.label() + " queue", "queues")).data("queues", queues).data("queue", current)
                .data("tickets", tickets.items().stream().map(TicketView.class::cast).toList()).data("total", tickets.total()).data("totalText", tickets.totalText())
                .data("pageNumber", shown).data("pages", tickets.pages()).data("pagesText", tickets.pagesText())
                .data("caption", current.label() + " queue, page " + shown + " of " + tickets.pagesText())
                .data("filters", filters).data("query", query(filters)).data("statuses", TicketStatus.values())
                .data("tags", config.tags().stream().sorted().toList());
    }

    // --- agents: search

    @GET
    @Path("/search")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response search(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("1") int page) {
        int shown = Math.max(1, Math.min(page, 1_000_000));
        TemplateInstance view = this.search.data("page", console.page(blank(q) ? "Search" : "Search: " + q.strip(), "search")).data("q", q == null ? "" : q)
                .data("pageNumber", shown).data("query", blank(q) ? "" : "q=" + URLEncoder.encode(q.strip(), StandardCharsets.UTF_8))
                .data("caption", "Tickets matching your search, best match first");
        if (blank(q)) {
            return Response.ok(view.data("tickets", List.of()).data("total", 0L).data("pages", 1L).data("errors", null)).build();
        }
        try {
            Paged<TicketView> found = api.search(q, shown - 1, PAGE_SIZE);
            return Response.ok(view.data("tickets", found.items()).data("total", found.total()).data("totalText", found.totalText())
                    .data("pages", found.pages()).data("pagesText", found.pagesText()).data("errors", null)).build();
        } catch (RuntimeException e) {
            FormErrors errors = errors("search", e, "/console/search");
            return Response.status(status(e)).entity(view.data("tickets", List.of()).data("total", 0L).data("pages", 1L).data("errors", errors)).build();
        }
    }

    // --- agents: end of shift

    @GET
    @Path("/hand-over")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response handOverPage(@QueryParam("from") String from, @QueryParam("rota") String rota, @QueryParam("done") String done) {
        String person = blank(from) ? console.person().map(Console.Person::email).orElse("") : from.strip();
        String rotaName = blank(rota) ? "support" : rota.strip();
        TemplateInstance view = handOver.data("page", console.page("Hand over", "hand-over")).data("from", person).data("rota", rotaName)
                .data("done", done);
        if (blank(from)) {
            return Response.ok(view.data("preview", null).data("tickets", List.of()).data("errors", null)).build();
        }
        try {
            HandOver.Result preview = api.handOverPreview(person, rotaName);
            return Response.ok(view.data("preview", preview).data("tickets", preview.ticketIds().stream().map(id -> (TicketView) api.get(id)).toList())
                    .data("errors", null)).build();
        } catch (RuntimeException e) {
            FormErrors errors = errors("hand-over", e, "/console/hand-over");
            return Response.status(status(e)).entity(view.data("preview", null).data("tickets", List.of()).data("errors", errors)).build();
        }
    }

    @POST
    @Path("/hand-over")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response handOver(@RestForm String from, @RestForm String rota, @RestForm String to) {
        try {
            HandOver.Result done = api.handOver(new TicketResource.HandOverInput(from, blankToNull(rota), to));
            return seeOther("/console/hand-over?done=" + URLEncoder.encode(done.ticketIds().size() + " ticket" + (done.ticketIds().size() == 1 ? "" : "s")
                    + " handed over from " + done.from() + " to " + done.to(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            FormErrors errors = errors("hand-over", e, "/console/hand-over");
            TemplateInstance view = handOver.data("page", console.page("Hand over", "hand-over")).data("from", from).data("rota", rota)
                    .data("done", null).data("preview", null).data("tickets", List.of()).data("errors", errors);
            return Response.status(status(e)).entity(view).build();
        }
    }

    // --- agents: suspended mail (what robots wrote)

    @GET
    @Path("/suspended-mail")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance suspendedList(@QueryParam("state") @DefaultValue("waiting") String state, @QueryParam("page") @DefaultValue("1") int page) {
        int shown = Math.max(1, Math.min(page, 1_000_000));
        String chosen = List.of("waiting", "released", "discarded", "all").contains(state) ? state : "waiting";
        Paged<SuspendedMailResource.SuspendedSummary> mails = suspended.list(chosen, shown - 1, PAGE_SIZE);
        return suspendedList.data("page", console.page("Suspended mail", "suspended")).data("mails", mails.items()).data("total", mails.total()).data("totalText", mails.totalText())
                .data("state", chosen).data("query", "state=" + chosen).data("pageNumber", shown).data("pages", mails.pages()).data("pagesText", mails.pagesText());
    }

    @GET
    @Path("/suspended-mail/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public TemplateInstance suspendedOne(@PathParam("id") long id) {
        return suspendedPage(id, null);
    }

    private TemplateInstance suspendedPage(long id, FormErrors errors) {
        SuspendedMailResource.SuspendedDetail mail = suspended.one(id);
        return suspendedOne.data("page", console.page("Suspended email: " + mail.subject(), "suspended")).data("mail", mail).data("errors", errors);
    }

    @POST
    @Path("/suspended-mail/{id}/release")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response release(@PathParam("id") long id) {
        return decide(id, () -> {
            var answer = suspended.release(id);
            return answer.ticketId() != null ? "/console/tickets/" + answer.ticketId() + "?done=released" : "/console/suspended-mail/" + id;
        });
    }

    @POST
    @Path("/suspended-mail/{id}/discard")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response discard(@PathParam("id") long id) {
        return decide(id, () -> {
            suspended.discard(id);
            return "/console/suspended-mail?state=waiting";
        });
    }

    /** A decision on a suspended email: on to where it led, or the email's page again with why not (a second decision: 409). */
    private Response decide(long id, Supplier<String> decision) {
        try {
            return seeOther(decision.get());
        } catch (RuntimeException e) {
            FormErrors errors = errors("decide", e, "/console/suspended-mail/" + id);
            if (status(e) == 404) {
                throw e;
            }
            return Response.status(status(e)).entity(suspendedPage(id, errors)).build();
        }
    }

    // --- tenants: their organisation's tickets, and raising one

    @GET
    @Path("/tickets")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public Object tenantTickets(@QueryParam("page") @DefaultValue("1") int page) {
        if (!console.person().map(Console.Person::tenant).orElse(false)) {
            return seeOther("/console/queues/all");
        }
        int shown = Math.max(1, Math.min(page, 1_000_000));
        Paged<AnyTicketView> tickets = api.list("all", null, null, null, null, null, null, "updated", shown - 1, PAGE_SIZE);
        return tenantTickets.data("page", console.page("Your tickets", "tickets")).data("query", "")
                .data("tickets", tickets.items().stream().map(TenantTicketView.class::cast).toList()).data("total", tickets.total()).data("totalText", tickets.totalText())
                .data("pageNumber", shown).data("pages", tickets.pages()).data("pagesText", tickets.pagesText());
    }

    @GET
    @Path("/tickets/new")
    @RolesAllowed({Roles.TENANT})
    public TemplateInstance newTicketForm() {
        return newTicket(Map.of(), null);
    }

    @POST
    @Path("/tickets")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.TENANT})
    public Response raise(@RestForm String subject, @RestForm String description, @RestForm String type, @RestForm("form-id") String formId) {
        Map<String, String> typed = new LinkedHashMap<>();
        typed.put("subject", subject);
        typed.put("description", description);
        typed.put("type", type);
        typed.put("form-id", formId);
        try {
            TicketType chosen = blank(type) ? null : TicketType.valueOf(type);
            var answer = api.create(blank(formId) ? null : formId, new TicketResource.CreateInput(subject, description, null, null, null, null, chosen, null, null));
            long id = answer.getEntity() instanceof TenantTicketView t ? t.id() : ((TicketView) answer.getEntity()).id();
            return seeOther("/console/tickets/" + id + "?done=raised");
        } catch (IllegalArgumentException badType) {
            return Response.status(400).entity(newTicket(typed, new FormErrors("raise", "Choose a type", Map.of("type", "Choose a type")))).build();
        } catch (RuntimeException e) {
            FormErrors errors = errors("raise", e, "/console/tickets");
            return Response.status(status(e)).entity(newTicket(typed, errors)).build();
        }
    }

    private TemplateInstance newTicket(Map<String, String> typed, FormErrors errors) {
        Map<String, String> values = new LinkedHashMap<>(typed);
        values.putIfAbsent("form-id", UUID.randomUUID().toString());
        return newTicket.data("page", console.page("Raise a ticket", "new")).data("values", values).data("errors", errors)
                .data("types", TicketType.values());
    }

    // --- one ticket

    @GET
    @Path("/tickets/{id}")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public TemplateInstance ticket(@PathParam("id") long id, @QueryParam("done") String done) {
        return ticketPage(id, done, null, Map.of());
    }

    private TemplateInstance ticketPage(long id, String done, FormErrors errors, Map<String, String> typed) {
        AnyTicketView view = api.get(id);
        String notice = done == null ? null : switch (done) {
            case "raised" -> "Your ticket has been raised. We have emailed you a copy.";
            case "replied" -> "Reply sent.";
            case "noted" -> "Internal note added.";
            case "triaged" -> "Triage saved.";
            case "assigned" -> "Assignment saved.";
            case "status" -> "Status changed.";
            case "renamed" -> "Ticket renamed.";
            case "returned" -> "Returned to triage.";
            case "released" -> "The suspended email was released into this ticket.";
            case "linked" -> "Incident linked.";
            case "backlog" -> "Backlog card saved.";
            case "backlog-done" -> "Backlog card marked done.";
            default -> null;
        };
        if (view instanceof TenantTicketView t) {
            return tenantTicket.data("page", console.page(t.subject(), "tickets")).data("ticket", t).data("notice", notice)
                    .data("errors", errors).data("values", typed);
        }
        TicketView t = (TicketView) view;
        return agentTicket.data("page", console.page(t.subject(), "queues")).data("ticket", t).data("audit", api.audit(id))
                .data("notice", notice).data("errors", errors).data("values", typed).data("statuses", TicketStatus.values())
                .data("types", TicketType.values()).data("tags", config.tags().stream().sorted().toList()).data("groups", config.groups());
    }

    @POST
    @Path("/tickets/{id}/comments")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public Response comment(@PathParam("id") long id, @RestForm String body, @RestForm String visibility) {
        boolean tenant = console.person().map(Console.Person::tenant).orElse(true);
        Boolean isPublic = tenant ? Boolean.TRUE : "public".equals(visibility) ? Boolean.TRUE : "internal".equals(visibility) ? Boolean.FALSE : null;
        return act(id, "comment", Map.of("body", nullToEmpty(body), "visibility", nullToEmpty(visibility)), () -> {
            var answer = api.comment(id, new TicketResource.CommentInput(body, isPublic), Channel.WEB_FORM);
            if (answer.getEntity() instanceof TenantTicketView followUp && followUp.id() != id) {
                return "/console/tickets/" + followUp.id() + "?done=raised";
            }
            return "/console/tickets/" + id + "?done=" + (Boolean.FALSE.equals(isPublic) ? "noted" : "replied");
        });
    }

    @POST
    @Path("/tickets/{id}/triage")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response triage(@PathParam("id") long id, @RestForm String priority, @RestForm String type, @RestForm List<String> tags,
            @RestForm String group) {
        return act(id, "triage", Map.of("priority", nullToEmpty(priority), "type", nullToEmpty(type), "group", nullToEmpty(group),
                "tags", tags == null ? "" : String.join(",", tags)), () -> {
                    api.triage(id, new TicketResource.TriageInput(blankToNull(priority), blank(type) ? null : TicketType.valueOf(type),
                            tags == null ? Set.of() : Set.copyOf(tags), blankToNull(group)));
                    return "/console/tickets/" + id + "?done=triaged";
                });
    }

    @POST
    @Path("/tickets/{id}/assign")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response assign(@PathParam("id") long id, @RestForm String group, @RestForm String assignee, @RestForm String reason) {
        return act(id, "assign", Map.of("group", nullToEmpty(group), "assignee", nullToEmpty(assignee), "reason", nullToEmpty(reason)), () -> {
            api.assign(id, new TicketResource.AssignInput(blankToNull(group), blankToNull(assignee), reason));
            return "/console/tickets/" + id + "?done=assigned";
        });
    }

    @POST
    @Path("/tickets/{id}/return-to-triage")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response returnToTriage(@PathParam("id") long id, @RestForm String reason) {
        return act(id, "return", Map.of("reason", nullToEmpty(reason)), () -> {
            api.returnToTriage(id, new TicketResource.ReasonInput(reason));
            return "/console/tickets/" + id + "?done=returned";
        });
    }

    @POST
    @Path("/tickets/{id}/status")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response status(@PathParam("id") long id, @RestForm String status, @RestForm String reason, @RestForm String note) {
        return act(id, "status", Map.of("status", nullToEmpty(status), "reason", nullToEmpty(reason), "note", nullToEmpty(note)), () -> {
            TicketStatus to;
            try {
                to = TicketStatus.valueOf(nullToEmpty(status));
            } catch (IllegalArgumentException e) {
                throw uk.gov.paas.support.kernel.problem.ApiProblem.invalidField("status", "choose a status");
            }
            api.status(id, new TicketResource.StatusInput(to, blankToNull(reason), blankToNull(note)));
            return "/console/tickets/" + id + "?done=status";
        });
    }

    @POST
    @Path("/tickets/{id}/rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response rename(@PathParam("id") long id, @RestForm String subject, @RestForm String reason) {
        return act(id, "rename", Map.of("subject", nullToEmpty(subject), "reason", nullToEmpty(reason)), () -> {
            api.rename(id, new TicketResource.RenameInput(subject, reason));
            return "/console/tickets/" + id + "?done=renamed";
        });
    }

    @POST
    @Path("/tickets/{id}/incident")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response linkIncident(@PathParam("id") long id, @RestForm String incidentId) {
        return act(id, "incident", Map.of("incidentId", nullToEmpty(incidentId)), () -> {
            Long incident;
            try {
                incident = blank(incidentId) ? null : Long.valueOf(incidentId.strip().replace("#", ""));
            } catch (NumberFormatException e) {
                throw uk.gov.paas.support.kernel.problem.ApiProblem.invalidField("incidentId", "enter the incident's number, such as 42");
            }
            api.incident(id, new TicketResource.IncidentInput(incident));
            return "/console/tickets/" + id + "?done=linked";
        });
    }

    @POST
    @Path("/tickets/{id}/backlog-card")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response backlogCard(@PathParam("id") long id, @RestForm String url, @RestForm String tellTenant) {
        return act(id, "backlog", Map.of("url", nullToEmpty(url), "tellTenant", nullToEmpty(tellTenant)), () -> {
            api.backlogCard(id, new TicketResource.BacklogInput(blankToNull(url), "yes".equals(tellTenant)));
            return "/console/tickets/" + id + "?done=backlog";
        });
    }

    @POST
    @Path("/tickets/{id}/backlog-card/done")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    public Response backlogDone(@PathParam("id") long id) {
        return act(id, "backlog", Map.of(), () -> {
            api.backlogDone(id);
            return "/console/tickets/" + id + "?done=backlog-done";
        });
    }

    /** Runs one change; on success back to the ticket (post, redirect, get), on a rule's refusal the page again with the form's errors. */
    private Response act(long id, String form, Map<String, String> typed, Supplier<String> change) {
        try {
            return seeOther(change.get());
        } catch (IllegalArgumentException e) {
            return Response.status(400).entity(ticketPage(id, null, FormErrors.summary(form, "Check the form"), typed)).build();
        } catch (RuntimeException e) {
            FormErrors errors = errors(form, e, "/console/tickets/" + id);
            if (status(e) == 404) {
                throw e;
            }
            return Response.status(status(e)).entity(ticketPage(id, null, errors, typed)).build();
        }
    }

    private static int status(RuntimeException e) {
        return FormErrors.status(e);
    }

    private static FormErrors errors(String form, RuntimeException e, String instance) {
        return FormErrors.of(form, e, instance);
    }

    private static String query(Map<String, String> filters) {
        List<String> parts = new ArrayList<>();
        filters.forEach((k, v) -> {
            if (!blank(v)) {
                parts.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
            }
        });
        return String.join("&", parts);
    }

    static Optional<Queue> queue(String key) {
        return QUEUES.stream().filter(q -> q.key().equals(key)).findFirst();
    }
}
