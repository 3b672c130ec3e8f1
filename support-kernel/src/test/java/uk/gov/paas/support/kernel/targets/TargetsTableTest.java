package uk.gov.paas.support.kernel.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.kernel.calendar.SupportPeriod.IN_HOURS;
import static uk.gov.paas.support.kernel.calendar.SupportPeriod.OUT_OF_HOURS_OVERNIGHT;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import uk.gov.paas.support.kernel.calendar.SupportPeriod;

/**
 * Every row of the shipped targets table, in and out of hours, across both 2026 clock changes and Christmas 2026
 * and 2027. Instants are UTC: London is UTC in winter and UTC+1 in summer (29 Mar - 25 Oct 2026).
 */
class TargetsTableTest {

    private final TargetsTable table = ShippedTargets.table();

    @ParameterizedTest(name = "{0} from {1}: {5}")
    @CsvSource(delimiter = '|', textBlock = """
            # severity | start                | period                 | respond by           | update by            | why
            # --- an ordinary in-hours Wednesday, 10:00 GMT
            P1 | 2026-11-25T10:00:00Z | IN_HOURS               | 2026-11-25T10:20:00Z | 2026-11-25T11:00:00Z | 20 min and 1 h
            P2 | 2026-11-25T10:00:00Z | IN_HOURS               | 2026-11-25T10:30:00Z | 2026-11-25T12:00:00Z | 30 min and 2 h
            P3 | 2026-11-25T10:00:00Z | IN_HOURS               | 2026-11-25T12:00:00Z | 2026-11-25T14:00:00Z | 2 h and 4 h
            P4 | 2026-11-25T10:00:00Z | IN_HOURS               | 2026-11-26T10:00:00Z | 2026-11-27T10:00:00Z | 1 and 2 business days
            # --- in hours near the close: 24/7 runs on into the evening, working time carries to the morning
            P1 | 2026-11-25T16:45:00Z | IN_HOURS               | 2026-11-25T17:05:00Z | 2026-11-25T17:45:00Z | the in-hours column, on a 24/7 clock
            P2 | 2026-11-25T16:45:00Z | IN_HOURS               | 2026-11-26T09:15:00Z | 2026-11-26T10:45:00Z | 15 min tonight, the rest tomorrow
            P3 | 2026-11-25T16:45:00Z | IN_HOURS               | 2026-11-26T10:45:00Z | 2026-11-26T12:45:00Z | working time carries over
            P4 | 2026-11-25T16:45:00Z | IN_HOURS               | 2026-11-26T16:45:00Z | 2026-11-27T16:45:00Z | same wall time 1 and 2 business days on
            # --- overnight on a weekday
            P1 | 2026-11-25T20:00:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-11-25T20:40:00Z | 2026-11-25T21:00:00Z | 40 min and 1 h out of hours
            P2 | 2026-11-25T20:00:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-11-26T09:30:00Z | 2026-11-26T11:00:00Z | not worked: from Thursday's opening
            P3 | 2026-11-25T20:00:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-11-26T11:00:00Z | 2026-11-26T13:00:00Z | not worked: from Thursday's opening
            P4 | 2026-11-25T20:00:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-11-26T17:00:00Z | 2026-11-27T17:00:00Z | a business day from the opening ends at the close
            # --- a Saturday daytime (waking out of hours)
            P1 | 2026-11-28T11:00:00Z | OUT_OF_HOURS_WAKING    | 2026-11-28T11:40:00Z | 2026-11-28T12:00:00Z | 40 min and 1 h out of hours
            P2 | 2026-11-28T11:00:00Z | OUT_OF_HOURS_WAKING    | 2026-11-30T09:30:00Z | 2026-11-30T11:00:00Z | not worked: from Monday's opening
            P3 | 2026-11-28T11:00:00Z | OUT_OF_HOURS_WAKING    | 2026-11-30T11:00:00Z | 2026-11-30T13:00:00Z | not worked: from Monday's opening
            P4 | 2026-11-28T11:00:00Z | OUT_OF_HOURS_WAKING    | 2026-11-30T17:00:00Z | 2026-12-01T17:00:00Z | Monday's and Tuesday's close
            # --- spring forward: Sunday 29 March 2026, 01:00 GMT becomes 02:00 BST
            P1 | 2026-03-29T00:45:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-03-29T01:25:00Z | 2026-03-29T01:45:00Z | 40 real minutes, though the wall clock jumps an hour
            P2 | 2026-03-27T16:00:00Z | IN_HOURS               | 2026-03-27T16:30:00Z | 2026-03-30T09:00:00Z | 1 h Friday GMT, 1 h Monday BST (10:00)
            P3 | 2026-03-29T01:30:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-03-30T10:00:00Z | 2026-03-30T12:00:00Z | from Monday 09:00 BST, which is 08:00 UTC
            P4 | 2026-03-27T16:00:00Z | IN_HOURS               | 2026-03-30T15:00:00Z | 2026-03-31T15:00:00Z | 16:00 GMT Friday -> 16:00 BST Monday
            # --- fall back: Sunday 25 October 2026, 02:00 BST becomes 01:00 GMT
            P1 | 2026-10-25T00:30:00Z | OUT_OF_HOURS_OVERNIGHT | 2026-10-25T01:10:00Z | 2026-10-25T01:30:00Z | 40 real minutes through the repeated hour
            P2 | 2026-10-24T12:00:00Z | OUT_OF_HOURS_WAKING    | 2026-10-26T09:30:00Z | 2026-10-26T11:00:00Z | from Monday 09:00 GMT
            P3 | 2026-10-23T15:00:00Z | IN_HOURS               | 2026-10-26T10:00:00Z | 2026-10-26T12:00:00Z | 1 h Friday BST, the rest Monday GMT
            P4 | 2026-10-23T15:00:00Z | IN_HOURS               | 2026-10-26T16:00:00Z | 2026-10-27T16:00:00Z | 16:00 BST Friday -> 16:00 GMT Monday
            # --- Christmas 2026: Friday 25 a bank holiday, the weekend, Monday 28 the Boxing Day substitute
            P1 | 2026-12-25T10:00:00Z | OUT_OF_HOURS_WAKING    | 2026-12-25T10:40:00Z | 2026-12-25T11:00:00Z | a bank holiday is out of hours
            P2 | 2026-12-24T16:30:00Z | IN_HOURS               | 2026-12-24T17:00:00Z | 2026-12-29T10:30:00Z | lands on the close and stays; update after the break
            P3 | 2026-12-25T10:00:00Z | OUT_OF_HOURS_WAKING    | 2026-12-29T11:00:00Z | 2026-12-29T13:00:00Z | not worked until Tuesday 29th
            P4 | 2026-12-24T10:00:00Z | IN_HOURS               | 2026-12-29T10:00:00Z | 2026-12-30T10:00:00Z | the next business day is the 29th
            # --- Christmas 2027: the 25th and 26th at a weekend, Monday 27 and Tuesday 28 substitutes
            P1 | 2027-12-27T03:00:00Z | OUT_OF_HOURS_OVERNIGHT | 2027-12-27T03:40:00Z | 2027-12-27T04:00:00Z | overnight on a substitute day
            P2 | 2027-12-28T12:00:00Z | OUT_OF_HOURS_WAKING    | 2027-12-29T09:30:00Z | 2027-12-29T11:00:00Z | waking on a substitute day, worked from Wednesday
            P3 | 2027-12-24T15:00:00Z | IN_HOURS               | 2027-12-24T17:00:00Z | 2027-12-29T11:00:00Z | respond lands on Christmas Eve's close
            P4 | 2027-12-24T12:00:00Z | IN_HOURS               | 2027-12-29T12:00:00Z | 2027-12-30T12:00:00Z | four days off between business days
            P4 | 2027-12-31T10:00:00Z | IN_HOURS               | 2028-01-04T10:00:00Z | 2028-01-05T10:00:00Z | New Year's Day substitute on Monday 3 Jan 2028
            """)
    void targetsFollowTheTableForTheSeverityAndThePeriodAtTheStart(Severity severity, Instant start, SupportPeriod period,
            Instant respondBy, Instant updateBy, String why) {
        Targets targets = table.targets(severity, start);
        assertEquals(period, targets.period(), "period at the start");
        assertEquals(respondBy, targets.respondBy(), "respond by: " + why);
        assertEquals(updateBy, targets.updateBy(), "update by: " + why);
        assertEquals(severity, targets.severity());
        assertEquals(start, targets.start());
    }

    @Test
    void theShippedTableIsTheSpecsTable() {
        assertRow(Severity.P1, "Critical", "20m", "1h", "24/7", "40m", "1h", "24/7");
        assertRow(Severity.P2, "Major", "30m", "2h", "working-time", "30m", "2h", "not-worked");
        assertRow(Severity.P3, "Significant", "2h", "4h", "working-time", "2h", "4h", "not-worked");
        assertRow(Severity.P4, "Minor", "1bd", "2bd", "working-time", "1bd", "2bd", "not-worked");
    }

    private void assertRow(Severity severity, String aka, String inRespond, String inUpdate, String inClock, String outRespond,
            String outUpdate, String outClock) {
        TargetsRow row = table.row(severity);
        assertEquals(aka, row.aka());
        assertEquals(inRespond + " " + inUpdate + " " + inClock, row.inHours().respond() + " " + row.inHours().update() + " " + row.inHours().clock(),
                severity + " in hours");
        assertEquals(outRespond + " " + outUpdate + " " + outClock,
                row.outOfHours().respond() + " " + row.outOfHours().update() + " " + row.outOfHours().clock(), severity + " out of hours");
    }

    @Test
    void onlyP1IsWorkedOutOfHoursAndEverySeverityIsWorkedInHours() {
        Instant night = Instant.parse("2026-11-25T20:00:00Z");
        Instant day = Instant.parse("2026-11-25T10:00:00Z");
        assertTrue(table.targets(Severity.P1, night).worked());
        for (Severity severity : new Severity[] {Severity.P2, Severity.P3, Severity.P4}) {
            assertFalse(table.targets(severity, night).worked(), severity + " waits for the opening");
            assertEquals(Instant.parse("2026-11-26T09:00:00Z"), table.targets(severity, night).clockStartsAt(), severity.name());
        }
        for (Severity severity : Severity.values()) {
            assertTrue(table.targets(severity, day).worked(), severity + " in hours");
            assertEquals(day, table.targets(severity, day).clockStartsAt(), severity.name());
        }
        assertEquals(night, table.targets(Severity.P1, night).clockStartsAt());
    }

    @Test
    void theColumnIsDecidedByThePeriodAtTheStartNotAtTheDueTime() {
        // a P1 declared one minute before the close keeps the in-hours 20 minutes, though it falls due out of hours
        Targets targets = table.targets(Severity.P1, Instant.parse("2026-11-25T16:59:00Z"));
        assertEquals(IN_HOURS, targets.period());
        assertEquals(Instant.parse("2026-11-25T17:19:00Z"), targets.respondBy());
        // and one declared at the close itself is out of hours: 40 minutes
        Targets atClose = table.targets(Severity.P1, Instant.parse("2026-11-25T17:00:00Z"));
        assertEquals(OUT_OF_HOURS_OVERNIGHT, atClose.period());
        assertEquals(Instant.parse("2026-11-25T17:40:00Z"), atClose.respondBy());
    }

    @Test
    void aConfiguredCellReplacesTheShippedOneAndTheRestStay() {
        TargetsTable configured = ShippedTargets.withEnvironment(Map.of(
                "SUPPORT_TARGETS_P2_OUT_OF_HOURS_CLOCK", "24/7",
                "SUPPORT_TARGETS_P2_OUT_OF_HOURS_RESPOND", "1h30m"));
        Targets p2AtNight = configured.targets(Severity.P2, Instant.parse("2026-11-25T20:00:00Z"));
        assertEquals(Instant.parse("2026-11-25T21:30:00Z"), p2AtNight.respondBy(), "1h30m round the clock");
        assertEquals(Instant.parse("2026-11-25T22:00:00Z"), p2AtNight.updateBy(), "the shipped 2h, now round the clock");
        assertTrue(p2AtNight.worked());
        assertEquals(table.targets(Severity.P3, Instant.parse("2026-11-25T20:00:00Z")),
                configured.targets(Severity.P3, Instant.parse("2026-11-25T20:00:00Z")));
    }

    @Test
    void businessDayTargetsAreEightWorkingHoursEachWhereverTheyStart() {
        for (Instant start = Instant.parse("2026-03-23T00:00:00Z"); start.isBefore(Instant.parse("2026-04-13T00:00:00Z"));
                start = start.plus(Duration.ofMinutes(25))) {
            Targets p4 = table.targets(Severity.P4, start);
            assertEquals(Duration.ofHours(8), table.calendar().workingTimeBetween(start, p4.respondBy()), "from " + start);
            assertEquals(Duration.ofHours(16), table.calendar().workingTimeBetween(start, p4.updateBy()), "from " + start);
        }
    }
}
