package uk.gov.paas.support.ticket.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.hibernate.query.NativeQuery;

import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.idempotency.IdempotentRequests;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.problem.Problem;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.AuthorKind;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.StatusTimers;
import uk.gov.paas.support.ticket.domain.ThanksOnly;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketComment;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketMessage;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.domain.TicketType;
import uk.gov.paas.support.ticket.mail.TicketMails;

/**
 * Tickets: creation, triage, routing, the lifecycle and its rules, comments and the tenant's replies. Every change
 * writes the audit trail, stores the SLA due times it causes (through {@link TicketSla}) and queues its emails in the
 * outbox within the same transaction.
 */
@ApplicationScoped
@Transactional
public class TicketService {

    public record NewTicket(String subject, String description, String requesterEmail, String requesterName, String organisation, Channel channel,
            TicketType type, Severity priority, Set<String> tags) {
    }

    public record Created(Ticket ticket, boolean replayed) {
    }

    /** A tenant's reply: the comment on the ticket, or the follow-up ticket a reply to a closed one opened. */
    public record Replied(Ticket ticket, TicketComment comment, boolean reopened, Ticket followUp) {
    }

    private final Clock clock;
    private final TicketSla sla;
    private final Outbox outbox;
    private final TicketMails mails;
    private final TicketConfig config;
    private final TicketMetrics metrics;
    private final EmergencyCalls emergencies;
    private final StatusTimers timers;
    private final IdempotentRequests requests;

    TicketService(Clock clock, TicketSla sla, Outbox outbox, TicketMails mails, TicketConfig config, TicketMetrics metrics,
            EmergencyCalls emergencies, StatusTimers timers, IdempotentRequests requests) {
        this.requests = requests;
        this.clock = clock;
        this.sla = sla;
        this.outbox = outbox;
        this.mails = mails;
        this.config = config;
        this.metrics = metrics;
        this.emergencies = emergencies;
        this.timers = timers;
    }

    /** Creates a ticket in triage; the tenant is emailed the SLA that applies. A repeated Idempotency-Key answers the first ticket. */
    public Created create(NewTicket request, IdempotencyKeys.Key idempotencyKey, Actor by) {
        return requests.once(idempotencyKey, "ticket", id -> Ticket.<Ticket>findByIdOptional(id).map(t -> new Created(t, true)),
                () -> createFromEmail(request, null, by), created -> created.ticket().id);
    }

    /**
     * Creates a ticket from an email: its Message-ID becomes the thread root (the acknowledgement already replies to
     * it, so the tenant's mail client keeps one conversation) and is recorded as received, so the same email posted
     * again is recognised. Without a Message-ID, a ticket like any other.
     */
    public Created createFromEmail(NewTicket request, String inboundMessageId, Actor by) {
        Instant now = clock.instant();
        Set<String> tags = checkTags(request.tags(), "tags");
        Ticket ticket = new Ticket();
        ticket.subject = request.subject().strip();
        ticket.description = request.description();
        ticket.requesterEmail = request.requesterEmail().strip().toLowerCase();
        ticket.requesterName = request.requesterName() == null || request.requesterName().isBlank() ? null : request.requesterName().strip();
        ticket.organisation = request.organisation().strip();
        ticket.channel = request.channel();
        ticket.type = request.type();
        ticket.priority = request.priority();
        ticket.status = TicketStatus.NEW;
        ticket.group = config.triageGroup();
        ticket.tags.addAll(tags);
        ticket.createdAt = now;
        ticket.createdBy = by.name();
        ticket.updatedAt = now;
        ticket.statusChangedAt = now;
        ticket.threadRoot = inboundMessageId;
        sla.opened(ticket, now);
        ticket.persistAndFlush();
        if (inboundMessageId != null) {
            recordMessage(ticket, inboundMessageId, null, "IN", now);
        }
        TicketEvent.add(ticket.id, now, by.name(), "CREATED", "Created from " + ticket.channel + " for " + ticket.requesterEmail + " ("
                + ticket.organisation + ")" + (ticket.priority == null ? ", untriaged" : ", " + ticket.priority) + slaNote(ticket), null);
        send(ticket, mails.received(ticket, now), now);
        metrics.created(ticket.channel);
        return new Created(ticket, false);
    }

    /** Triage: priority, type, tags (replacing the set), group. Setting a priority on a NEW ticket opens it. */
    public Ticket triage(long id, Optional<Severity> priority, boolean clearPriority, TicketType type, Set<String> tags, String group, Actor by) {
        Ticket ticket = lock(id);
        refuseClosed(ticket);
        Instant now = clock.instant();
        List<String> changes = new ArrayList<>();
        boolean priorityChanged = false;
        if (priority.isPresent() || clearPriority) {
            Severity next = priority.orElse(null);
            if (next != ticket.priority) {
                priorityChanged = true;
                changes.add("priority " + name(ticket.priority) + " -> " + name(next));
                ticket.priority = next;
                sla.priorityChanged(ticket, now);
            }
        }
        if (type != null && type != ticket.type) {
            changes.add("type " + (ticket.type == null ? "none" : ticket.type) + " -> " + type);
            ticket.type = type;
        }
        if (tags != null) {
            Set<String> checked = checkTags(tags, "tags");
            if (!checked.equals(ticket.tags)) {
                changes.add("tags [" + String.join(", ", ticket.tags) + "] -> [" + String.join(", ", checked) + "]");
                ticket.tags.clear();
                ticket.tags.addAll(checked);
            }
        }
        if (group != null && !group.equals(ticket.group)) {
            checkGroup(group);
            changes.add("group " + ticket.group + " -> " + group);
            ticket.group = group;
        }
        if (ticket.status == TicketStatus.NEW && ticket.priority != null) {
            changes.add("status NEW -> OPEN");
            move(ticket, TicketStatus.OPEN, now);
        }
        if (!changes.isEmpty()) {
            ticket.updatedAt = now;
            TicketEvent event = TicketEvent.add(id, now, by.name(), "TRIAGED", String.join("; ", changes) + slaNote(ticket), null);
            if (priorityChanged) {
                // the tenant is told which SLA applies whenever the priority picks a new one
                send(ticket, mails.slaChanged(ticket, event.id, now), now);
            }
        }
        return ticket;
    }

    /** Reassignment to a group and/or person, with the reason recorded. */
    public Ticket assign(long id, String group, String assignee, String reason, Actor by) {
        Ticket ticket = lock(id);
        refuseClosed(ticket);
        Instant now = clock.instant();
        String targetGroup = group == null ? ticket.group : group;
        checkGroup(targetGroup);
        String targetAssignee = assignee == null || assignee.isBlank() ? null : assignee.strip().toLowerCase();
        String detail = "group " + ticket.group + " -> " + targetGroup + ", assignee " + (ticket.assignee == null ? "nobody" : ticket.assignee)
                + " -> " + (targetAssignee == null ? "nobody" : targetAssignee);
        ticket.group = targetGroup;
        ticket.assignee = targetAssignee;
        ticket.updatedAt = now;
        TicketEvent.add(id, now, by.name(), "REASSIGNED", detail, reason.strip());
        return ticket;
    }

    /** Back to the triage group, unassigned, with the reason. */
    public Ticket returnToTriage(long id, String reason, Actor by) {
        return assign(id, config.triageGroup(), null, reason, by);
    }

    /** Hands one open ticket to another person with an internal note saying why (the rota hand-over). */
    public void handOver(long id, String to, String note, Actor by) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        String from = ticket.assignee;
        ticket.assignee = to.toLowerCase();
        ticket.updatedAt = now;
        TicketEvent.add(id, now, by.name(), "REASSIGNED", "assignee " + from + " -> " + ticket.assignee + " (rota hand-over)", note);
        addComment(ticket, note, false, by.name(), AuthorKind.SYSTEM, Channel.API, now);
    }

    /** A status change asked for by an agent. Illegal moves are a 409 naming the allowed ones. */
    public Ticket changeStatus(long id, TicketStatus target, String reason, String note, Actor by) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        if (!ticket.status.canMoveTo(target)) {
            throw ApiProblem.conflict("Ticket " + id + " is " + ticket.status + " and cannot move to " + target + "; allowed: "
                    + (ticket.status.allowed().isEmpty() ? "none (a reply to a closed ticket opens a follow-up)"
                            : ticket.status.allowed().stream().map(Enum::name).sorted().collect(Collectors.joining(", "))));
        }
        if (target == TicketStatus.ON_HOLD && blank(note)) {
            throw ApiProblem.invalidField("note", "putting a ticket ON_HOLD needs an internal note giving the reason");
        }
        if ((target == TicketStatus.SOLVED || target == TicketStatus.CLOSED) && blank(reason)) {
            throw ApiProblem.invalidField("reason", "solving or closing a ticket needs a reason; the tenant is told it");
        }
        TicketStatus before = ticket.status;
        move(ticket, target, now, blank(reason) ? null : reason.strip());
        ticket.updatedAt = now;
        TicketEvent.add(id, now, by.name(), "STATUS", before + " -> " + target, blank(reason) ? (blank(note) ? null : note.strip()) : reason.strip());
        if (!blank(note)) {
            addComment(ticket, note.strip(), false, by.name(), AuthorKind.AGENT, Channel.API, now);
        }
        if (target == TicketStatus.SOLVED) {
            send(ticket, mails.solved(ticket, reason.strip(), false, now), now);
        } else if (target == TicketStatus.CLOSED) {
            send(ticket, mails.closed(ticket, reason.strip(), false, now), now);
        }
        return ticket;
    }

    /** Rename: the reason is recorded and the tenant told the new name and why. */
    public Ticket rename(long id, String subject, String reason, Actor by) {
        Ticket ticket = lock(id);
        refuseClosed(ticket);
        Instant now = clock.instant();
        String before = ticket.subject;
        ticket.subject = subject.strip();
        ticket.updatedAt = now;
        TicketEvent event = TicketEvent.add(id, now, by.name(), "RENAMED", "'" + before + "' -> '" + ticket.subject + "'", reason.strip());
        send(ticket, mails.renamed(ticket, before, reason.strip(), event.id, now), now);
        return ticket;
    }

    /**
     * An agent's comment: a public reply (emailed; the first meets first response, each meets the next-update target)
     * or an internal note (never sent, never shown to a tenant).
     */
    public TicketComment agentComment(long id, String body, boolean isPublic, Actor by) {
        Ticket ticket = lock(id);
        refuseClosed(ticket);
        Instant now = clock.instant();
        TicketComment comment = addComment(ticket, body.strip(), isPublic, by.name(), AuthorKind.AGENT, Channel.API, now);
        ticket.updatedAt = now;
        if (isPublic) {
            boolean first = ticket.firstResponseMetAt == null;
            sla.agentReplied(ticket, now);
            if (first) {
                metrics.firstResponse(Duration.between(ticket.createdAt, now));
            }
            TicketEvent.add(id, now, by.name(), "PUBLIC_REPLY", "Public reply #" + comment.id + (first ? "; first response met" : ""), null);
            send(ticket, mails.reply(ticket, comment), now);
        } else {
            TicketEvent.add(id, now, by.name(), "INTERNAL_NOTE", "Internal note #" + comment.id, null);
        }
        return comment;
    }

    /**
     * A tenant's reply (through the API or by email). On a waiting or solved ticket it reopens to OPEN, except a reply
     * that is only thanks on a believed-solved or solved ticket (recorded, not reopened). On a closed ticket it opens a
     * follow-up linked to it. Each reply that reopens or lands on open work starts a new next-update target.
     */
    public Replied tenantReply(long id, String body, Channel channel, String attachments, String author, String messageId) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        if (ticket.closed()) {
            Ticket followUp = followUp(ticket, body, channel, author, messageId, now);
            return new Replied(ticket, null, false, followUp);
        }
        boolean thanks = (ticket.status == TicketStatus.PENDING_BELIEVED_SOLVED || ticket.status == TicketStatus.SOLVED)
                && ThanksOnly.isThanksOnly(body);
        TicketComment comment = addComment(ticket, body.strip(), true, author, AuthorKind.TENANT, channel, now);
        comment.thanksOnly = thanks;
        comment.attachments = attachments;
        if (messageId != null) {
            recordMessage(ticket, messageId, comment.id, "IN", now);
        }
        ticket.updatedAt = now;
        boolean reopened = false;
        if (thanks) {
            TicketEvent.add(id, now, author, "TENANT_REPLY", "Tenant reply #" + comment.id + " is only thanks; " + ticket.status + " kept", null);
            return new Replied(ticket, comment, false, null);
        }
        if (ticket.status.reopenedByTenantReply()) {
            TicketStatus before = ticket.status;
            move(ticket, TicketStatus.OPEN, now);
            reopened = true;
            TicketEvent.add(id, now, author, "STATUS", before + " -> OPEN (tenant replied)", null);
        }
        sla.tenantCommented(ticket, now);
        TicketEvent.add(id, now, author, "TENANT_REPLY", "Tenant reply #" + comment.id + "; next update by " + mails.when(ticket.nextUpdateDueAt), null);
        return new Replied(ticket, comment, reopened, null);
    }

    /** Links the incident this ticket raised or belongs to. */
    public Ticket linkIncident(long id, long incidentId, Actor by) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        if (ticket.incidentId == null || ticket.incidentId != incidentId) {
            ticket.incidentId = incidentId;
            ticket.updatedAt = now;
            TicketEvent.add(id, now, by.name(), "LINKED_INCIDENT", "Incident #" + incidentId, null);
        }
        return ticket;
    }

    /** Links an external backlog card; with tellTenant, marking it done emails the tenant. */
    public Ticket backlogCard(long id, String url, boolean tellTenant, Actor by) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        ticket.backlogCardUrl = url.strip();
        ticket.backlogTellTenant = tellTenant;
        ticket.backlogDoneAt = null;
        ticket.updatedAt = now;
        TicketEvent.add(id, now, by.name(), "LINKED_CARD", ticket.backlogCardUrl + (tellTenant ? " (tell the tenant when done)" : ""), null);
        return ticket;
    }

    public Ticket backlogDone(long id, Actor by) {
        Ticket ticket = lock(id);
        Instant now = clock.instant();
        if (ticket.backlogCardUrl == null) {
            throw ApiProblem.conflict("Ticket " + id + " has no backlog card linked");
        }
        if (ticket.backlogDoneAt != null) {
            return ticket;
        }
        ticket.backlogDoneAt = now;
        ticket.updatedAt = now;
        TicketEvent.add(id, now, by.name(), "CARD_DONE", ticket.backlogCardUrl + " done" + (ticket.backlogTellTenant ? "; tenant told" : ""), null);
        if (ticket.backlogTellTenant) {
            send(ticket, mails.backlogDone(ticket, now), now);
        }
        return ticket;
    }

    /** Sends an email about a ticket through the outbox and remembers its Message-ID, so a reply to it threads here. */
    public void send(Ticket ticket, OutgoingEmail email, Instant now) {
        outbox.enqueue(email);
        recordMessage(ticket, outbox.messageId(email.idempotencyKey()), null, "OUT", now);
    }

    /**
     * Records a Message-ID as part of the ticket's thread; a Message-ID already recorded keeps its first ticket. One
     * statement (no read first): a ticket's create records its acknowledgement this way on every request.
     */
    public void recordMessage(Ticket ticket, String messageId, Long commentId, String direction, Instant now) {
        TicketMessage.getEntityManager().createNativeQuery("""
                insert into ticket_message (message_id, ticket_id, comment_id, direction, created_at)
                values (:messageId, :ticketId, :commentId, :direction, :now)
                on conflict (message_id) do nothing
                """).unwrap(NativeQuery.class)
                .setParameter("messageId", messageId)
                .setParameter("ticketId", ticket.id)
                .setParameter("commentId", commentId, Long.class)
                .setParameter("direction", direction)
                .setParameter("now", now)
                .executeUpdate();
    }

    /** As {@link #move(Ticket, TicketStatus, Instant, String)} with no reason given. */
    public void move(Ticket ticket, TicketStatus target, Instant now) {
        move(ticket, target, now, null);
    }

    /**
     * Moves the status and does what the move implies: SLA clocks pause or resume, the status's automatic step is stored
     * with its due instant ({@link StatusTimers}), and solving or closing an emergency ticket resolves its page ({@link EmergencyCalls}; {@code why}, the reason given
     * or null, goes with the resolve).
     */
    public void move(Ticket ticket, TicketStatus target, Instant now, String why) {
        TicketStatus before = ticket.status;
        ticket.status = target;
        ticket.statusChangedAt = now;
        step(ticket, timers.onEntering(target, now).orElse(null));
        sla.statusChanged(ticket, now);
        metrics.statusChanged();
        emergencies.moved(ticket, before, target, why, now);
    }

    /** Stores the next automatic step and its due instant (null: none); emails read {@code statusStepAt}, never recompute it. */
    static void step(Ticket ticket, StatusTimers.Due due) {
        ticket.statusStep = due == null ? null : due.step();
        ticket.statusStepAt = due == null ? null : due.at();
    }

    private Ticket followUp(Ticket closed, String body, Channel channel, String author, String messageId, Instant now) {
        Ticket ticket = new Ticket();
        ticket.subject = closed.subject.startsWith("Follow-up: ") ? closed.subject : "Follow-up: " + closed.subject;
        if (ticket.subject.length() > 300) {
            ticket.subject = ticket.subject.substring(0, 300);
        }
        ticket.description = body;
        ticket.requesterEmail = closed.requesterEmail;
        ticket.requesterName = closed.requesterName;
        ticket.organisation = closed.organisation;
        ticket.channel = channel;
        ticket.priority = closed.priority;
        ticket.type = closed.type;
        ticket.status = TicketStatus.NEW;
        ticket.group = config.triageGroup();
        ticket.followUpOf = closed.id;
        ticket.createdAt = now;
        ticket.createdBy = author;
        ticket.updatedAt = now;
        ticket.statusChangedAt = now;
        ticket.threadRoot = messageId;
        sla.opened(ticket, now);
        ticket.persistAndFlush();
        if (messageId != null) {
            recordMessage(ticket, messageId, null, "IN", now);
        }
        TicketEvent.add(ticket.id, now, author, "CREATED", "Follow-up of closed ticket #" + closed.id + slaNote(ticket), null);
        TicketEvent.add(closed.id, now, author, "FOLLOW_UP", "The tenant replied after closing; follow-up ticket #" + ticket.id, null);
        send(ticket, mails.received(ticket, now), now);
        metrics.created(channel);
        return ticket;
    }

    TicketComment addComment(Ticket ticket, String body, boolean isPublic, String author, AuthorKind kind, Channel channel, Instant now) {
        TicketComment comment = new TicketComment();
        comment.ticketId = ticket.id;
        comment.isPublic = isPublic;
        comment.author = author;
        comment.authorKind = kind;
        comment.body = body;
        comment.channel = channel;
        comment.createdAt = now;
        comment.persistAndFlush();
        return comment;
    }

    /** Tags must come from the taxonomy; an unknown one is a 400 listing the valid tags. */
    public Set<String> checkTags(Set<String> tags, String field) {
        if (tags == null) {
            return Set.of();
        }
        Set<String> checked = new TreeSet<>();
        List<String> unknown = new ArrayList<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip();
            if (config.tags().contains(t)) {
                checked.add(t);
            } else {
                unknown.add("'" + t + "'");
            }
        }
        if (!unknown.isEmpty()) {
            String valid = config.tags().stream().sorted().collect(Collectors.joining(", "));
            throw new ApiProblem(400, "Invalid request", field + ": unknown tag " + String.join(", ", unknown) + "; valid tags: " + valid,
                    List.of(new Problem.FieldError(field, "unknown tag " + String.join(", ", unknown) + "; valid tags: " + valid)));
        }
        return checked;
    }

    public void checkGroup(String group) {
        if (!config.groups().contains(group)) {
            throw ApiProblem.invalidField("group", "unknown group '" + group + "'; groups: " + String.join(", ", config.groups()));
        }
    }

    private String slaNote(Ticket ticket) {
        List<String> due = new ArrayList<>();
        if (ticket.firstResponseDueAt != null) {
            due.add("first response by " + mails.when(ticket.firstResponseDueAt));
        }
        if (ticket.nextUpdateDueAt != null) {
            due.add("next update by " + mails.when(ticket.nextUpdateDueAt));
        }
        return due.isEmpty() ? "" : "; " + String.join(", ", due);
    }

    private static void refuseClosed(Ticket ticket) {
        if (ticket.closed()) {
            throw ApiProblem.conflict("Ticket " + ticket.id + " is CLOSED; a tenant reply opens a follow-up ticket instead");
        }
    }

    private static String name(Severity priority) {
        return priority == null ? "none" : priority.name();
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }

    /** The ticket, locked for this transaction; a 404 when there is none. */
    public Ticket lock(long id) {
        Ticket ticket = Ticket.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (ticket == null) {
            throw ApiProblem.notFound("There is no ticket " + id);
        }
        return ticket;
    }
}
