package uk.gov.paas.support.kernel.targets;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** P1 (most urgent) to P4: incident severities and ticket priorities are the same four levels. */
public enum Severity {
    P1, P2, P3, P4;

    /** "P2" or "p2"; anything else is refused with the valid values listed. */
    public static Severity parse(String text) {
        String wanted = text == null ? "" : text.strip().toUpperCase(Locale.ROOT);
        for (Severity severity : values()) {
            if (severity.name().equals(wanted)) {
                return severity;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a severity; use one of "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** The configuration key of this row: p1 to p4. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }
}
