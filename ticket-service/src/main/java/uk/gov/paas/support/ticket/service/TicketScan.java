package uk.gov.paas.support.ticket.service;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.SlaBreach;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.StatusTimers;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.mail.TicketMails;

/**
 * The deadline scan. Reads only tickets whose check time has come (partial index on next_check_at), each claimed
 * alone with FOR UPDATE SKIP LOCKED in its own transaction (kernel DueWork), so two threads or replicas never handle
 * one ticket twice. For each: a breach of a target that fell due is recorded once and emailed once to the assignee
 * (or the group's address); a scheduled status step that fell due is taken with its tenant notice. Then the next
 * check time is stored from what is left; a closed ticket has none, so nothing ever fires for it.
 */
@ApplicationScoped
public class TicketScan {

    private static final Logger LOG = Logger.getLogger(TicketScan.class);
    static final String ACTOR = "ticket-service";

    private final DueWork work;
    private final TicketConfig config;
    private final TicketSla sla;
    private final TicketMails mails;
    private final TicketService tickets;
    private final TicketMetrics metrics;
    private final EntityManager entityManager;
    private final StatusTimers timers;

    TicketScan(DueWork work, TicketConfig config, TicketSla sla, TicketMails mails, TicketService tickets, TicketMetrics metrics,
            EntityManager entityManager, StatusTimers timers) {
        this.work = work;
        this.config = config;
        this.sla = sla;
        this.mails = mails;
        this.tickets = tickets;
        this.metrics = metrics;
        this.entityManager = entityManager;
        this.timers = timers;
    }

    /** The claim: one due ticket, by the partial index, skipping those another scan holds. */
    public static final String CLAIM = """
            select id from ticket where next_check_at <= :now order by next_check_at limit 1 for update skip locked
            """;

    /** Handles every ticket due now; returns how many. */
    public int checkDue() {
        int handled = work.handleEach("Ticket deadline scan", CLAIM, config.batchSize(), this::handleOne);
        if (handled > 0 || metrics.stale()) {
            refreshStatusGauges();
        }
        return handled;
    }

    private void handleOne(long id, Instant now) {
        Ticket ticket = Ticket.findById(id);
        if (ticket.closed()) {
            ticket.nextCheckAt = null;
            return;
        }
        if (ticket.firstResponseDueAt != null && ticket.firstResponseBreachedAt == null && !now.isBefore(ticket.firstResponseDueAt)) {
            breach(ticket, SlaTimer.Kind.FIRST_RESPONSE, ticket.firstResponse.startedAt(), ticket.firstResponseDueAt, now);
            ticket.firstResponseBreachedAt = now;
        }
        if (ticket.nextUpdateDueAt != null && ticket.nextUpdateBreachedAt == null && !now.isBefore(ticket.nextUpdateDueAt)) {
            breach(ticket, SlaTimer.Kind.NEXT_UPDATE, ticket.nextUpdate.startedAt(), ticket.nextUpdateDueAt, now);
            ticket.nextUpdateBreachedAt = now;
        }
        if (ticket.statusStepAt != null && !now.isBefore(ticket.statusStepAt)) {
            step(ticket, now);
        }
        sla.store(ticket, now);
    }

    private void breach(Ticket ticket, SlaTimer.Kind target, Instant startedAt, Instant dueAt, Instant now) {
        if (SlaBreach.count("ticketId = ?1 and target = ?2 and targetStartedAt = ?3", ticket.id, target, startedAt) > 0) {
            return;
        }
        String to = ticket.assignee != null ? ticket.assignee : config.groupEmails().getOrDefault(ticket.group, config.fallbackEmail());
        SlaBreach breach = new SlaBreach();
        breach.ticketId = ticket.id;
        breach.target = target;
        breach.targetStartedAt = startedAt;
        breach.dueAt = dueAt;
        breach.breachedAt = now;
        breach.notified = to;
        breach.persist();
        tickets.send(ticket, mails.breach(ticket, target, startedAt, dueAt, to), now);
        TicketEvent.add(ticket.id, now, ACTOR, "SLA_BREACH", target + " was due " + mails.when(dueAt) + "; emailed " + to, null);
        metrics.breached(target);
    }

    /** Takes the ticket's due step as {@link StatusTimers} says; the reminder stores the close first, so its email reads the stored date. */
    private void step(Ticket ticket, Instant now) {
        if (ticket.statusStep == null) {
            LOG.warnf("Ticket %d has a status step time but no step", ticket.id);
            TicketService.step(ticket, null);
            return;
        }
        StatusTimers.Action action = timers.whenDue(ticket.statusStep, ticket.statusChangedAt);
        if (action.remindsOnly()) {
            TicketService.step(ticket, action.next());
            tickets.send(ticket, mails.pendingReminder(ticket, now), now);
            TicketEvent.add(ticket.id, now, ACTOR, "PENDING_REMINDER", "Reminded the tenant; closes " + mails.when(ticket.statusStepAt)
                    + " without a reply", null);
            return;
        }
        TicketStatus before = ticket.status;
        tickets.move(ticket, action.moveTo(), now, "automatically, " + action.why());
        ticket.updatedAt = now;
        tickets.send(ticket, action.moveTo() == TicketStatus.SOLVED ? mails.solved(ticket, null, true, now) : mails.closed(ticket, null, true, now),
                now);
        TicketEvent.add(ticket.id, now, ACTOR, "STATUS", before + " -> " + action.moveTo() + " (automatic)", action.why());
    }

    /** Counts unclosed tickets only, through the partial index on them: closed tickets pile up forever and are not a workload. */
    private void refreshStatusGauges() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = entityManager.createNativeQuery("select status, count(*) from ticket where status <> 'CLOSED' group by status").getResultList();
                Map<TicketStatus, Long> counts = new EnumMap<>(TicketStatus.class);
                for (Object[] row : rows) {
                    counts.put(TicketStatus.valueOf((String) row[0]), ((Number) row[1]).longValue());
                }
                metrics.byStatus(counts);
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh the ticket status gauges: %s", e.getMessage());
        }
    }
}
