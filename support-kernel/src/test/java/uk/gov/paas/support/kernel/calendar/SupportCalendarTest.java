package uk.gov.paas.support.kernel.calendar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.kernel.calendar.SupportPeriod.IN_HOURS;
import static uk.gov.paas.support.kernel.calendar.SupportPeriod.OUT_OF_HOURS_OVERNIGHT;
import static uk.gov.paas.support.kernel.calendar.SupportPeriod.OUT_OF_HOURS_WAKING;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The support-hours rules, as plain functions. Instants are written in UTC: in winter London wall time equals
 * UTC, in summer (BST) it is one hour ahead. 2026's clock changes: 29 March 01:00Z (01:00 GMT -> 02:00 BST) and
 * 25 October 01:00Z (02:00 BST -> 01:00 GMT).
 */
class SupportCalendarTest {

    private final SupportCalendar calendar = SupportCalendar.defaults();

    private static final Set<DayOfWeek> SUNDAY_TO_THURSDAY = EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY,
            DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY);

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    /** London 09:00-17:00 with the shipped bank holidays, working {@code days}. */
    private static SupportCalendar workingOn(Set<DayOfWeek> days) {
        return new SupportCalendar(ZoneId.of("Europe/London"), days, LocalTime.of(9, 0), LocalTime.of(17, 0), BankHolidays.englandAndWales());
    }

    /**
     * {@code support.calendar.working-days}: which days of the week in-hours support works. Every rule (period,
     * next opening, working time, business days) reads the same set. Sunday 22 to Monday 30 November 2026 is GMT.
     */
    @Nested
    class WorkingDays {

        private final SupportCalendar sundayToThursday = workingOn(SUNDAY_TO_THURSDAY);
        private final SupportCalendar everyDay = workingOn(EnumSet.allOf(DayOfWeek.class));

        @Test
        void theHoursPeopleReadInEmailsComeFromTheCalendarsOwnSettings() {
            assertEquals("Monday to Friday 09:00-17:00 UK time, except bank holidays", workingOn(SupportCalendar.MONDAY_TO_FRIDAY).describeHours());
            assertEquals("Sunday to Thursday 09:00-17:00 UK time, except bank holidays", sundayToThursday.describeHours());
            assertEquals("every day 09:00-17:00 UK time, except bank holidays", everyDay.describeHours());
            assertEquals("Monday, Wednesday, Friday 09:00-17:00 UK time, except bank holidays",
                    workingOn(EnumSet.of(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY)).describeHours());
            assertEquals("Saturday 09:00-17:00 UK time, except bank holidays", workingOn(EnumSet.of(DayOfWeek.SATURDAY)).describeHours());
            assertEquals("Monday to Friday 08:00-18:00 Europe/Dublin time, except bank holidays", new SupportCalendar(ZoneId.of("Europe/Dublin"),
                    LocalTime.of(8, 0), LocalTime.of(18, 0), BankHolidays.englandAndWales()).describeHours());
        }

        @Test
        void theShippedCalendarWorksMondayToFriday() {
            assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), calendar.workingDays());
            assertEquals(SupportCalendar.MONDAY_TO_FRIDAY, new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(9, 0),
                    LocalTime.of(17, 0), BankHolidays.englandAndWales()).workingDays());
        }

        @Test
        void aSundayToThursdayTeamIsInHoursOnSundayAndOutOfHoursOnFriday() {
            assertEquals(IN_HOURS, sundayToThursday.periodAt(at("2026-11-22T10:00:00Z")), "Sunday");
            assertEquals(IN_HOURS, sundayToThursday.periodAt(at("2026-11-26T16:59:59Z")), "Thursday");
            assertEquals(OUT_OF_HOURS_WAKING, sundayToThursday.periodAt(at("2026-11-27T10:00:00Z")), "Friday");
            assertEquals(OUT_OF_HOURS_WAKING, sundayToThursday.periodAt(at("2026-11-28T10:00:00Z")), "Saturday");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, sundayToThursday.periodAt(at("2026-11-22T17:00:00Z")), "Sunday evening");
            assertTrue(sundayToThursday.isBusinessDay(LocalDate.of(2026, 11, 22)));
            assertFalse(sundayToThursday.isBusinessDay(LocalDate.of(2026, 11, 27)));
        }

        @Test
        void aSundayToThursdayTeamOpensNextOnSundayAfterThursdayEvening() {
            assertEquals(at("2026-11-29T09:00:00Z"), sundayToThursday.nextOpening(at("2026-11-26T17:00:00Z")));
            assertEquals(at("2026-11-29T09:00:00Z"), sundayToThursday.nextOpening(at("2026-11-27T10:00:00Z")), "from Friday");
        }

        @Test
        void aSundayToThursdayTeamCarriesWorkingTimeFromThursdayToSunday() {
            assertEquals(at("2026-11-29T10:00:00Z"), sundayToThursday.addWorkingTime(at("2026-11-26T16:00:00Z"), Duration.ofHours(2)));
            // 30 min on Thursday, 8 h on Sunday, 7 h 30 on Monday
            assertEquals(at("2026-11-30T16:30:00Z"), sundayToThursday.addBusinessDays(at("2026-11-26T16:30:00Z"), 2));
            assertEquals(at("2026-11-29T17:00:00Z"), sundayToThursday.addBusinessDays(at("2026-11-27T10:00:00Z"), 1), "Friday counts from Sunday");
            assertEquals(Duration.ofHours(40), sundayToThursday.workingTimeBetween(at("2026-11-22T00:00:00Z"), at("2026-11-29T00:00:00Z")));
            assertEquals(Duration.ofHours(1), sundayToThursday.workingTimeBetween(at("2026-11-26T16:00:00Z"), at("2026-11-29T09:00:00Z")),
                    "Friday and Saturday hold no working time");
        }

        @Test
        void aBankHolidayOnAWorkingSundayIsStillSkipped() {
            SupportCalendar withHoliday = new SupportCalendar(ZoneId.of("Europe/London"), SUNDAY_TO_THURSDAY, LocalTime.of(9, 0),
                    LocalTime.of(17, 0), BankHolidays.of(List.of(LocalDate.of(2026, 11, 29)), LocalDate.of(2026, 12, 31)));
            assertEquals(OUT_OF_HOURS_WAKING, withHoliday.periodAt(at("2026-11-29T10:00:00Z")));
            assertEquals(at("2026-11-30T09:00:00Z"), withHoliday.nextOpening(at("2026-11-26T17:00:00Z")));
        }

        @Test
        void aTeamWorkingEveryDayIsInHoursAtTheWeekendButNotOnABankHoliday() {
            assertEquals(IN_HOURS, everyDay.periodAt(at("2026-11-21T10:00:00Z")), "Saturday");
            assertEquals(IN_HOURS, everyDay.periodAt(at("2026-11-22T10:00:00Z")), "Sunday");
            assertEquals(at("2026-11-28T09:00:00Z"), everyDay.nextOpening(at("2026-11-27T18:00:00Z")), "Friday evening -> Saturday");
            assertEquals(at("2026-11-28T10:00:00Z"), everyDay.addWorkingTime(at("2026-11-27T16:00:00Z"), Duration.ofHours(2)));
            assertEquals(Duration.ofHours(56), everyDay.workingTimeBetween(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")));
            assertEquals(OUT_OF_HOURS_WAKING, everyDay.periodAt(at("2026-12-25T10:00:00Z")), "Christmas Day");
            assertEquals(at("2026-12-26T09:00:00Z"), everyDay.nextOpening(at("2026-12-24T17:00:00Z")), "Boxing Day itself is a Saturday, worked");
        }

        @Test
        void everyDayFromMidnightToOneMinuteToMidnightIsInHoursAllDayButTheLastMinute() {
            SupportCalendar aroundTheClock = new SupportCalendar(ZoneId.of("Europe/London"), EnumSet.allOf(DayOfWeek.class), LocalTime.MIDNIGHT,
                    LocalTime.of(23, 59), BankHolidays.of(List.of(), LocalDate.of(2030, 12, 31)));
            for (Instant t = at("2026-01-01T00:00:00Z"); t.isBefore(at("2027-01-01T00:00:00Z")); t = t.plus(Duration.ofMinutes(13))) {
                boolean lastMinute = LocalTime.ofInstant(t, aroundTheClock.zone()).getHour() == 23
                        && LocalTime.ofInstant(t, aroundTheClock.zone()).getMinute() == 59;
                assertEquals(lastMinute ? OUT_OF_HOURS_OVERNIGHT : IN_HOURS, aroundTheClock.periodAt(t), t.toString());
            }
        }

        @Test
        void noWorkingDayIsRefused() {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> workingOn(EnumSet.noneOf(DayOfWeek.class)));
            assertTrue(e.getMessage().contains("at least one working day"), e.getMessage());
        }

        @Test
        void theCalendarKeepsItsOwnCopyOfTheDays() {
            Set<DayOfWeek> days = EnumSet.of(DayOfWeek.MONDAY);
            SupportCalendar mondays = workingOn(days);
            days.add(DayOfWeek.TUESDAY);
            assertEquals(EnumSet.of(DayOfWeek.MONDAY), mondays.workingDays());
            assertThrows(UnsupportedOperationException.class, () -> mondays.workingDays().add(DayOfWeek.FRIDAY));
        }
    }

    @Nested
    class PeriodAtAnInstant {

        @Test
        void aWeekdayIsInHoursFromNineUntilJustBeforeFive() {
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-23T08:59:59Z")));
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-11-23T09:00:00Z")));
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-11-23T16:59:59Z")));
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-23T17:00:00Z")));
        }

        @Test
        void overnightRunsFromFiveToNineEveryDay() {
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-23T23:00:00Z")));
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-24T03:00:00Z")));
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-21T03:00:00Z")), "Saturday night too");
        }

        @Test
        void daytimeAtTheWeekendIsWakingOutOfHours() {
            assertEquals(OUT_OF_HOURS_WAKING, calendar.periodAt(at("2026-11-21T09:00:00Z")));
            assertEquals(OUT_OF_HOURS_WAKING, calendar.periodAt(at("2026-11-22T16:59:59Z")));
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-11-22T17:00:00Z")));
        }

        @Test
        void daytimeOnASubstituteBankHolidayIsWakingOutOfHours() {
            Instant boxingDaySubstitute = at("2026-12-28T10:00:00Z");
            assertEquals(OUT_OF_HOURS_WAKING, calendar.periodAt(boxingDaySubstitute));
            assertTrue(calendar.isBankHoliday(boxingDaySubstitute));
            assertFalse(calendar.isBusinessDay(LocalDate.of(2026, 12, 28)), "Monday 28 December 2026 replaces Boxing Day on a Saturday");
            assertTrue(calendar.isBusinessDay(LocalDate.of(2026, 12, 29)));
        }

        @Test
        void afterTheSpringClockChangeHoursOpenAtNineBritishSummerTime() {
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-03-30T07:59:59Z")), "08:59:59 BST");
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-03-30T08:00:00Z")), "09:00 BST");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-03-30T16:00:00Z")), "17:00 BST");
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-03-27T16:30:00Z")), "the Friday before is still GMT: 16:30");
        }

        @Test
        void afterTheAutumnClockChangeHoursOpenAtNineGreenwichMeanTime() {
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-10-23T08:00:00Z")), "Friday 09:00 BST");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-10-23T16:00:00Z")), "Friday 17:00 BST");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-10-26T08:00:00Z")), "Monday 08:00 GMT");
            assertEquals(IN_HOURS, calendar.periodAt(at("2026-10-26T09:00:00Z")), "Monday 09:00 GMT");
        }

        @Test
        void theClockChangeNightsThemselvesAreOvernight() {
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-03-29T01:30:00Z")), "02:30 BST, just after the gap");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-10-25T00:30:00Z")), "first 01:30");
            assertEquals(OUT_OF_HOURS_OVERNIGHT, calendar.periodAt(at("2026-10-25T01:30:00Z")), "second 01:30");
        }
    }

    @Nested
    class WallTimes {

        @Test
        void aWallTimeInTheSpringGapMovesForward() {
            assertEquals(at("2026-03-29T01:30:00Z"), calendar.instantAt(LocalDateTime.parse("2026-03-29T01:30")), "01:30 does not exist: 02:30 BST");
        }

        @Test
        void anAmbiguousAutumnWallTimeTakesTheEarlierInstant() {
            assertEquals(at("2026-10-25T00:30:00Z"), calendar.instantAt(LocalDateTime.parse("2026-10-25T01:30")), "01:30 BST, not 01:30 GMT");
        }

        @Test
        void anOrdinaryWallTimeIsExact() {
            assertEquals(at("2026-07-01T08:00:00Z"), calendar.instantAt(LocalDateTime.parse("2026-07-01T09:00")));
            assertEquals(at("2026-12-01T09:00:00Z"), calendar.instantAt(LocalDateTime.parse("2026-12-01T09:00")));
        }
    }

    @Nested
    class NextOpening {

        @Test
        void beforeOpeningOnABusinessDayItIsThatMorning() {
            assertEquals(at("2026-11-23T09:00:00Z"), calendar.nextOpening(at("2026-11-23T07:00:00Z")));
        }

        @Test
        void exactlyAtOpeningItIsNow() {
            assertEquals(at("2026-11-23T09:00:00Z"), calendar.nextOpening(at("2026-11-23T09:00:00Z")));
        }

        @Test
        void insideHoursItIsTheNextBusinessMorning() {
            assertEquals(at("2026-11-24T09:00:00Z"), calendar.nextOpening(at("2026-11-23T10:00:00Z")));
        }

        @Test
        void fromFridayEveningAcrossTheSpringChangeItIsMondayNineBst() {
            assertEquals(at("2026-03-30T08:00:00Z"), calendar.nextOpening(at("2026-03-27T18:00:00Z")));
        }

        @Test
        void fromFridayEveningAcrossTheAutumnChangeItIsMondayNineGmt() {
            assertEquals(at("2026-10-26T09:00:00Z"), calendar.nextOpening(at("2026-10-23T17:00:00Z")));
        }

        @Test
        void fromChristmasEveItIsTheTuesdayAfterTheBoxingDaySubstitute() {
            assertEquals(at("2026-12-29T09:00:00Z"), calendar.nextOpening(at("2026-12-24T17:00:00Z")));
        }

        @Test
        void fromAWeekendItIsMonday() {
            assertEquals(at("2026-11-23T09:00:00Z"), calendar.nextOpening(at("2026-11-21T12:00:00Z")));
        }
    }

    @Nested
    class AddingWorkingTime {

        @Test
        void aStartInsideHoursAddsWithinTheDay() {
            assertEquals(at("2026-11-23T12:00:00Z"), calendar.addWorkingTime(at("2026-11-23T10:00:00Z"), Duration.ofHours(2)));
        }

        @Test
        void landingExactlyOnClosingIsClosingNotTheNextOpening() {
            assertEquals(at("2026-11-23T17:00:00Z"), calendar.addWorkingTime(at("2026-11-23T09:00:00Z"), Duration.ofHours(8)));
        }

        @Test
        void timeLeftAtClosingCarriesToTheNextBusinessMorning() {
            assertEquals(at("2026-11-24T10:00:00Z"), calendar.addWorkingTime(at("2026-11-23T16:00:00Z"), Duration.ofHours(2)));
        }

        @Test
        void aStartBeforeOpeningCountsFromOpening() {
            assertEquals(at("2026-11-23T09:30:00Z"), calendar.addWorkingMinutes(at("2026-11-23T07:00:00Z"), 30));
        }

        @Test
        void aStartAfterClosingCountsFromTheNextOpening() {
            assertEquals(at("2026-11-24T10:00:00Z"), calendar.addWorkingTime(at("2026-11-23T18:00:00Z"), Duration.ofHours(1)));
        }

        @Test
        void aWeekendStartCountsFromMondayMorning() {
            assertEquals(at("2026-11-23T09:20:00Z"), calendar.addWorkingMinutes(at("2026-11-21T12:00:00Z"), 20));
        }

        @Test
        void acrossTheSpringChangeMondayStartsAtNineBst() {
            // Friday 16:00-17:00 GMT is one hour; the second is Monday 09:00-10:00 BST
            assertEquals(at("2026-03-30T09:00:00Z"), calendar.addWorkingTime(at("2026-03-27T16:00:00Z"), Duration.ofHours(2)));
        }

        @Test
        void acrossTheAutumnChangeMondayStartsAtNineGmt() {
            // Friday 16:00-17:00 BST is one hour; the second is Monday 09:00-10:00 GMT
            assertEquals(at("2026-10-26T10:00:00Z"), calendar.addWorkingTime(at("2026-10-23T15:00:00Z"), Duration.ofHours(2)));
        }

        @Test
        void fromChristmasEveItSkipsChristmasTheWeekendAndTheBoxingDaySubstitute() {
            assertEquals(at("2026-12-29T11:00:00Z"), calendar.addWorkingTime(at("2026-12-24T15:00:00Z"), Duration.ofHours(4)));
        }

        @Test
        void fromNewYearsEveItSkipsNewYearsDayAndTheWeekend() {
            assertEquals(at("2027-01-04T10:00:00Z"), calendar.addWorkingTime(at("2026-12-31T16:00:00Z"), Duration.ofHours(2)));
        }

        @Test
        void addingNothingIsTheStartEvenOutOfHours() {
            Instant saturday = at("2026-11-21T12:00:00Z");
            assertEquals(saturday, calendar.addWorkingTime(saturday, Duration.ZERO));
        }

        @Test
        void negativeWorkingTimeIsRefused() {
            assertThrows(IllegalArgumentException.class, () -> calendar.addWorkingTime(at("2026-11-23T10:00:00Z"), Duration.ofMinutes(-1)));
        }

        @Test
        void addingThenMeasuringGivesBackTheSameWorkingTime() {
            Instant start = at("2026-12-23T14:10:00Z");
            for (long minutes : new long[] {1, 59, 480, 481, 2400, 10_000}) {
                Instant end = calendar.addWorkingMinutes(start, minutes);
                assertEquals(Duration.ofMinutes(minutes), calendar.workingTimeBetween(start, end), minutes + " minutes");
            }
        }
    }

    @Nested
    class AddingBusinessDays {

        @Test
        void fromAFridayInHoursItIsMondayAtTheSameWallTimeAcrossTheSpringChange() {
            // 10:00 GMT Friday -> 10:00 BST Monday: 71 hours later, not 72
            Instant monday = calendar.addBusinessDays(at("2026-03-27T10:00:00Z"), 1);
            assertEquals(at("2026-03-30T09:00:00Z"), monday);
            assertEquals(Duration.ofHours(71), Duration.between(at("2026-03-27T10:00:00Z"), monday));
        }

        @Test
        void fromAFridayInHoursItIsMondayAtTheSameWallTimeAcrossTheAutumnChange() {
            assertEquals(at("2026-10-26T10:00:00Z"), calendar.addBusinessDays(at("2026-10-23T09:00:00Z"), 1), "10:00 BST -> 10:00 GMT");
        }

        @Test
        void fromAFridayEveningItIsMondayAtClosing() {
            assertEquals(at("2026-11-30T17:00:00Z"), calendar.addBusinessDays(at("2026-11-27T18:00:00Z"), 1));
        }

        @Test
        void fromBeforeOpeningItCountsFromOpeningSoItIsThatDaysClose() {
            assertEquals(at("2026-11-23T17:00:00Z"), calendar.addBusinessDays(at("2026-11-23T08:00:00Z"), 1));
        }

        @Test
        void fromASaturdayMorningItIsMondayAtClosingTheSameAsFromFridayEvening() {
            // the case that broke the old "same time next business day" rule: Saturday 10:00 was due Monday 10:00
            assertEquals(at("2026-11-30T17:00:00Z"), calendar.addBusinessDays(at("2026-11-28T10:00:00Z"), 1));
            assertEquals(calendar.addBusinessDays(at("2026-11-27T18:00:00Z"), 1), calendar.addBusinessDays(at("2026-11-28T10:00:00Z"), 1));
        }

        @Test
        void fromFridayAtFourThirtyTwoBusinessDaysIsTuesdayAtFourThirty() {
            assertEquals(at("2026-11-24T16:30:00Z"), calendar.addBusinessDays(at("2026-11-20T16:30:00Z"), 2));
        }

        @Test
        void fromExactlyOpeningOneBusinessDayIsThatDaysClosingNotTheNextOpening() {
            assertEquals(at("2026-11-23T17:00:00Z"), calendar.addBusinessDays(at("2026-11-23T09:00:00Z"), 1));
            assertEquals(at("2026-11-24T17:00:00Z"), calendar.addBusinessDays(at("2026-11-23T09:00:00Z"), 2));
        }

        @Test
        void fromExactlyClosingItIsTheNextDaysClosing() {
            assertEquals(at("2026-11-24T17:00:00Z"), calendar.addBusinessDays(at("2026-11-23T17:00:00Z"), 1));
        }

        @Test
        void oneBusinessDayIsAlwaysEightHoursOfWorkingTime() {
            Instant start = at("2026-03-26T13:15:00Z");
            Instant due = calendar.addBusinessDays(start, 3);
            assertEquals(at("2026-03-31T12:15:00Z"), due, "Thursday 13:15 GMT -> Tuesday 13:15 BST");
            assertEquals(Duration.ofHours(24), calendar.workingTimeBetween(start, due));
        }

        @Test
        void aCalendarWithLongerHoursHasLongerBusinessDays() {
            SupportCalendar eightToSix = new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(8, 0), LocalTime.of(18, 0),
                    BankHolidays.englandAndWales());
            assertEquals(Duration.ofHours(10), eightToSix.businessDay());
            assertEquals(at("2026-11-30T18:00:00Z"), eightToSix.addBusinessDays(at("2026-11-28T10:00:00Z"), 1));
        }

        @Test
        void fromAFridayBeforeABankHolidayMondayItIsTuesday() {
            assertEquals(at("2026-05-26T10:00:00Z"), calendar.addBusinessDays(at("2026-05-22T10:00:00Z"), 1), "11:00 BST both days");
        }

        @Test
        void fromChristmasEveOneBusinessDayIsTheTuesdayAndTwoTheWednesday() {
            assertEquals(at("2026-12-29T10:00:00Z"), calendar.addBusinessDays(at("2026-12-24T10:00:00Z"), 1));
            assertEquals(at("2026-12-30T10:00:00Z"), calendar.addBusinessDays(at("2026-12-24T10:00:00Z"), 2));
        }

        @Test
        void zeroBusinessDaysIsTheStartAndNegativeIsRefused() {
            Instant start = at("2026-11-21T12:00:00Z");
            assertEquals(start, calendar.addBusinessDays(start, 0));
            assertThrows(IllegalArgumentException.class, () -> calendar.addBusinessDays(start, -1));
        }
    }

    @Nested
    class WorkingTimeBetween {

        @Test
        void anOvernightWindowHoldsNoWorkingTime() {
            assertEquals(Duration.ZERO, calendar.workingTimeBetween(at("2026-11-23T17:00:00Z"), at("2026-11-24T09:00:00Z")));
        }

        @Test
        void itCountsTheEndOfOneDayAndTheStartOfTheNext() {
            assertEquals(Duration.ofHours(2), calendar.workingTimeBetween(at("2026-11-23T16:00:00Z"), at("2026-11-24T10:00:00Z")));
        }

        @Test
        void acrossTheSpringChangeWeekendOnlyWallClockHoursCount() {
            // 65 real hours; 16:00-17:00 GMT Friday and 09:00-10:00 BST Monday
            assertEquals(Duration.ofHours(2), calendar.workingTimeBetween(at("2026-03-27T16:00:00Z"), at("2026-03-30T09:00:00Z")));
        }

        @Test
        void acrossTheAutumnChangeWeekendOnlyWallClockHoursCount() {
            assertEquals(Duration.ofHours(2), calendar.workingTimeBetween(at("2026-10-23T15:00:00Z"), at("2026-10-26T10:00:00Z")));
        }

        @Test
        void aWholeWeekIsFortyHoursAndChristmasWeekLessTheBankHoliday() {
            assertEquals(Duration.ofHours(40), calendar.workingTimeBetween(at("2026-11-23T00:00:00Z"), at("2026-11-30T00:00:00Z")));
            assertEquals(Duration.ofHours(32), calendar.workingTimeBetween(at("2026-12-21T00:00:00Z"), at("2026-12-28T00:00:00Z")));
        }

        @Test
        void aReversedOrEmptyIntervalIsZero() {
            assertEquals(Duration.ZERO, calendar.workingTimeBetween(at("2026-11-24T10:00:00Z"), at("2026-11-23T10:00:00Z")));
            assertEquals(Duration.ZERO, calendar.workingTimeBetween(at("2026-11-23T10:00:00Z"), at("2026-11-23T10:00:00Z")));
        }
    }

    @Nested
    class InvariantsAcrossAYear {

        /**
         * Every 37 minutes through 2026 (an odd step, so every wall time and both clock changes are met), for the
         * shipped calendar, a Sunday-Thursday team and a team working every day.
         */
        @Test
        void everyInstantOf2026AgreesWithItself() {
            for (SupportCalendar each : List.of(calendar, workingOn(SUNDAY_TO_THURSDAY), workingOn(EnumSet.allOf(DayOfWeek.class)))) {
                agreesWithItselfThrough2026(each);
            }
        }

        private void agreesWithItselfThrough2026(SupportCalendar calendar) {
            for (Instant t = at("2026-01-01T00:00:00Z"); t.isBefore(at("2027-01-01T00:00:00Z")); t = t.plus(Duration.ofMinutes(37))) {
                Instant next = calendar.nextOpening(t);
                assertFalse(next.isBefore(t), "next opening is not in the past at " + t);
                assertEquals(IN_HOURS, calendar.periodAt(next), "hours are open at the next opening after " + t);
                if (calendar.periodAt(t) != IN_HOURS) {
                    assertEquals(Duration.ZERO, calendar.workingTimeBetween(t, next), "no working time before the next opening at " + t);
                    assertEquals(next, calendar.addWorkingTime(t, Duration.ofMinutes(1)).minus(Duration.ofMinutes(1)),
                            "working time out of hours starts at the next opening, at " + t);
                }
                Instant due = calendar.addWorkingMinutes(t, 150);
                assertEquals(Duration.ofMinutes(150), calendar.workingTimeBetween(t, due), "150 working minutes from " + t);
                Instant tomorrow = calendar.addBusinessDays(t, 1);
                assertTrue(calendar.isBusinessDay(LocalDate.ofInstant(tomorrow, calendar.zone())), "a business day after " + t);
                assertTrue(tomorrow.isAfter(t), "a business day later is later, from " + t);
                assertEquals(Duration.ofHours(8), calendar.workingTimeBetween(t, tomorrow), "a business day is 8 working hours, from " + t);
            }
        }
    }

    @Nested
    class MonotonicDueTimes {

        /**
         * A later request is never due earlier: every 15-minute start of 2026 (both clock changes, every bank
         * holiday) against the one before it, for +1 and +2 business days and +30 working minutes.
         */
        @Test
        void aLaterStartIsNeverDueEarlierAtAnyQuarterHourOf2026() {
            Instant previousStart = null;
            Instant[] previous = null;
            for (Instant t = at("2026-01-01T00:00:00Z"); t.isBefore(at("2027-01-01T00:00:00Z")); t = t.plus(Duration.ofMinutes(15))) {
                Instant[] due = {calendar.addBusinessDays(t, 1), calendar.addBusinessDays(t, 2), calendar.addWorkingMinutes(t, 30)};
                if (previous != null) {
                    String[] what = {"+1 business day", "+2 business days", "+30 working minutes"};
                    for (int i = 0; i < due.length; i++) {
                        assertFalse(due[i].isBefore(previous[i]), what[i] + ": started " + t + " due " + due[i]
                                + ", earlier than " + previous[i] + " for the earlier start " + previousStart);
                    }
                }
                previousStart = t;
                previous = due;
            }
        }
    }

    @Nested
    class Configuration {

        @Test
        void configuredBankHolidaysReplaceTheDefaults() {
            SupportCalendar custom = new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                    BankHolidays.of(List.of(LocalDate.of(2026, 11, 23)), LocalDate.of(2026, 12, 31)));
            assertEquals(OUT_OF_HOURS_WAKING, custom.periodAt(at("2026-11-23T10:00:00Z")));
            assertEquals(IN_HOURS, custom.periodAt(at("2026-12-28T10:00:00Z")), "the default substitute day is no longer a holiday");
        }

        @Test
        void anotherZoneKeepsItsOwnWallClock() {
            SupportCalendar newYork = new SupportCalendar(ZoneId.of("America/New_York"), LocalTime.of(9, 0), LocalTime.of(17, 0),
                    BankHolidays.of(List.of(), LocalDate.of(2030, 12, 31)));
            assertEquals(OUT_OF_HOURS_OVERNIGHT, newYork.periodAt(at("2026-11-23T13:59:00Z")), "08:59 EST");
            assertEquals(IN_HOURS, newYork.periodAt(at("2026-11-23T14:00:00Z")), "09:00 EST");
            assertEquals(at("2026-11-24T14:00:00Z"), newYork.nextOpening(at("2026-11-23T14:30:00Z")));
        }

        @Test
        void hoursMustOpenBeforeTheyClose() {
            assertThrows(IllegalArgumentException.class, () -> new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(17, 0),
                    LocalTime.of(9, 0), BankHolidays.englandAndWales()));
            assertThrows(IllegalArgumentException.class, () -> new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(9, 0),
                    LocalTime.of(9, 0), BankHolidays.englandAndWales()));
        }

        @Test
        void coverageWarningUsesTheInjectedClock() {
            Clock lateIn2028 = Clock.fixed(at("2028-10-15T12:00:00Z"), ZoneOffset.UTC);
            Clock today = Clock.fixed(at("2026-11-22T12:00:00Z"), ZoneOffset.UTC);
            assertTrue(calendar.coverageWarning(lateIn2028.instant(), 90).orElseThrow().contains("2028-12-31"));
            assertTrue(calendar.coverageWarning(today.instant(), 90).isEmpty());
        }
    }
}
