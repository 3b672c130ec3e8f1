package uk.gov.paas.support.kernel.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.config.TargetsConfig;
import uk.gov.paas.support.kernel.config.TargetsProducer;

/** A bad targets table is refused with a message naming the key to fix, and never half-built. */
class TargetsConfigurationTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            SUPPORT_TARGETS_P1_IN_HOURS_RESPOND      | 20x          | support.targets.p1.in-hours.respond: '20x' has the unknown unit 'x'
            SUPPORT_TARGETS_P2_OUT_OF_HOURS_UPDATE   | 2d           | support.targets.p2.out-of-hours.update: '2d' uses d, which is ambiguous
            SUPPORT_TARGETS_P3_IN_HOURS_UPDATE       | -4h          | support.targets.p3.in-hours.update: '-4h' is negative
            SUPPORT_TARGETS_P4_IN_HOURS_RESPOND      | 0m           | support.targets.p4.in-hours.respond: must be longer than zero
            SUPPORT_TARGETS_P1_OUT_OF_HOURS_CLOCK    | sometimes    | support.targets.p1.out-of-hours.clock: 'sometimes' is not a clock; use one of 24/7, working-time, not-worked
            SUPPORT_TARGETS_P2_IN_HOURS_CLOCK        | not-worked   | support.targets.p2.in-hours.clock: not-worked applies only out of hours
            SUPPORT_TARGETS_P1_IN_HOURS_UPDATE       | 1bd          | support.targets.p1.in-hours: business days (bd) need the working-time clock
            SUPPORT_TARGETS_P3_OUT_OF_HOURS_RESPOND  | 2 hours      | support.targets.p3.out-of-hours.respond: '2 hours' has the unknown unit 'hours'
            SUPPORT_TARGETS_P4_OUT_OF_HOURS_RESPOND  | 1bd1bd       | support.targets.p4.out-of-hours.respond: '1bd1bd' gives bd twice
            SUPPORT_TARGETS_P2_IN_HOURS_RESPOND      | 9999999m     | support.targets.p2.in-hours.respond: '9999999m' is longer than a year
            SUPPORT_TARGETS_P2_AKA                   | ' '          | support.targets.p2.aka: give the severity's other name
            """)
    void aBadCellStopsStartUpNamingItsKey(String variable, String value, String expected) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ShippedTargets.withEnvironment(Map.of(variable, value)));
        assertTrue(e.getMessage().startsWith(expected), "got: " + e.getMessage());
    }

    @Test
    void aTableWithoutARowForEachSeverityIsRefusedNamingTheMissingOne() {
        Map<String, String> table = fullTable();
        table.keySet().removeIf(key -> key.startsWith("support.targets.p3."));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(table));
        assertEquals("support.targets.p3 is missing: the targets table needs a row for each of P1, P2, P3 and P4", e.getMessage());
    }

    @Test
    void anUnknownSeverityRowIsRefusedRatherThanIgnored() {
        Map<String, String> table = fullTable();
        for (String cell : new String[] {"in-hours", "out-of-hours"}) {
            table.put("support.targets.p5." + cell + ".respond", "1h");
            table.put("support.targets.p5." + cell + ".update", "1h");
            table.put("support.targets.p5." + cell + ".clock", "working-time");
        }
        table.put("support.targets.p5.aka", "Trivial");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> build(table));
        assertTrue(e.getMessage().startsWith("support.targets.p5: unknown severity 'p5'"), e.getMessage());
    }

    @Test
    void aFullyConfiguredTableIsUsedAsGiven() {
        Map<String, String> table = fullTable();
        table.put("support.targets.p3.in-hours.respond", "3h");
        TargetsTable built = build(table);
        assertEquals("3h", built.row(Severity.P3).inHours().respond().toString());
        assertEquals("Level 1", built.row(Severity.P1).aka());
    }

    /** A complete table written out without the shipped defaults, as a deployment replacing it whole would. */
    private static Map<String, String> fullTable() {
        Map<String, String> table = new HashMap<>();
        for (Severity severity : Severity.values()) {
            String row = "support.targets." + severity.key();
            table.put(row + ".aka", "Level " + severity.name().substring(1));
            for (String column : new String[] {"in-hours", "out-of-hours"}) {
                table.put(row + "." + column + ".respond", "1h");
                table.put(row + "." + column + ".update", "2h");
                table.put(row + "." + column + ".clock", "working-time");
            }
        }
        return table;
    }

    private static TargetsTable build(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(TargetsConfig.class)
                .build();
        return TargetsProducer.fromConfig(config.getConfigMapping(TargetsConfig.class), SupportCalendar.defaults());
    }
}
