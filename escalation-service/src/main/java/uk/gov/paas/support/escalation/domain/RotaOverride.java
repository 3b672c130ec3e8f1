package uk.gov.paas.support.escalation.domain;

import java.time.Instant;

/**
 * Someone covering [from, to) in place of the rota. Overrides win over the rota; where overrides overlap the one
 * with the highest id (the latest created) wins.
 *
 * @param id       the override's id; also its precedence among overlapping overrides
 * @param personId who is on call instead
 * @param from     start, inclusive
 * @param to       end, exclusive; after {@code from}
 */
public record RotaOverride(long id, long personId, Instant from, Instant to) {

    public RotaOverride {
        if (from == null) {
            throw new IllegalArgumentException("from: must not be null");
        }
        if (to == null) {
            throw new IllegalArgumentException("to: must not be null");
        }
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("to: must be after from (" + from + "), not " + to);
        }
    }

    /** Whether this override covers {@code instant} (start inclusive, end exclusive). */
    public boolean covers(Instant instant) {
        return !instant.isBefore(from) && instant.isBefore(to);
    }
}
