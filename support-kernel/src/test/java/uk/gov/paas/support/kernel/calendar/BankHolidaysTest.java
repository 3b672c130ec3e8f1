package uk.gov.paas.support.kernel.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class BankHolidaysTest {

    private final BankHolidays defaults = BankHolidays.englandAndWales();

    @Test
    void theShippedListHoldsEnglandAndWales2025To2028() {
        Set<LocalDate> expected = new TreeSet<>(Stream.of(
                "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25", "2025-12-26",
                "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25", "2026-12-28",
                "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27", "2027-12-28",
                "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25", "2028-12-26")
                .map(LocalDate::parse).toList());
        assertEquals(expected, defaults.dates());
        assertEquals(LocalDate.of(2028, 12, 31), defaults.coveredUntil());
    }

    @Test
    void everyShippedHolidayFallsOnAWeekday() {
        assertTrue(defaults.dates().stream().noneMatch(d -> d.getDayOfWeek() == DayOfWeek.SATURDAY || d.getDayOfWeek() == DayOfWeek.SUNDAY),
                "substitute days replace holidays that fall at a weekend");
    }

    @Test
    void substituteDaysAreHolidaysAndTheWeekendDatesTheyReplaceAreNot() {
        assertTrue(defaults.contains(LocalDate.of(2026, 12, 28)));
        assertFalse(defaults.contains(LocalDate.of(2026, 12, 26)));
        assertTrue(defaults.contains(LocalDate.of(2028, 1, 3)));
        assertFalse(defaults.contains(LocalDate.of(2028, 1, 1)));
    }

    @Test
    void parseReadsCommentsNamesAndCoverage() {
        BankHolidays parsed = BankHolidays.parse("# test\n\ncovered-until: 2029-12-31\n2029-01-01  New Year's Day\n2029-12-25\n");
        assertEquals(Set.of(LocalDate.of(2029, 1, 1), LocalDate.of(2029, 12, 25)), parsed.dates());
        assertEquals(LocalDate.of(2029, 12, 31), parsed.coveredUntil());
    }

    @Test
    void aBadLineIsNamedInTheError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BankHolidays.parse("covered-until: 2029-12-31\n2029-01-01\n2029-13-01 Nonsense\n"));
        assertTrue(e.getMessage().contains("line 3"), e.getMessage());
        assertTrue(e.getMessage().contains("2029-13-01"), e.getMessage());
    }

    @Test
    void aListWithoutCoverageOrWithDatesBeyondItIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> BankHolidays.parse("2029-01-01\n"));
        assertThrows(IllegalArgumentException.class, () -> BankHolidays.of(List.of(LocalDate.of(2030, 1, 1)), LocalDate.of(2029, 12, 31)));
    }

    @Test
    void coverageWarningAppearsOnlyWhenTheDataEndsWithinTheHorizon() {
        assertTrue(defaults.coverageWarning(LocalDate.of(2026, 11, 22), 90).isEmpty());
        assertTrue(defaults.coverageWarning(LocalDate.of(2028, 10, 2), 90).isEmpty(), "2028-12-31 is exactly 90 days on");
        String warning = defaults.coverageWarning(LocalDate.of(2028, 10, 3), 90).orElseThrow();
        assertTrue(warning.contains("2028-12-31") && warning.contains("2029-01-01"), warning);
    }
}
