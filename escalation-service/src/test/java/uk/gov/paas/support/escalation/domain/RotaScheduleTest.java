package uk.gov.paas.support.escalation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;

/**
 * Who is on call when. Instants are written in UTC: London is UTC in winter and UTC+1 in summer. 2026's clock
 * changes: Sunday 29 March (01:00 GMT -> 02:00 BST) and Sunday 25 October (02:00 BST -> 01:00 GMT). The weekly rota
 * used throughout hands off on Mondays at 09:00 London time from Monday 2 March 2026, to people 1, 2, 3 in turn.
 */
class RotaScheduleTest {

    private static final SupportCalendar CALENDAR = SupportCalendar.defaults();
    private static final long ANN = 1;
    private static final long BEN = 2;
    private static final long CAT = 3;
    private static final long STAND_IN = 99;

    private static final RotaPlan WEEKLY = RotaPlan.weekly(List.of(ANN, BEN, CAT), LocalDate.of(2026, 3, 1), DayOfWeek.MONDAY, LocalTime.of(9, 0));

    private static Instant at(String utc) {
        return Instant.parse(utc);
    }

    private static RotaSchedule schedule(RotaPlan plan, RotaOverride... overrides) {
        return new RotaSchedule(plan, List.of(overrides), CALENDAR);
    }

    private static Shift rota(long person, String startUtc, String endUtc) {
        return new Shift(person, at(startUtc), at(endUtc), null);
    }

    private static Shift override(long person, String startUtc, String endUtc, long overrideId) {
        return new Shift(person, at(startUtc), at(endUtc), overrideId);
    }

    private static long personAt(RotaSchedule schedule, String utc) {
        return schedule.onCallAt(at(utc)).orElseThrow().personId();
    }

    @Nested
    class WeeklyRotaAcrossClockChanges {

        private final RotaSchedule schedule = schedule(WEEKLY);

        @Test
        void theMondayHandoffStaysAtNineLondonTimeWhenTheClocksGoForward() {
            assertEquals(List.of(
                    rota(ANN, "2026-03-23T09:00:00Z", "2026-03-30T08:00:00Z"),
                    rota(BEN, "2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z")),
                    schedule.shifts(at("2026-03-23T09:00:00Z"), 2));
        }

        @Test
        void theMondayHandoffStaysAtNineLondonTimeWhenTheClocksGoBack() {
            assertEquals(List.of(
                    rota(ANN, "2026-10-19T08:00:00Z", "2026-10-26T09:00:00Z"),
                    rota(BEN, "2026-10-26T09:00:00Z", "2026-11-02T09:00:00Z")),
                    schedule.shifts(at("2026-10-19T08:00:00Z"), 2));
        }

        @Test
        void everyShiftOfTheYearStartsOnAMondayAtNineLondonTime() {
            List<Shift> year = schedule.shiftsBetween(at("2026-03-02T09:00:00Z"), at("2027-03-01T09:00:00Z"));
            assertEquals(52, year.size());
            for (Shift shift : year) {
                ZonedDateTime start = shift.start().atZone(CALENDAR.zone());
                assertEquals(DayOfWeek.MONDAY, start.getDayOfWeek(), shift::toString);
                assertEquals(LocalTime.of(9, 0), start.toLocalTime(), shift::toString);
                assertEquals(start.toLocalDateTime().plusDays(7), shift.end().atZone(CALENDAR.zone()).toLocalDateTime(), "seven days of wall-clock time: " + shift);
            }
        }

        @Test
        void oneMinuteBeforeNineOnAHandoffMondayIsTheOutgoingPersonAndNineIsTheIncoming() {
            assertEquals(ANN, personAt(schedule, "2026-03-30T07:59:00Z"), "08:59 BST");
            assertEquals(BEN, personAt(schedule, "2026-03-30T08:00:00Z"), "09:00 BST");
            assertEquals(ANN, personAt(schedule, "2026-10-26T08:59:00Z"), "08:59 GMT");
            assertEquals(BEN, personAt(schedule, "2026-10-26T09:00:00Z"), "09:00 GMT");
        }

        @Test
        void exactlyAtAHandoffTheIncomingPersonIsOnCallForTheWholeShift() {
            assertEquals(Optional.of(rota(CAT, "2026-03-16T09:00:00Z", "2026-03-23T09:00:00Z")), schedule.onCallAt(at("2026-03-16T09:00:00Z")));
            assertEquals(Optional.of(rota(BEN, "2026-03-09T09:00:00Z", "2026-03-16T09:00:00Z")), schedule.onCallAt(at("2026-03-16T08:59:59.999Z")));
        }

        @Test
        void beforeTheFirstShiftNobodyIsOnCall() {
            assertEquals(Optional.empty(), schedule.onCallAt(at("2026-03-02T08:59:59Z")));
            assertEquals(Optional.empty(), schedule.onCallAt(at("2026-03-01T12:00:00Z")), "the start date is a Sunday");
            assertEquals(Optional.empty(), schedule.onCallAt(at("2019-01-01T00:00:00Z")));
            assertEquals(ANN, personAt(schedule, "2026-03-02T09:00:00Z"));
        }

        @Test
        void consecutiveShiftsOfAOnePersonRotaStaySeparateShifts() {
            RotaSchedule solo = schedule(RotaPlan.weekly(List.of(ANN), LocalDate.of(2026, 3, 2), DayOfWeek.MONDAY, LocalTime.of(9, 0)));
            assertEquals(List.of(
                    rota(ANN, "2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z"),
                    rota(ANN, "2026-03-09T09:00:00Z", "2026-03-16T09:00:00Z"),
                    rota(ANN, "2026-03-16T09:00:00Z", "2026-03-23T09:00:00Z")),
                    solo.shifts(at("2026-03-02T09:00:00Z"), 3));
        }
    }

    @Nested
    class Overrides {

        @Test
        void anOverrideCutsTheRotaShiftIntoBeforeDuringAndAfter() {
            RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(10, STAND_IN, at("2026-03-25T12:00:00Z"), at("2026-03-26T12:00:00Z")));
            assertEquals(List.of(
                    rota(ANN, "2026-03-23T09:00:00Z", "2026-03-25T12:00:00Z"),
                    override(STAND_IN, "2026-03-25T12:00:00Z", "2026-03-26T12:00:00Z", 10),
                    rota(ANN, "2026-03-26T12:00:00Z", "2026-03-30T08:00:00Z"),
                    rota(BEN, "2026-03-30T08:00:00Z", "2026-04-06T08:00:00Z")),
                    schedule.shifts(at("2026-03-24T00:00:00Z"), 4));
        }

        @Test
        void theOverrideWinsOverTheRotaForExactlyItsOwnTime() {
            RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(10, STAND_IN, at("2026-03-25T12:00:00Z"), at("2026-03-26T12:00:00Z")));
            assertEquals(ANN, personAt(schedule, "2026-03-25T11:59:59Z"));
            assertEquals(Optional.of(override(STAND_IN, "2026-03-25T12:00:00Z", "2026-03-26T12:00:00Z", 10)), schedule.onCallAt(at("2026-03-25T12:00:00Z")));
            assertEquals(Optional.of(rota(ANN, "2026-03-26T12:00:00Z", "2026-03-30T08:00:00Z")), schedule.onCallAt(at("2026-03-26T12:00:00Z")));
        }

        @Test
        void whereOverridesOverlapTheLatestCreatedWinsWhateverOrderTheyAreGivenIn() {
            RotaOverride week = new RotaOverride(10, STAND_IN, at("2026-03-24T00:00:00Z"), at("2026-03-27T00:00:00Z"));
            RotaOverride day = new RotaOverride(11, 77, at("2026-03-25T00:00:00Z"), at("2026-03-26T00:00:00Z"));
            RotaOverride olderAfternoon = new RotaOverride(5, 55, at("2026-03-25T12:00:00Z"), at("2026-03-25T18:00:00Z"));
            List<Shift> expected = List.of(
                    rota(ANN, "2026-03-23T09:00:00Z", "2026-03-24T00:00:00Z"),
                    override(STAND_IN, "2026-03-24T00:00:00Z", "2026-03-25T00:00:00Z", 10),
                    override(77, "2026-03-25T00:00:00Z", "2026-03-26T00:00:00Z", 11),
                    override(STAND_IN, "2026-03-26T00:00:00Z", "2026-03-27T00:00:00Z", 10),
                    rota(ANN, "2026-03-27T00:00:00Z", "2026-03-30T08:00:00Z"));
            assertEquals(expected, schedule(WEEKLY, week, day, olderAfternoon).shifts(at("2026-03-23T09:00:00Z"), 5));
            assertEquals(expected, schedule(WEEKLY, olderAfternoon, day, week).shifts(at("2026-03-23T09:00:00Z"), 5));
            assertEquals(77, personAt(schedule(WEEKLY, olderAfternoon, day, week), "2026-03-25T15:00:00Z"));
        }

        @Test
        void anOlderOverrideShowsWhereItIsNotCoveredByANewerOne() {
            RotaOverride older = new RotaOverride(3, 55, at("2026-03-25T00:00:00Z"), at("2026-03-26T00:00:00Z"));
            RotaOverride newer = new RotaOverride(4, 77, at("2026-03-25T06:00:00Z"), at("2026-03-25T18:00:00Z"));
            RotaSchedule schedule = schedule(WEEKLY, older, newer);
            assertEquals(Optional.of(override(55, "2026-03-25T00:00:00Z", "2026-03-25T06:00:00Z", 3)), schedule.onCallAt(at("2026-03-25T05:00:00Z")));
            assertEquals(Optional.of(override(77, "2026-03-25T06:00:00Z", "2026-03-25T18:00:00Z", 4)), schedule.onCallAt(at("2026-03-25T06:00:00Z")));
            assertEquals(Optional.of(override(55, "2026-03-25T18:00:00Z", "2026-03-26T00:00:00Z", 3)), schedule.onCallAt(at("2026-03-25T20:00:00Z")));
        }

        @Test
        void anOverrideSpanningAHandoffIsOneSegment() {
            RotaOverride overHandoff = new RotaOverride(1, STAND_IN, at("2026-03-29T12:00:00Z"), at("2026-03-31T12:00:00Z"));
            RotaSchedule schedule = schedule(WEEKLY, overHandoff);
            Shift whole = override(STAND_IN, "2026-03-29T12:00:00Z", "2026-03-31T12:00:00Z", 1);
            assertEquals(Optional.of(whole), schedule.onCallAt(at("2026-03-30T07:59:59Z")));
            assertEquals(Optional.of(whole), schedule.onCallAt(at("2026-03-30T08:00:00Z")));
            assertEquals(List.of(
                    rota(ANN, "2026-03-23T09:00:00Z", "2026-03-29T12:00:00Z"),
                    whole,
                    rota(BEN, "2026-03-31T12:00:00Z", "2026-04-06T08:00:00Z")),
                    schedule.shifts(at("2026-03-23T09:00:00Z"), 3));
        }

        @Test
        void anOverrideForTheRotaPersonStillShowsAsItsOwnSegment() {
            RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(8, ANN, at("2026-03-25T12:00:00Z"), at("2026-03-26T12:00:00Z")));
            List<Shift> shifts = schedule.shifts(at("2026-03-23T09:00:00Z"), 3);
            assertEquals(List.of(false, true, false), shifts.stream().map(Shift::override).toList());
            assertEquals(List.of(ANN, ANN, ANN), shifts.stream().map(Shift::personId).toList());
        }

        @Test
        void anOverrideBeforeTheRotaStartsCoversTimeWhenTheRotaHasNobody() {
            RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(3, 50, at("2026-02-20T09:00:00Z"), at("2026-02-21T09:00:00Z")));
            assertEquals(50, personAt(schedule, "2026-02-20T10:00:00Z"));
            assertEquals(Optional.empty(), schedule.onCallAt(at("2026-02-21T09:00:00Z")));
            assertEquals(List.of(
                    override(50, "2026-02-20T09:00:00Z", "2026-02-21T09:00:00Z", 3),
                    rota(ANN, "2026-03-02T09:00:00Z", "2026-03-09T09:00:00Z"),
                    rota(BEN, "2026-03-09T09:00:00Z", "2026-03-16T09:00:00Z")),
                    schedule.shifts(at("2026-01-01T00:00:00Z"), 3));
        }

        @Test
        void anOverrideRunningIntoTheFirstShiftDelaysItsStart() {
            RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(3, 50, at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z")));
            assertEquals(List.of(
                    override(50, "2026-03-01T00:00:00Z", "2026-03-03T00:00:00Z", 3),
                    rota(ANN, "2026-03-03T00:00:00Z", "2026-03-09T09:00:00Z")),
                    schedule.shifts(at("2026-02-01T00:00:00Z"), 2));
        }

        @Test
        void twoOverridesWithOneIdAreRejected() {
            RotaOverride one = new RotaOverride(3, 50, at("2026-03-01T00:00:00Z"), at("2026-03-03T00:00:00Z"));
            RotaOverride two = new RotaOverride(3, 51, at("2026-04-01T00:00:00Z"), at("2026-04-03T00:00:00Z"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> schedule(WEEKLY, one, two));
            assertEquals("overrides: duplicate id 3", e.getMessage());
        }
    }

    @Nested
    class ListingShifts {

        private final RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(10, STAND_IN, at("2026-03-25T12:00:00Z"), at("2026-03-26T12:00:00Z")));

        @Test
        void shiftsStartWithTheSegmentCoveringTheInstantEvenWhenItStartedEarlier() {
            List<Shift> shifts = schedule.shifts(at("2026-03-25T18:00:00Z"), 2);
            assertEquals(List.of(
                    override(STAND_IN, "2026-03-25T12:00:00Z", "2026-03-26T12:00:00Z", 10),
                    rota(ANN, "2026-03-26T12:00:00Z", "2026-03-30T08:00:00Z")), shifts);
        }

        @Test
        void shiftCountMustBeOneToAHundred() {
            Instant from = at("2026-03-25T18:00:00Z");
            assertEquals("count: must be between 1 and 100, not 0", assertThrows(IllegalArgumentException.class, () -> schedule.shifts(from, 0)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> schedule.shifts(from, 101));
            assertEquals(1, schedule.shifts(from, 1).size());
            List<Shift> hundred = schedule.shifts(from, 100);
            assertEquals(100, hundred.size());
            for (int i = 1; i < hundred.size(); i++) {
                assertEquals(hundred.get(i - 1).end(), hundred.get(i).start(), "segments are contiguous once the rota runs");
            }
        }

        @Test
        void shiftsBetweenListsEverySegmentOverlappingTheWindowWhole() {
            assertEquals(List.of(
                    rota(ANN, "2026-03-23T09:00:00Z", "2026-03-25T12:00:00Z"),
                    override(STAND_IN, "2026-03-25T12:00:00Z", "2026-03-26T12:00:00Z", 10)),
                    schedule.shiftsBetween(at("2026-03-24T00:00:00Z"), at("2026-03-25T12:00:00.001Z")));
            assertEquals(1, schedule.shiftsBetween(at("2026-03-24T00:00:00Z"), at("2026-03-25T12:00:00Z")).size(), "the window's end is exclusive");
            assertEquals(List.of(), schedule.shiftsBetween(at("2026-03-24T00:00:00Z"), at("2026-03-24T00:00:00Z")));
            assertThrows(IllegalArgumentException.class, () -> schedule.shiftsBetween(at("2026-03-24T00:00:00Z"), at("2026-03-23T00:00:00Z")));
        }

        @Test
        void shiftsBetweenStopsAtAThousand() {
            RotaSchedule daily = schedule(new RotaPlan(List.of(ANN, BEN), LocalDate.of(2020, 1, 1), DayOfWeek.WEDNESDAY, LocalTime.of(9, 0), 1));
            List<Shift> shifts = daily.shiftsBetween(at("2020-01-01T00:00:00Z"), at("2030-01-01T00:00:00Z"));
            assertEquals(RotaSchedule.MAX_RESULTS, shifts.size());
            assertEquals(at("2020-01-01T09:00:00Z"), shifts.get(0).start());
        }
    }

    @Nested
    class DailyHandoffInsideTheClockChangeHour {

        /** 01:30 every day, to Ann and Ben in turn from Friday 27 March 2026. */
        private final RotaSchedule schedule = schedule(new RotaPlan(List.of(ANN, BEN), LocalDate.of(2026, 3, 27), DayOfWeek.FRIDAY, LocalTime.of(1, 30), 1));

        @Test
        void whenOneThirtyDoesNotExistTheShiftStartsWhereTheCalendarMovesIt() {
            Instant movedForward = CALENDAR.instantAt(LocalDateTime.of(2026, 3, 29, 1, 30));
            assertEquals(at("2026-03-29T01:30:00Z"), movedForward, "01:30 GMT does not happen; it becomes 02:30 BST");
            assertEquals(List.of(
                    rota(BEN, "2026-03-28T01:30:00Z", "2026-03-29T01:30:00Z"),
                    rota(ANN, "2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"),
                    rota(BEN, "2026-03-30T00:30:00Z", "2026-03-31T00:30:00Z")),
                    schedule.shifts(at("2026-03-28T12:00:00Z"), 3));
            assertEquals(BEN, personAt(schedule, "2026-03-29T01:29:59Z"));
            assertEquals(ANN, personAt(schedule, "2026-03-29T01:30:00Z"));
        }

        @Test
        void whenOneThirtyHappensTwiceTheShiftStartsAtTheFirst() {
            assertEquals(List.of(
                    rota(BEN, "2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z"),
                    rota(ANN, "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z")),
                    schedule.shifts(at("2026-10-24T12:00:00Z"), 2));
            assertEquals(at("2026-10-25T00:30:00Z"), CALENDAR.instantAt(LocalDateTime.of(2026, 10, 25, 1, 30)), "01:30 BST, the first of the two");
            assertEquals(ANN, personAt(schedule, "2026-10-25T01:30:00Z"), "the second 01:30 is inside the 25-hour shift");
            assertEquals(BEN, personAt(schedule, "2026-10-25T00:29:59Z"));
        }
    }

    @Nested
    class Handoffs {

        private final RotaSchedule schedule = schedule(WEEKLY, new RotaOverride(10, STAND_IN, at("2026-03-25T12:00:00Z"), at("2026-03-31T12:00:00Z")));

        @Test
        void handoffsBetweenAreThePlansShiftStartsExcludingTheFirstBoundIncludingTheLast() {
            assertEquals(List.of(at("2026-03-30T08:00:00Z"), at("2026-04-06T08:00:00Z")),
                    schedule.handoffsBetween(at("2026-03-23T09:00:00Z"), at("2026-04-06T08:00:00Z")), "override boundaries are not handoffs");
            assertEquals(List.of(), schedule.handoffsBetween(at("2026-03-30T08:00:00Z"), at("2026-04-06T07:59:59Z")));
            assertEquals(List.of(at("2026-03-02T09:00:00Z")), schedule.handoffsBetween(at("2025-01-01T00:00:00Z"), at("2026-03-08T00:00:00Z")));
            assertThrows(IllegalArgumentException.class, () -> schedule.handoffsBetween(at("2026-03-30T08:00:00Z"), at("2026-03-30T07:00:00Z")));
        }

        @Test
        void handoffsBetweenFollowsTheWallClockAcrossAYear() {
            List<Instant> handoffs = schedule.handoffsBetween(at("2026-01-01T00:00:00Z"), at("2027-01-01T00:00:00Z"));
            assertEquals(44, handoffs.size(), "2 March to 28 December 2026");
            assertTrue(handoffs.stream().allMatch(h -> h.atZone(CALENDAR.zone()).toLocalTime().equals(LocalTime.of(9, 0))));
        }

        @Test
        void nextHandoffIsStrictlyAfterTheInstant() {
            assertEquals(Optional.of(at("2026-03-30T08:00:00Z")), schedule.nextHandoff(at("2026-03-30T07:59:59Z")));
            assertEquals(Optional.of(at("2026-04-06T08:00:00Z")), schedule.nextHandoff(at("2026-03-30T08:00:00Z")));
            assertEquals(Optional.of(at("2026-03-02T09:00:00Z")), schedule.nextHandoff(at("2020-06-01T00:00:00Z")), "before the rota: its first shift");
        }
    }

    @Nested
    class FarFromTheStart {

        /** Started on a Wednesday in 2020, Ann twice in the rotation. */
        private final RotaPlan plan = RotaPlan.weekly(List.of(ANN, BEN, ANN, CAT, 5L), LocalDate.of(2020, 1, 1), DayOfWeek.MONDAY, LocalTime.of(9, 0));

        /** Walks the rota shift by shift from its start: slow, obviously right. */
        private List<Shift> bruteForce(RotaPlan plan, Instant until) {
            List<Shift> shifts = new ArrayList<>();
            LocalDate date = plan.startDate();
            while (date.getDayOfWeek() != plan.handoffDay()) {
                date = date.plusDays(1);
            }
            for (int k = 0; ; k++, date = date.plusDays(plan.lengthDays())) {
                Instant start = CALENDAR.instantAt(date.atTime(plan.handoffTime()));
                if (start.isAfter(until)) {
                    return shifts;
                }
                Instant end = CALENDAR.instantAt(date.plusDays(plan.lengthDays()).atTime(plan.handoffTime()));
                shifts.add(new Shift(plan.members().get(k % plan.members().size()), start, end, null));
            }
        }

        @Test
        void aRotaStartedIn2020AnswersFor2035AsWalkingFromTheStartWould() {
            RotaSchedule schedule = schedule(plan);
            List<Shift> reference = bruteForce(plan, at("2036-01-01T00:00:00Z"));
            List<Shift> in2035 = reference.stream().filter(s -> s.start().atZone(CALENDAR.zone()).getYear() == 2035).toList();
            assertEquals(53, in2035.size(), "2035 starts and ends on a Monday");
            for (Shift expected : in2035) {
                assertEquals(Optional.of(expected), schedule.onCallAt(expected.start()));
                assertEquals(Optional.of(expected), schedule.onCallAt(expected.end().minusNanos(1)));
                assertEquals(Optional.of(expected), schedule.onCallAt(expected.start().plus(Duration.ofDays(3))));
            }
            assertEquals(in2035, schedule.shiftsBetween(in2035.get(0).start(), in2035.get(in2035.size() - 1).end()));
            assertEquals(in2035.stream().map(Shift::start).toList(),
                    schedule.handoffsBetween(in2035.get(0).start().minusNanos(1), in2035.get(in2035.size() - 1).start()));
            assertEquals(Optional.of(in2035.get(0).start()), schedule.nextHandoff(in2035.get(0).start().minusSeconds(1)));
        }

        @Test
        void aThreeDayRotaHandingOffInsideTheClockChangeHourMatchesTheWalkForFifteenYears() {
            RotaPlan awkward = new RotaPlan(List.of(ANN, BEN, CAT), LocalDate.of(2020, 1, 1), DayOfWeek.SUNDAY, LocalTime.of(1, 30), 3);
            RotaSchedule schedule = schedule(awkward);
            List<Shift> reference = bruteForce(awkward, at("2035-12-31T00:00:00Z"));
            for (Shift expected : reference) {
                assertEquals(Optional.of(expected), schedule.onCallAt(expected.start()), expected::toString);
                assertEquals(Optional.of(expected), schedule.onCallAt(expected.end().minusSeconds(1)), expected::toString);
            }
            assertFalse(reference.isEmpty());
        }
    }
}
