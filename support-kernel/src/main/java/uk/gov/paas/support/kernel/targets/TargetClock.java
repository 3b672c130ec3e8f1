package uk.gov.paas.support.kernel.targets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How a target's interval is counted once its clock starts. */
public enum TargetClock {

    /** Every real minute counts, day and night ("24/7"): P1 is worked round the clock. */
    ROUND_THE_CLOCK("24/7"),

    /** Only in-hours time counts; a start out of hours counts from the next opening. */
    WORKING_TIME("working-time"),

    /**
     * Not worked out of hours: nobody is woken, the clock starts at the next opening and then counts working
     * time. Only meaningful for the out-of-hours column.
     */
    NOT_WORKED("not-worked");

    private final String written;

    TargetClock(String written) {
        this.written = written;
    }

    /** As written in configuration and shown in the API: 24/7, working-time, not-worked. */
    public String written() {
        return written;
    }

    /** Whether someone starts work before the next opening (and so may be paged out of hours). */
    public boolean workedOutOfHours() {
        return this == ROUND_THE_CLOCK;
    }

    public static TargetClock parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        for (TargetClock clock : values()) {
            if (clock.written.equals(wanted)) {
                return clock;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a clock; use one of "
                + Arrays.stream(values()).map(TargetClock::written).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return written;
    }
}
