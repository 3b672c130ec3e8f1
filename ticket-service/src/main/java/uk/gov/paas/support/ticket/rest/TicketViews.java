package uk.gov.paas.support.ticket.rest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.time.Times;
import uk.gov.paas.support.ticket.domain.AuthorKind;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.SlaBreach;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketComment;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.domain.TicketType;
import uk.gov.paas.support.ticket.service.TicketSla;

/**
 * Tickets as the API shows them: instants in UTC with the local time beside them. Agents see everything; a tenant
 * sees {@link TenantTicketView}, which has no internal field (group, assignee, tags, audit) and only public comments.
 */
@ApplicationScoped
public class TicketViews {

    /** One SLA target: when it is due, what is left (negative: overdue), whether its clock is paused, met or breached. */
    public record TargetView(String target, String state, Instant dueAt, String dueAtLocal, String remaining, boolean overdue, boolean paused,
            Instant metAt, Instant breachedAt, String pausedFor) {
    }

    public record SlaView(String policy, String clock, TargetView firstResponse, TargetView nextUpdate) {
    }

    public record Attachment(String name, String type, long size) {
    }

    public record CommentView(long id, boolean isPublic, String author, AuthorKind authorKind, String body, Channel channel, Instant createdAt,
            String createdAtLocal, Boolean thanksOnly, List<Attachment> attachments) implements CommentAnswer {
    }

    public record EventView(long id, Instant at, String atLocal, String actor, String action, String detail, String reason) {
    }

    public record BreachView(SlaTimer.Kind target, Instant dueAt, String dueAtLocal, Instant breachedAt, String notified) {
    }

    public record TicketView(long id, String subject, String description, TicketStatus status, String priority, TicketType type, Channel channel,
            String requesterEmail, String requesterName, String organisation, String group, String assignee, List<String> tags, Long incidentId,
            Long followUpOf, String backlogCardUrl, boolean backlogTellTenant, Instant backlogDoneAt, Instant createdAt, String createdAtLocal,
            String createdBy, Instant updatedAt, String updatedAtLocal, SlaView sla, List<CommentView> comments, List<BreachView> breaches)
            implements AnyTicketView {
    }

    public record TenantTicketView(long id, String subject, String description, TicketStatus status, String priority, Channel channel,
            String requesterEmail, String requesterName, String organisation, Long followUpOf, Instant createdAt, String createdAtLocal,
            Instant updatedAt, String updatedAtLocal, SlaView sla, List<CommentView> comments) implements AnyTicketView, CommentAnswer {
    }

    /** A ticket as its caller may see it: an agent's {@link TicketView}, a tenant's {@link TenantTicketView}. */
    @Schema(oneOf = {TicketView.class, TenantTicketView.class})
    public sealed interface AnyTicketView permits TicketView, TenantTicketView {
    }

    /** What a comment makes: the comment, or (a tenant's comment on a closed ticket) the follow-up ticket it opened. */
    @Schema(oneOf = {CommentView.class, TenantTicketView.class})
    public sealed interface CommentAnswer permits CommentView, TenantTicketView {
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SupportCalendar calendar;
    private final TicketSla sla;
    private final Clock clock;

    TicketViews(SupportCalendar calendar, TicketSla sla, Clock clock) {
        this.calendar = calendar;
        this.sla = sla;
        this.clock = clock;
    }

    public String local(Instant instant) {
        return Times.local(instant, calendar.zone());
    }

    /** The agent's view; comments and breaches only when {@code full}. */
    public TicketView agent(Ticket t, boolean full) {
        return agent(t, full ? TicketComment.of(t.id, false).stream().map(c -> comment(c, false)).toList() : null,
                full ? SlaBreach.of(t.id).stream().map(b -> new BreachView(b.target, b.dueAt, local(b.dueAt), b.breachedAt, b.notified)).toList()
                        : null);
    }

    private TicketView agent(Ticket t, List<CommentView> comments, List<BreachView> breaches) {
        return new TicketView(t.id, t.subject, t.description, t.status, priority(t), t.type, t.channel, t.requesterEmail, t.requesterName,
                t.organisation, t.group, t.assignee, t.tags.stream().sorted().toList(), t.incidentId, t.followUpOf, t.backlogCardUrl, t.backlogTellTenant,
                t.backlogDoneAt, t.createdAt, local(t.createdAt), t.createdBy, t.updatedAt, local(t.updatedAt), sla(t), comments, breaches);
    }

    /**
     * A ticket this request has just made, as its caller may see it: in full, with the comments and breaches it cannot
     * have yet (none) left unread. A replayed create is not new: it answers {@link #agent}/{@link #tenant} in full.
     */
    public AnyTicketView made(Ticket t, boolean forTenant) {
        return forTenant ? tenant(t, List.of()) : agent(t, List.of(), List.of());
    }

    /** The tenant's view: public comments only, no internal fields. */
    public TenantTicketView tenant(Ticket t, boolean full) {
        return tenant(t, full ? TicketComment.of(t.id, true).stream().map(c -> comment(c, true)).toList() : null);
    }

    private TenantTicketView tenant(Ticket t, List<CommentView> comments) {
        return new TenantTicketView(t.id, t.subject, t.description, t.status, priority(t), t.channel, t.requesterEmail, t.requesterName,
                t.organisation, t.followUpOf, t.createdAt, local(t.createdAt), t.updatedAt, local(t.updatedAt), sla(t), comments);
    }

    /** A comment; for a tenant only public ones ever reach here, and the thanks flag (a triage aid) is left out. */
    public CommentView comment(TicketComment c, boolean forTenant) {
        if (forTenant && !c.isPublic) {
            throw new IllegalStateException("an internal note must never reach a tenant view");
        }
        return new CommentView(c.id, c.isPublic, c.author, c.authorKind, c.body, c.channel, c.createdAt, local(c.createdAt),
                forTenant ? null : c.thanksOnly, attachments(c.attachments));
    }

    public EventView event(TicketEvent e) {
        return new EventView(e.id, e.at, local(e.at), e.actor, e.action, e.detail, e.reason);
    }

    public SlaView sla(Ticket t) {
        Instant now = clock.instant();
        String policy = sla.policy(t.priority);
        String clockName = t.firstResponse == null ? null : t.firstResponse.clock(t.priority, sla.table()).written();
        TargetView first = target("FIRST_RESPONSE", t, t.firstResponse, t.firstResponseDueAt, t.firstResponseMetAt, t.firstResponseBreachedAt, now);
        TargetView next = t.nextUpdate == null ? null : target("NEXT_UPDATE", t, t.nextUpdate, t.nextUpdateDueAt, null, t.nextUpdateBreachedAt, now);
        return new SlaView(policy, clockName, first, next);
    }

    private TargetView target(String name, Ticket t, SlaTimer timer, Instant dueAt, Instant metAt, Instant breachedAt, Instant now) {
        if (timer == null) {
            return null;
        }
        if (metAt != null) {
            return new TargetView(name, "MET", null, null, null, false, false, metAt, breachedAt, timer.pausedFor(metAt).toString());
        }
        boolean stopped = t.status.stopsSla();
        Duration left = sla.remaining(t, timer, now);
        String state = stopped ? "STOPPED" : timer.paused() ? "PAUSED" : left.isNegative() || left.isZero() ? "OVERDUE" : "RUNNING";
        return new TargetView(name, state, dueAt, local(dueAt), left.toString(), left.isNegative() || left.isZero(), timer.paused(), null, breachedAt,
                timer.pausedFor(now).toString());
    }

    private static String priority(Ticket t) {
        return t.priority == null ? "NONE" : t.priority.name();
    }

    private static List<Attachment> attachments(String json) {
        if (json == null || json.isBlank()) {
            return List.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<List<Attachment>>() {
            });
        } catch (Exception e) {
            return List.of();
        }
    }

    /** For storing a comment's attachments. */
    public static String attachmentsJson(List<Attachment> attachments) {
        try {
            return attachments == null || attachments.isEmpty() ? null : JSON.writeValueAsString(attachments);
        } catch (Exception e) {
            throw new IllegalStateException("attachments always serialise", e);
        }
    }
}
