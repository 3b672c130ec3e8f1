package uk.gov.paas.support.kernel.targets;

import java.util.Objects;

/** One severity's row of the targets table: its other name and a column for each kind of start. */
public record TargetsRow(Severity severity, String aka, Column inHours, Column outOfHours) {

    public TargetsRow {
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(inHours, "inHours");
        Objects.requireNonNull(outOfHours, "outOfHours");
        if (aka == null || aka.isBlank()) {
            throw new IllegalArgumentException("aka: give the severity's other name, such as Critical");
        }
        if (inHours.clock() == TargetClock.NOT_WORKED) {
            throw new IllegalArgumentException("in-hours.clock: not-worked applies only out of hours; use 24/7 or working-time");
        }
        aka = aka.strip();
    }

    /** Respond within, update every, and the clock both are counted on. */
    public record Column(TargetDuration respond, TargetDuration update, TargetClock clock) {

        public Column {
            Objects.requireNonNull(respond, "respond");
            Objects.requireNonNull(update, "update");
            Objects.requireNonNull(clock, "clock");
            if (respond.isZero() || update.isZero()) {
                throw new IllegalArgumentException((respond.isZero() ? "respond" : "update") + ": must be longer than zero");
            }
            if (clock == TargetClock.ROUND_THE_CLOCK && (respond.businessDays() > 0 || update.businessDays() > 0)) {
                throw new IllegalArgumentException("business days (bd) need the working-time clock; on the 24/7 clock write hours, such as 24h");
            }
        }
    }
}
