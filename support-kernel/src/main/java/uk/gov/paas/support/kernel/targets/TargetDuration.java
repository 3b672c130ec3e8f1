package uk.gov.paas.support.kernel.targets;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An interval as people write it: {@code 20m}, {@code 1h}, {@code 1h30m}, {@code 1bd} (business days are
 * working time: one is the in-hours day length). Whole minutes only; never negative.
 */
public record TargetDuration(int businessDays, Duration time) {

    private static final Pattern PART = Pattern.compile("(\\d+)([a-z]*)");

    public TargetDuration {
        if (businessDays < 0 || time.isNegative()) {
            throw new IllegalArgumentException("a target interval cannot be negative");
        }
    }

    /** Parses {@code 20m}, {@code 2h}, {@code 1h30m}, {@code 1bd}, {@code 1bd4h}; spaces are ignored. */
    public static TargetDuration parse(String text) {
        String written = text == null ? "" : text.replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        if (written.isEmpty()) {
            throw new IllegalArgumentException("an interval is required, such as 20m, 1h or 1bd");
        }
        if (written.startsWith("-")) {
            throw new IllegalArgumentException("'" + text + "' is negative; a target interval cannot be");
        }
        Matcher part = PART.matcher(written);
        int at = 0;
        long businessDays = 0;
        long minutes = 0;
        boolean seenBd = false, seenH = false, seenM = false;
        while (at < written.length()) {
            if (!part.find(at) || part.start() != at) {
                throw new IllegalArgumentException("'" + text + "' is not an interval; write a number and a unit, such as 20m, 1h or 1bd");
            }
            if (part.group(1).length() > 6) {
                throw tooLong(text);
            }
            long amount = Long.parseLong(part.group(1));
            String unit = part.group(2);
            switch (unit) {
                case "bd" -> { seenBd = once(seenBd, unit, text); businessDays += amount; }
                case "h" -> { seenH = once(seenH, unit, text); minutes += amount * 60; }
                case "m" -> { seenM = once(seenM, unit, text); minutes += amount; }
                case "" -> throw new IllegalArgumentException("'" + text + "' has a number without a unit; use m (minutes), h (hours) or bd (business days)");
                case "d" -> throw new IllegalArgumentException("'" + text + "' uses d, which is ambiguous: write 24h for a day round the clock or 1bd for a business day");
                default -> throw new IllegalArgumentException("'" + text + "' has the unknown unit '" + unit + "'; use m (minutes), h (hours) or bd (business days)");
            }
            at = part.end();
        }
        // a year of business days or minutes is far beyond any support target: a typo, not a policy
        if (businessDays > 260 || minutes > 366L * 24 * 60) {
            throw tooLong(text);
        }
        return new TargetDuration((int) businessDays, Duration.ofMinutes(minutes));
    }

    private static IllegalArgumentException tooLong(String text) {
        return new IllegalArgumentException("'" + text + "' is longer than a year; a support target that long is a typo");
    }

    private static boolean once(boolean seen, String unit, String text) {
        if (seen) {
            throw new IllegalArgumentException("'" + text + "' gives " + unit + " twice");
        }
        return true;
    }

    public boolean isZero() {
        return businessDays == 0 && time.isZero();
    }

    /** This interval as working time, given the length of one business day. */
    public Duration asWorkingTime(Duration businessDay) {
        return businessDay.multipliedBy(businessDays).plus(time);
    }

    /** The way it is written in configuration: 1bd, 20m, 1h30m. */
    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        if (businessDays > 0) {
            out.append(businessDays).append("bd");
        }
        if (time.toHours() > 0) {
            out.append(time.toHours()).append('h');
        }
        if (time.toMinutesPart() > 0 || out.isEmpty()) {
            out.append(time.toMinutesPart()).append('m');
        }
        return out.toString();
    }
}
