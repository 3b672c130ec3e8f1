package uk.gov.paas.support.ticket.rest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.security.RolesAllowed;
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

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.api.EmailAddress;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.time.Times;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.intake.Organisations;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketComment;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.domain.TicketType;
import uk.gov.paas.support.ticket.rest.TicketViews.AnyTicketView;
import uk.gov.paas.support.ticket.rest.TicketViews.CommentAnswer;
import uk.gov.paas.support.ticket.rest.TicketViews.CommentView;
import uk.gov.paas.support.ticket.rest.TicketViews.EventView;
import uk.gov.paas.support.ticket.rest.TicketViews.TicketView;
import uk.gov.paas.support.ticket.service.Actor;
import uk.gov.paas.support.ticket.service.HandOver;
import uk.gov.paas.support.ticket.service.TicketQueries;
import uk.gov.paas.support.ticket.service.TicketSearch;
import uk.gov.paas.support.ticket.service.TicketService;
import uk.gov.paas.support.ticket.service.TicketSla;

/** Tickets: raise, read, triage, route, move through the lifecycle, reply and note, link. Tenants see their own organisation's only. */
@Path("/api/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Tickets")
public class TicketResource {

    static final String PRIORITY = "(?i)P[1-4]|NONE";
    static final String PRIORITY_MESSAGE = "must be one of P1, P2, P3, P4, NONE";

    public record CreateInput(@NotBlank @Size(max = 300) String subject, @Size(max = 100_000) String description,
            @EmailAddress String requesterEmail, @Size(max = 200) String requesterName, @Size(max = 100) String organisation,
            Channel channel, TicketType type, @Pattern(regexp = PRIORITY, message = PRIORITY_MESSAGE) String priority,
            @Size(max = 20) Set<@NotNull String> tags) {
    }

    public record TriageInput(@Pattern(regexp = PRIORITY, message = PRIORITY_MESSAGE) String priority, TicketType type,
            @Size(max = 20) Set<@NotNull String> tags, @Size(max = 50) String group) {
    }

    public record AssignInput(@Size(max = 50) String group, @EmailAddress String assignee, @NotBlank @Size(max = 2000) String reason) {
    }

    public record ReasonInput(@NotBlank @Size(max = 2000) String reason) {
    }

    public record StatusInput(@NotNull TicketStatus status, @Size(max = 2000) String reason, @Size(max = 20_000) String note) {
    }

    public record RenameInput(@NotBlank @Size(max = 300) String subject, @NotBlank @Size(max = 2000) String reason) {
    }

    public record CommentInput(@NotBlank @Size(max = 100_000) String body, Boolean isPublic) {
    }

    public record IncidentInput(@NotNull @Min(1) Long incidentId) {
    }

    public record BacklogInput(@NotBlank @Size(max = 1000) @Pattern(regexp = "(?i)https?://\\S+", message = "must be an http(s) URL") String url,
            boolean tellTenant) {
    }

    public record HandOverInput(@NotBlank @Email @Size(max = 320) String from, @Size(max = 100) String rota, @Email @Size(max = 320) String to) {
    }

    /** What the SLA preview answers: the period at the start, each budget and due instant (UTC and local). */
    public record SlaPreview(String priority, String policy, Instant at, String atLocal, String period, String clock, String firstResponseWithin,
            Instant firstResponseBy, String firstResponseByLocal, String nextUpdateWithin, Instant nextUpdateBy, String nextUpdateByLocal) {
    }

    private final TicketService tickets;
    private final HandOver handOver;
    private final TicketQueries queries;
    private final TicketSearch search;
    private final TicketViews views;
    private final TicketSla sla;
    private final TicketConfig config;
    private final Caller caller;
    private final Organisations organisations;
    private final Clock clock;

    TicketResource(TicketService tickets, HandOver handOver, TicketQueries queries, TicketSearch search, TicketViews views, TicketSla sla,
            TicketConfig config, Caller caller, Organisations organisations, Clock clock) {
        this.tickets = tickets;
        this.handOver = handOver;
        this.queries = queries;
        this.search = search;
        this.views = views;
        this.sla = sla;
        this.config = config;
        this.caller = caller;
        this.organisations = organisations;
        this.clock = clock;
    }

    @POST
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Raise a ticket (201); a repeated Idempotency-Key answers the first ticket (200, Idempotent-Replayed: true). "
            + "A tenant's ticket is always in the tenant's own organisation and the tenant is its requester (requesterEmail may only "
            + "repeat the tenant's own address or name someone configured into the tenant's organisation).")
    @APIResponseSchema(value = AnyTicketView.class, responseCode = "201", responseDescription = "Raised; Location names the ticket")
    @APIResponse(responseCode = "200", description = "A repeated Idempotency-Key: the first ticket (Idempotent-Replayed: true)")
    public RestResponse<AnyTicketView> create(@HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey, @NotNull @Valid CreateInput input) {
        Actor me = caller.actor();
        String organisation = me.tenant() ? me.organisation() : input.organisation();
        if (organisation == null || organisation.isBlank()) {
            throw ApiProblem.invalidField("organisation", "must name the tenant's organisation");
        }
        String requester = requester(me, input.requesterEmail());
        Channel channel = input.channel() != null ? input.channel() : me.tenant() ? Channel.WEB_FORM : Channel.API;
        if (me.tenant() && input.priority() != null) {
            throw ApiProblem.invalidField("priority", "is set at triage by the support team");
        }
        TicketService.Created created = tickets.create(new TicketService.NewTicket(input.subject(), input.description(), requester,
                input.requesterName(), organisation, channel, input.type(), priority(input.priority()).orElse(null),
                me.tenant() ? Set.of() : input.tags()), IdempotencyKeys.key("POST /api/tickets", me.name(), me.role(), me.organisation(), idempotencyKey), me);
        if (created.replayed()) {
            return Answers.replayed(view(created.ticket(), me, true));
        }
        return Answers.created("/api/tickets/" + created.ticket().id, views.made(created.ticket(), me.tenant()));
    }

    /**
     * Who a new ticket's requester is. A tenant raising a ticket is its requester: a requesterEmail may only repeat the
     * tenant's own address (the token's subject) or name someone configuration places in the tenant's organisation
     * ({@link Organisations}), never someone in another organisation or a sender who is only their own requester.
     */
    private String requester(Actor me, String given) {
        if (!me.tenant()) {
            if (given == null) {
                throw ApiProblem.invalidField("requesterEmail", "must be given: the tenant is emailed at this address");
            }
            return given;
        }
        String own = me.name() != null && me.name().contains("@") ? me.name().strip().toLowerCase(Locale.ROOT) : null;
        if (given == null || given.strip().equalsIgnoreCase(own)) {
            if (own == null) {
                throw ApiProblem.invalidField("requesterEmail", "must be given: the tenant is emailed at this address");
            }
            return own;
        }
        if (!organisations.configured(given).filter(org -> org.equals(me.organisation())).isPresent()) {
            throw ApiProblem.invalidField("requesterEmail", "must be your own address or someone in your organisation (" + me.organisation() + ")");
        }
        return given;
    }

    @GET
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Tickets in a view (all, triage, product, mine), filtered by status, group, tag, priority, assignee, organisation; "
            + "sorted nearest breach first (sort=breach, default), newest or updated. A tenant sees its own organisation's only.")
    public Paged<AnyTicketView> list(@QueryParam("view") @DefaultValue("all") String view, @QueryParam("status") String status,
            @QueryParam("group") String group, @QueryParam("tag") String tag, @QueryParam("priority") String priority,
            @QueryParam("assignee") String assignee, @QueryParam("organisation") String organisation,
            @QueryParam("sort") @DefaultValue("breach") String sort,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page, @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        Actor me = caller.actor();
        if (me.tenant() && (group != null || tag != null || assignee != null || !"all".equals(view))) {
            throw ApiProblem.badRequest("A tenant can filter its tickets by status, priority and sort only");
        }
        TicketQueries.Filter filter = queries.filter(view, status, group, tag, priority, assignee, me.tenant() ? me.organisation() : organisation,
                sort, me);
        return queries.find(filter, page, size).map(t -> view(t, me, false));
    }

    /** How many tickets a view holds, up to cap, by the list's own filter and caller rule (the console's queue counts). */
    public long countUpTo(String view, String status, String group, int cap) {
        Actor me = caller.actor();
        return queries.countUpTo(queries.filter(view, status, group, null, null, null, me.tenant() ? me.organisation() : null, "breach", me), cap);
    }

    @GET
    @Path("/search")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Full-text search over subjects, descriptions and every comment (public replies and internal notes), best match "
            + "first; q is read as a web search engine reads it (\"exact phrase\", -without, or); a ticket number finds that ticket")
    public Paged<TicketView> search(@QueryParam("q") String q, @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        return search.search(q, page, size).map(t -> views.agent(t, false));
    }

    @GET
    @Path("/sla-preview")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "If a ticket with this priority (P1-P4, or NONE for untriaged) started at this instant (now by default), when would "
            + "each SLA target be due? Answered by the same code that stores real due times.")
    public SlaPreview preview(@QueryParam("priority") String priority, @QueryParam("at") String at) {
        if (priority == null || priority.isBlank()) {
            throw ApiProblem.invalidField("priority", PRIORITY_MESSAGE);
        }
        Severity parsed = priority(priority).orElse(null);
        Instant start = at == null || at.isBlank() ? clock.instant() : Times.parseInstant("at", at);
        TicketSla.Preview p = sla.preview(parsed, start);
        return new SlaPreview(parsed == null ? "NONE" : parsed.name(), sla.policy(parsed), start, views.local(start), p.period().name(), p.clock(),
                p.firstResponseWithin().toString(), p.firstResponseBy(), views.local(p.firstResponseBy()), p.nextUpdateWithin().toString(),
                p.nextUpdateBy(), views.local(p.nextUpdateBy()));
    }

    @POST
    @Path("/hand-over")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "End of a rota shift: every open ticket of one person goes to the next person on the rota (default: support), "
            + "asked of escalation-service, each with an internal note. 503 and nothing moved if escalation-service cannot be asked.")
    public HandOver.Result handOver(@NotNull @Valid HandOverInput input) {
        return handOver.handOver(input.from(), rota(input.rota()), input.to(), caller.actor());
    }

    @GET
    @Path("/hand-over")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Who would take one person's open tickets at the end of a rota shift, and which tickets: nothing moves. Send the "
            + "answer's 'to' with the hand-over, so that a rota that moved on since is a 409, not tickets sent to someone unconfirmed.")
    public HandOver.Result handOverPreview(@QueryParam("from") @NotBlank @Email @Size(max = 320) String from,
            @QueryParam("rota") @Size(max = 100) String rota) {
        return handOver.preview(from, rota(rota));
    }

    private static String rota(String rota) {
        return rota == null || rota.isBlank() ? "support" : rota.strip();
    }

    @GET
    @Path("/tags")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The tag taxonomy")
    public List<String> tags() {
        return config.tags().stream().sorted().toList();
    }

    @GET
    @Path("/groups")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The groups, triage first")
    public List<String> groups() {
        return config.groups();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One ticket with its SLA targets and comments (a tenant: its own organisation's, public comments only; 404 otherwise)")
    public AnyTicketView get(@PathParam("id") long id) {
        Actor me = caller.actor();
        return view(visible(id, me), me, true);
    }

    @GET
    @Path("/{id}/comments")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "A ticket's comments, oldest first; a tenant never sees internal notes")
    public List<CommentView> comments(@PathParam("id") long id) {
        Actor me = caller.actor();
        visible(id, me);
        return TicketComment.of(id, me.tenant()).stream().map(c -> views.comment(c, me.tenant())).toList();
    }

    @POST
    @Path("/{id}/comments")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Comment. An agent writes a public reply (emailed to the tenant; meets first response and the next-update target) "
            + "or an internal note (isPublic false; never sent or shown to a tenant). A tenant's comment may reopen the ticket, or on a closed "
            + "ticket opens a linked follow-up (answered with that ticket).")
    @APIResponseSchema(value = CommentAnswer.class, responseCode = "201", responseDescription = "The comment, or the follow-up ticket it opened")
    public RestResponse<CommentAnswer> comment(@PathParam("id") long id, @NotNull @Valid CommentInput input) {
        return comment(id, input, Channel.API);
    }

    /** A comment as the API takes it, arriving by a channel of the caller's (the console's reply box: the web form). */
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public RestResponse<CommentAnswer> comment(long id, @NotNull @Valid CommentInput input, Channel channel) {
        Actor me = caller.actor();
        visible(id, me);
        if (me.tenant()) {
            if (Boolean.FALSE.equals(input.isPublic())) {
                throw ApiProblem.invalidField("isPublic", "a tenant's comment is always public");
            }
            TicketService.Replied replied = tickets.tenantReply(id, input.body(), channel, null, me.name(), null);
            if (replied.followUp() != null) {
                return Answers.created("/api/tickets/" + replied.followUp().id, views.tenant(replied.followUp(), true));
            }
            return Answers.created(views.comment(replied.comment(), true));
        }
        if (input.isPublic() == null) {
            throw ApiProblem.invalidField("isPublic", "say whether this is a public reply (true: emailed to the tenant) or an internal note (false)");
        }
        TicketComment comment = tickets.agentComment(id, input.body(), input.isPublic(), me);
        return Answers.created(views.comment(comment, false));
    }

    @GET
    @Path("/{id}/audit")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "The audit trail: every change, who made it, when and why")
    public List<EventView> audit(@PathParam("id") long id) {
        visible(id, caller.actor());
        return TicketEvent.of(id).stream().map(views::event).toList();
    }

    @POST
    @Path("/{id}/triage")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Triage: priority (P1-P4 or NONE), type, tags (replace the set; unknown tags are refused with the valid ones listed), "
            + "group. Setting a priority on a NEW ticket opens it.")
    public TicketView triage(@PathParam("id") long id, @NotNull @Valid TriageInput input) {
        boolean clear = input.priority() != null && input.priority().equalsIgnoreCase("NONE");
        Ticket ticket = tickets.triage(id, priority(input.priority()), clear, input.type(), input.tags(), input.group(), caller.actor());
        return views.agent(ticket, true);
    }

    @POST
    @Path("/{id}/assign")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Reassign to a group and/or person, with the reason recorded")
    public TicketView assign(@PathParam("id") long id, @NotNull @Valid AssignInput input) {
        return views.agent(tickets.assign(id, input.group(), input.assignee(), input.reason(), caller.actor()), true);
    }

    @POST
    @Path("/{id}/return-to-triage")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Send back to the triage group, unassigned, with the reason recorded")
    public TicketView returnToTriage(@PathParam("id") long id, @NotNull @Valid ReasonInput input) {
        return views.agent(tickets.returnToTriage(id, input.reason(), caller.actor()), true);
    }

    @POST
    @Path("/{id}/status")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Move the ticket: an illegal move is a 409 naming the allowed ones; ON_HOLD needs an internal note; SOLVED and "
            + "CLOSED need a reason, which the tenant is emailed with how to reopen")
    public TicketView status(@PathParam("id") long id, @NotNull @Valid StatusInput input) {
        return views.agent(tickets.changeStatus(id, input.status(), input.reason(), input.note(), caller.actor()), true);
    }

    @POST
    @Path("/{id}/rename")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Rename with a reason; the tenant is emailed the new name and why")
    public TicketView rename(@PathParam("id") long id, @NotNull @Valid RenameInput input) {
        return views.agent(tickets.rename(id, input.subject(), input.reason(), caller.actor()), true);
    }

    @PUT
    @Path("/{id}/incident")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Link the incident this ticket belongs to")
    public TicketView incident(@PathParam("id") long id, @NotNull @Valid IncidentInput input) {
        return views.agent(tickets.linkIncident(id, input.incidentId(), caller.actor()), true);
    }

    @PUT
    @Path("/{id}/backlog-card")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Link an external backlog card; tellTenant emails the tenant when it is marked done")
    public TicketView backlogCard(@PathParam("id") long id, @NotNull @Valid BacklogInput input) {
        return views.agent(tickets.backlogCard(id, input.url(), input.tellTenant(), caller.actor()), true);
    }

    @POST
    @Path("/{id}/backlog-card/done")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The backlog card is done: the tenant is told if the card asked for it")
    public TicketView backlogDone(@PathParam("id") long id) {
        return views.agent(tickets.backlogDone(id, caller.actor()), true);
    }

    /** The ticket if this caller may see it; a tenant gets the same 404 for another organisation's ticket as for a missing one. */
    private Ticket visible(long id, Actor me) {
        return QuarkusTransaction.joiningExisting().call(() -> Ticket.<Ticket>findByIdOptional(id).filter(t -> me.sees(t.organisation))
                .orElseThrow(() -> ApiProblem.notFound("There is no ticket " + id)));
    }

    private AnyTicketView view(Ticket ticket, Actor me, boolean full) {
        return me.tenant() ? views.tenant(ticket, full) : views.agent(ticket, full);
    }

    static Optional<Severity> priority(String text) {
        if (text == null || text.equalsIgnoreCase("NONE")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Severity.parse(text));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("priority", PRIORITY_MESSAGE);
        }
    }
}
