package uk.gov.paas.support.kernel.targets;

import java.time.Instant;

import uk.gov.paas.support.kernel.calendar.SupportPeriod;

/**
 * The targets of one clock start: what the table says for the severity in the period at the start, and the
 * instants they fall due.
 *
 * @param period        the support period at the start; it picks the column
 * @param clockStartsAt when counting begins: the start, or the next opening for a working-time or not-worked
 *                      clock started out of hours
 * @param respondBy     start work and respond by (before the first tenant update, this is also when it is due)
 * @param updateBy      the next update is due by, if an update is published at the start
 */
public record Targets(Severity severity, String aka, SupportPeriod period, TargetsRow.Column column, Instant start,
        Instant clockStartsAt, Instant respondBy, Instant updateBy) {

    /** Whether anyone works this before the next opening; false means it waits for in-hours staff and pages nobody. */
    public boolean worked() {
        return period == SupportPeriod.IN_HOURS || column.clock().workedOutOfHours();
    }
}
