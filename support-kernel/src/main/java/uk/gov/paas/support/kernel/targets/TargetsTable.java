package uk.gov.paas.support.kernel.targets;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;

/**
 * The P1-P4 targets table every service uses (incident deadlines and ticket SLAs alike), with the calendar it
 * counts working time on. Immutable; {@link #targets} is a pure function of the severity and the start.
 */
public final class TargetsTable {

    private final SupportCalendar calendar;
    private final Map<Severity, TargetsRow> rows;

    /** Every severity needs a row; the in-hours column is always worked. */
    public TargetsTable(SupportCalendar calendar, Map<Severity, TargetsRow> rows) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        EnumMap<Severity, TargetsRow> copy = new EnumMap<>(Severity.class);
        copy.putAll(rows);
        for (Severity severity : Severity.values()) {
            TargetsRow row = copy.get(severity);
            if (row == null) {
                throw new IllegalArgumentException("the targets table has no row for " + severity);
            }
            if (row.severity() != severity) {
                throw new IllegalArgumentException("the row under " + severity + " is for " + row.severity());
            }
        }
        this.rows = Collections.unmodifiableMap(copy);
    }

    public SupportCalendar calendar() {
        return calendar;
    }

    public TargetsRow row(Severity severity) {
        return rows.get(Objects.requireNonNull(severity, "severity"));
    }

    public Map<Severity, TargetsRow> rows() {
        return rows;
    }

    /**
     * The targets of a clock started at {@code start} (a declaration, a tenant update, a severity change): the
     * support period at the start picks the column; respond-by and update-by are counted on its clock.
     */
    public Targets targets(Severity severity, Instant start) {
        Objects.requireNonNull(start, "start");
        TargetsRow row = row(severity);
        SupportPeriod period = calendar.periodAt(start);
        TargetsRow.Column column = period == SupportPeriod.IN_HOURS ? row.inHours() : row.outOfHours();
        Instant clockStartsAt = column.clock() == TargetClock.ROUND_THE_CLOCK || period == SupportPeriod.IN_HOURS
                ? start : calendar.nextOpening(start);
        return new Targets(severity, row.aka(), period, column, start, clockStartsAt,
                due(start, column.respond(), column.clock()), due(start, column.update(), column.clock()));
    }

    private Instant due(Instant start, TargetDuration interval, TargetClock clock) {
        return advance(clock, start, budget(interval, clock));
    }

    /** How much of a clock's time an interval is: real time on the 24/7 clock, working time (1bd = one business day) otherwise. */
    public Duration budget(TargetDuration interval, TargetClock clock) {
        return clock == TargetClock.ROUND_THE_CLOCK ? interval.time() : interval.asWorkingTime(calendar.businessDay());
    }

    /** The instant {@code amount} of this clock's time after {@code start}. */
    public Instant advance(TargetClock clock, Instant start, Duration amount) {
        if (clock == TargetClock.ROUND_THE_CLOCK) {
            // real elapsed time: 40 minutes across a clock change are 40 minutes, whatever the wall clock shows
            return start.plus(amount);
        }
        // working time and not-worked agree on arithmetic: working time out of hours already counts from the next opening
        return calendar.addWorkingTime(start, amount);
    }

    /** How much of this clock's time passed between two instants (a paused SLA counts only its running stretches). */
    public Duration elapsed(TargetClock clock, Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        return clock == TargetClock.ROUND_THE_CLOCK ? Duration.between(from, to) : calendar.workingTimeBetween(from, to);
    }
}
