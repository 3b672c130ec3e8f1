package uk.gov.paas.support.escalation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** What a rota plan, an override and a shift accept, and the field-first messages they reject with. */
class RotaPlanTest {

    private static final LocalDate START = LocalDate.of(2026, 3, 1);
    private static final LocalTime NINE = LocalTime.of(9, 0);

    private static RotaPlan plan(List<Long> members, int lengthDays) {
        return new RotaPlan(members, START, DayOfWeek.MONDAY, NINE, lengthDays);
    }

    private static void assertRejected(String messageStart, Executable construction) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction);
        assertTrue(e.getMessage().startsWith(messageStart), () -> "message '" + e.getMessage() + "' should start with '" + messageStart + "'");
    }

    @Test
    void lengthOutsideOneToThreeHundredAndSixtySixDaysIsRejectedNamingTheField() {
        assertRejected("lengthDays: must be between 1 and 366", () -> plan(List.of(1L), 0));
        assertRejected("lengthDays: must be between 1 and 366", () -> plan(List.of(1L), 367));
        assertEquals(1, plan(List.of(1L), 1).lengthDays());
        assertEquals(366, plan(List.of(1L), 366).lengthDays());
    }

    @Test
    void membersMustBeOneToAHundredPeopleWithoutNulls() {
        assertRejected("members: must not be null", () -> plan(null, 7));
        assertRejected("members: must have between 1 and 100 people", () -> plan(List.of(), 7));
        List<Long> hundredAndOne = LongStream.rangeClosed(1, 101).boxed().toList();
        assertRejected("members: must have between 1 and 100 people", () -> plan(hundredAndOne, 7));
        assertEquals(100, plan(hundredAndOne.subList(0, 100), 7).members().size());
        assertRejected("members: must not contain null", () -> plan(Arrays.asList(1L, null), 7));
    }

    @Test
    void aPersonMayAppearMoreThanOnceInTheRotation() {
        RotaPlan plan = plan(List.of(1L, 2L, 1L), 7);
        assertEquals(List.of(1L, 2L, 1L), plan.members());
        assertEquals(1L, plan.memberFor(2));
        assertEquals(1L, plan.memberFor(3));
    }

    @Test
    void membersAreCopiedSoLaterChangesToTheCallersListDoNotLeakIn() {
        List<Long> members = new ArrayList<>(List.of(1L, 2L));
        RotaPlan plan = plan(members, 7);
        members.add(3L);
        assertEquals(List.of(1L, 2L), plan.members());
        assertThrows(UnsupportedOperationException.class, () -> plan.members().add(4L));
    }

    @Test
    void missingDatesAndTimesAreRejectedNamingTheField() {
        assertRejected("startDate: must not be null", () -> new RotaPlan(List.of(1L), null, DayOfWeek.MONDAY, NINE, 7));
        assertRejected("handoffDay: must not be null", () -> new RotaPlan(List.of(1L), START, null, NINE, 7));
        assertRejected("handoffTime: must not be null", () -> new RotaPlan(List.of(1L), START, DayOfWeek.MONDAY, null, 7));
    }

    @Test
    void theFirstShiftIsOnTheFirstHandoffDayOnOrAfterTheStartDate() {
        assertEquals(LocalDate.of(2026, 3, 2), plan(List.of(1L), 7).firstShiftDate(), "1 March 2026 is a Sunday");
        assertEquals(START, new RotaPlan(List.of(1L), START, DayOfWeek.SUNDAY, NINE, 7).firstShiftDate());
        assertEquals(LocalDate.of(2026, 3, 16), plan(List.of(1L), 7).shiftDate(2));
    }

    @Test
    void weeklyIsSevenDays() {
        assertEquals(7, RotaPlan.weekly(List.of(1L), START, DayOfWeek.MONDAY, NINE).lengthDays());
    }

    @Test
    void anOverrideMustEndAfterItStarts() {
        Instant noon = Instant.parse("2026-03-25T12:00:00Z");
        assertRejected("to: must be after from", () -> new RotaOverride(1, 2, noon, noon));
        assertRejected("to: must be after from", () -> new RotaOverride(1, 2, noon, noon.minusSeconds(1)));
        assertRejected("from: must not be null", () -> new RotaOverride(1, 2, null, noon));
        assertTrue(new RotaOverride(1, 2, noon, noon.plusSeconds(1)).covers(noon));
    }

    @Test
    void aShiftMustEndAfterItStartsAndKnowsWhetherItIsAnOverride() {
        Instant noon = Instant.parse("2026-03-25T12:00:00Z");
        assertRejected("end: must be after start", () -> new Shift(1, noon, noon, null));
        assertFalse(new Shift(1, noon, noon.plusSeconds(60), null).override());
        assertTrue(new Shift(1, noon, noon.plusSeconds(60), 4L).override());
    }
}
