package uk.gov.paas.support.kernel.config;

import java.util.EnumMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetClock;
import uk.gov.paas.support.kernel.targets.TargetDuration;
import uk.gov.paas.support.kernel.targets.TargetsRow;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/** Builds the one targets table of a service; a bad table stops start-up with a message naming the key. */
public class TargetsProducer {

    static final String PREFIX = "support.targets.";

    /** Built at start-up, not at the first request, so a typo in the table never reaches a deadline. */
    @Produces
    @Singleton
    @Startup
    TargetsTable targetsTable(TargetsConfig config, SupportCalendar calendar) {
        return fromConfig(config, calendar);
    }

    public static TargetsTable fromConfig(TargetsConfig config, SupportCalendar calendar) {
        Map<String, TargetsConfig.Row> configured = config.rows();
        for (String key : new TreeSet<>(configured.keySet())) {
            try {
                Severity.parse(key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(PREFIX + key + ": unknown severity '" + key + "'; the table has rows p1, p2, p3 and p4");
            }
        }
        Map<Severity, TargetsRow> rows = new EnumMap<>(Severity.class);
        for (Severity severity : Severity.values()) {
            TargetsConfig.Row row = configured.entrySet().stream()
                    .filter(e -> e.getKey().equalsIgnoreCase(severity.key())).map(Map.Entry::getValue).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(PREFIX + severity.key()
                            + " is missing: the targets table needs a row for each of P1, P2, P3 and P4"));
            String key = PREFIX + severity.key();
            TargetsRow.Column inHours = column(row.inHours(), key + ".in-hours");
            TargetsRow.Column outOfHours = column(row.outOfHours(), key + ".out-of-hours");
            rows.put(severity, keyed(key, () -> new TargetsRow(severity, row.aka(), inHours, outOfHours)));
        }
        return new TargetsTable(calendar, rows);
    }

    private static TargetsRow.Column column(TargetsConfig.Column column, String key) {
        TargetDuration respond = keyed(key + ".respond", () -> TargetDuration.parse(column.respond()));
        TargetDuration update = keyed(key + ".update", () -> TargetDuration.parse(column.update()));
        TargetClock clock = keyed(key + ".clock", () -> TargetClock.parse(column.clock()));
        return keyed(key, () -> new TargetsRow.Column(respond, update, clock));
    }

    /** Runs a check and puts the configuration key in front of its message, so the operator knows what to fix. */
    private static <T> T keyed(String key, Supplier<T> check) {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(key + (e.getMessage().matches("^[a-z-]+(\\.[a-z-]+)*: .*") ? "." : ": ") + e.getMessage(), e);
        }
    }
}
