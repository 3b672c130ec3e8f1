package uk.gov.paas.support.escalation.domain;

import java.time.Instant;

/**
 * One stretch of time with one person on call: a rota shift, or the part of it not covered by overrides, or (the
 * winning part of) an override.
 *
 * @param personId   who is on call
 * @param start      start, inclusive
 * @param end        end, exclusive; after {@code start}
 * @param overrideId the override this stretch comes from, or {@code null} for the rota
 */
public record Shift(long personId, Instant start, Instant end, Long overrideId) {

    public Shift {
        if (start == null) {
            throw new IllegalArgumentException("start: must not be null");
        }
        if (end == null) {
            throw new IllegalArgumentException("end: must not be null");
        }
        if (!end.isAfter(start)) {
            throw new IllegalArgumentException("end: must be after start (" + start + "), not " + end);
        }
    }

    /** Whether this stretch comes from an override rather than the rota. */
    public boolean override() {
        return overrideId != null;
    }

    /** Whether {@code instant} falls in [start, end). */
    public boolean covers(Instant instant) {
        return !instant.isBefore(start) && instant.isBefore(end);
    }
}
