package uk.gov.paas.support.ticket.service;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.Ticket;

/**
 * The one place ticket SLA due times come from: the kernel's targets table (untriaged: 2 business days of working
 * time) applied to the ticket's clocks. Every event that touches a clock stores the due times it gives; the scan and
 * the queues read the stored columns. The preview route answers through {@link #preview}, the same arithmetic.
 */
@ApplicationScoped
public class TicketSla {

    private final TargetsTable table;

    TicketSla(TargetsTable table) {
        this.table = table;
    }

    public TargetsTable table() {
        return table;
    }

    /** A new ticket: its first-response clock starts now. */
    public void opened(Ticket ticket, Instant now) {
        ticket.firstResponse = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, now, table);
        store(ticket, now);
    }

    /** The first public agent reply meets first response; any public agent reply meets the pending next-update target. */
    public void agentReplied(Ticket ticket, Instant now) {
        if (ticket.firstResponseMetAt == null) {
            ticket.firstResponseMetAt = now;
        }
        ticket.nextUpdate = null;
        store(ticket, now);
    }

    /** Each tenant comment starts a new next-update target (replacing one still open). */
    public void tenantCommented(Ticket ticket, Instant now) {
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.NEXT_UPDATE, now, table);
        ticket.nextUpdate = ticket.status.pausesSla() ? timer.pause(now) : timer;
        ticket.nextUpdateBreachedAt = null;
        store(ticket, now);
    }

    /** A status change pauses or resumes the running clocks. */
    public void statusChanged(Ticket ticket, Instant now) {
        boolean pause = ticket.status.pausesSla() || ticket.status.stopsSla();
        if (ticket.firstResponse != null) {
            ticket.firstResponse = pause ? ticket.firstResponse.pause(now) : ticket.firstResponse.resume(now);
        }
        if (ticket.nextUpdate != null) {
            ticket.nextUpdate = pause ? ticket.nextUpdate.pause(now) : ticket.nextUpdate.resume(now);
        }
        store(ticket, now);
    }

    /** A priority change: the clocks keep the time they ran (paused time stays uncounted); due times follow the new priority. */
    public void priorityChanged(Ticket ticket, Instant now) {
        store(ticket, now);
    }

    /** Recomputes and stores the due times from the clocks, the nearest one for the queue, and when the scan must look next. */
    public void store(Ticket ticket, Instant now) {
        ticket.firstResponseDueAt = ticket.firstResponseMetAt != null || ticket.firstResponse == null ? null
                : ticket.firstResponse.dueAt(ticket.priority, table);
        ticket.nextUpdateDueAt = ticket.nextUpdate == null ? null : ticket.nextUpdate.dueAt(ticket.priority, table);
        ticket.slaDueAt = earliest(ticket.firstResponseDueAt, ticket.nextUpdateDueAt);
        ticket.nextCheckAt = earliest(ticket.firstResponseBreachedAt == null ? ticket.firstResponseDueAt : null,
                ticket.nextUpdateBreachedAt == null ? ticket.nextUpdateDueAt : null, ticket.statusStepAt);
    }

    /** What is left of a target at {@code at} (negative: overdue by that much); null when the target is not running or met. */
    public Duration remaining(Ticket ticket, SlaTimer timer, Instant at) {
        return timer == null ? null : timer.remaining(ticket.priority, table, at);
    }

    /** The SLA policy's name for people: {@code P3 (Significant)}, or the untriaged one. */
    public String policy(Severity priority) {
        return priority == null ? "Untriaged, first response within " + SlaTimer.UNTRIAGED.businessDays() + " business days"
                : priority.name() + " (" + table.row(priority).aka() + ")";
    }

    /** The targets a ticket started at {@code at} with this priority (null: untriaged) would get, through the same clocks. */
    public Preview preview(Severity priority, Instant at) {
        SlaTimer first = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, at, table);
        SlaTimer next = SlaTimer.start(SlaTimer.Kind.NEXT_UPDATE, at, table);
        return new Preview(table.calendar().periodAt(at), first.clock(priority, table).written(), first.budget(priority, table),
                first.dueAt(priority, table), next.budget(priority, table), next.dueAt(priority, table));
    }

    /** The answer of {@link #preview}: the period at the start, each budget (in its clock's time) and due instant. */
    public record Preview(SupportPeriod period, String clock, Duration firstResponseWithin, Instant firstResponseBy, Duration nextUpdateWithin,
            Instant nextUpdateBy) {
    }

    static Instant earliest(Instant... instants) {
        return Stream.of(instants).filter(java.util.Objects::nonNull).min(Instant::compareTo).orElse(null);
    }
}
