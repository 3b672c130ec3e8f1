package uk.gov.paas.support.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetClock;
import uk.gov.paas.support.kernel.targets.TargetDuration;
import uk.gov.paas.support.kernel.targets.TargetsRow;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * One SLA target of a ticket (first response, or the next update after a tenant comment), as the running stretches
 * of its clock. Pauses (ON_HOLD, PENDING, PENDING_BELIEVED_SOLVED) close a stretch; a resume opens one. Because the
 * stretches are kept, a priority change at any time, paused or not, counts exactly the time that ran, on the new
 * priority's clock: paused time is never counted and never lost. The support period when the target started picks
 * the targets table's column, as for incidents.
 *
 * @param kind          which target
 * @param startedAt     when its clock started (ticket received, tenant comment)
 * @param period        the support period at {@code startedAt}
 * @param stretches     closed running stretches
 * @param runningSince  the open stretch's start; null while paused
 */
public record SlaTimer(Kind kind, Instant startedAt, SupportPeriod period, List<Stretch> stretches, Instant runningSince) {

    /** The two targets a ticket has. */
    public enum Kind {
        FIRST_RESPONSE, NEXT_UPDATE
    }

    /** A stretch of time the clock ran. */
    public record Stretch(Instant from, Instant to) {
    }

    /** Untriaged tickets (no priority) must get a first response within this, on the working-time clock. */
    public static final TargetDuration UNTRIAGED = TargetDuration.parse("2bd");

    public SlaTimer {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(period, "period");
        stretches = List.copyOf(stretches);
    }

    /** A running target started at {@code at}. */
    public static SlaTimer start(Kind kind, Instant at, TargetsTable table) {
        return new SlaTimer(kind, at, table.calendar().periodAt(at), List.of(), at);
    }

    public boolean paused() {
        return runningSince == null;
    }

    public SlaTimer pause(Instant at) {
        if (paused()) {
            return this;
        }
        List<Stretch> closed = new ArrayList<>(stretches);
        if (at.isAfter(runningSince)) {
            closed.add(new Stretch(runningSince, at));
        }
        return new SlaTimer(kind, startedAt, period, closed, null);
    }

    /**
     * How long this clock has stood still, in wall-clock time, between its start and {@code at}: the time a ticket spent
     * in a status that pauses it (on hold, pending). Zero for a clock that never paused.
     */
    public java.time.Duration pausedFor(Instant at) {
        java.time.Duration ran = stretches.stream().map(s -> java.time.Duration.between(s.from(), s.to()))
                .reduce(java.time.Duration.ZERO, java.time.Duration::plus);
        if (runningSince != null && at.isAfter(runningSince)) {
            ran = ran.plus(java.time.Duration.between(runningSince, at));
        }
        java.time.Duration paused = java.time.Duration.between(startedAt, at).minus(ran);
        return paused.isNegative() ? java.time.Duration.ZERO : paused;
    }

    public SlaTimer resume(Instant at) {
        return paused() ? new SlaTimer(kind, startedAt, period, stretches, at) : this;
    }

    /** The clock this target counts on for a priority (null: untriaged, working time). */
    public TargetClock clock(Severity priority, TargetsTable table) {
        return priority == null ? TargetClock.WORKING_TIME : column(priority, table).clock();
    }

    /** The whole allowance for a priority, in its clock's time. */
    public Duration budget(Severity priority, TargetsTable table) {
        if (priority == null) {
            return table.budget(UNTRIAGED, TargetClock.WORKING_TIME);
        }
        TargetsRow.Column column = column(priority, table);
        return table.budget(kind == Kind.FIRST_RESPONSE ? column.respond() : column.update(), column.clock());
    }

    /** How much of the allowance has run by {@code at}, on the priority's clock. */
    public Duration consumed(Severity priority, TargetsTable table, Instant at) {
        TargetClock clock = clock(priority, table);
        Duration total = Duration.ZERO;
        for (Stretch s : stretches) {
            total = total.plus(table.elapsed(clock, s.from(), s.to()));
        }
        if (!paused()) {
            total = total.plus(table.elapsed(clock, runningSince, at));
        }
        return total;
    }

    /** What is left at {@code at}; negative once overdue. */
    public Duration remaining(Severity priority, TargetsTable table, Instant at) {
        return budget(priority, table).minus(consumed(priority, table, at));
    }

    /** When the target falls due if the clock keeps running; null while paused (it cannot fall due then). */
    public Instant dueAt(Severity priority, TargetsTable table) {
        if (paused()) {
            return null;
        }
        Duration left = budget(priority, table).minus(consumed(priority, table, runningSince));
        return left.isNegative() || left.isZero() ? runningSince : table.advance(clock(priority, table), runningSince, left);
    }

    public boolean breachedAt(Severity priority, TargetsTable table, Instant at) {
        Duration left = remaining(priority, table, at);
        return left.isNegative() || left.isZero();
    }

    private TargetsRow.Column column(Severity priority, TargetsTable table) {
        TargetsRow row = table.row(priority);
        return period == SupportPeriod.IN_HOURS ? row.inHours() : row.outOfHours();
    }
}
