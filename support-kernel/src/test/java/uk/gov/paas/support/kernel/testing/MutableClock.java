package uk.gov.paas.support.kernel.testing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests can stand still, set and move; it follows real time until a test sets it. */
public class MutableClock extends Clock {

    private final AtomicReference<Instant> fixed = new AtomicReference<>();

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("rules read instants; zones come from the support calendar");
    }

    @Override
    public Instant instant() {
        Instant now = fixed.get();
        return now != null ? now : Instant.now();
    }

    /** Stops the clock at this instant. */
    public void set(Instant instant) {
        fixed.set(instant);
    }

    /** Moves a stopped clock (or real time, stopping it) forward. */
    public void advance(Duration duration) {
        fixed.set(instant().plus(duration));
    }

    /** Back to real time. */
    public void reset() {
        fixed.set(null);
    }
}
