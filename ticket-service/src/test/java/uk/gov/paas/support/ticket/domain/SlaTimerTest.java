package uk.gov.paas.support.ticket.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetClock;
import uk.gov.paas.support.kernel.targets.TargetDuration;
import uk.gov.paas.support.kernel.targets.TargetsRow;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/** Ticket SLA targets with pauses, on the shipped targets table, with no Quarkus boot. London, late November 2026 (GMT). */
class SlaTimerTest {

    static final TargetsTable TABLE = shippedTable();

    static TargetsTable shippedTable() {
        Map<Severity, TargetsRow> rows = new EnumMap<>(Severity.class);
        rows.put(Severity.P1, row(Severity.P1, "Critical", "20m", "1h", "24/7", "40m", "1h", "24/7"));
        rows.put(Severity.P2, row(Severity.P2, "Major", "30m", "2h", "working-time", "30m", "2h", "not-worked"));
        rows.put(Severity.P3, row(Severity.P3, "Significant", "2h", "4h", "working-time", "2h", "4h", "not-worked"));
        rows.put(Severity.P4, row(Severity.P4, "Minor", "1bd", "2bd", "working-time", "1bd", "2bd", "not-worked"));
        return new TargetsTable(SupportCalendar.defaults(), rows);
    }

    private static TargetsRow row(Severity s, String aka, String r1, String u1, String c1, String r2, String u2, String c2) {
        return new TargetsRow(s, aka, new TargetsRow.Column(TargetDuration.parse(r1), TargetDuration.parse(u1), TargetClock.parse(c1)),
                new TargetsRow.Column(TargetDuration.parse(r2), TargetDuration.parse(u2), TargetClock.parse(c2)));
    }

    private static Instant t(String text) {
        return Instant.parse(text);
    }

    @Test
    void anUntriagedTicketRaisedFridayAtHalfPastFourIsDueTuesdayAtHalfPastFour() {
        SlaTimer first = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-11-27T16:30:00Z"), TABLE);
        assertEquals(t("2026-12-01T16:30:00Z"), first.dueAt(null, TABLE));
    }

    @Test
    void aPauseAcrossAWeekendStopsTheClock() {
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-11-27T16:00:00Z"), TABLE);
        assertEquals(t("2026-11-30T10:00:00Z"), timer.dueAt(Severity.P3, TABLE), "2 working hours: 1 on Friday, 1 on Monday");
        timer = timer.pause(t("2026-11-27T16:30:00Z"));
        assertNull(timer.dueAt(Severity.P3, TABLE), "a paused target cannot fall due");
        assertEquals(Duration.ofMinutes(90), timer.remaining(Severity.P3, TABLE, t("2026-11-30T12:00:00Z")), "the weekend and Monday morning did not count");
        timer = timer.resume(t("2026-11-30T10:00:00Z"));
        assertEquals(t("2026-11-30T11:30:00Z"), timer.dueAt(Severity.P3, TABLE));
    }

    @Test
    void theTimeAClockStoodStillIsTheWallClockTimeOutsideItsRunningStretches() {
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-11-27T16:00:00Z"), TABLE);
        assertEquals(Duration.ZERO, timer.pausedFor(t("2026-11-27T17:00:00Z")), "never paused");
        timer = timer.pause(t("2026-11-27T16:30:00Z"));
        assertEquals(Duration.ofHours(2), timer.pausedFor(t("2026-11-27T18:30:00Z")), "paused and still paused");
        timer = timer.resume(t("2026-11-30T10:00:00Z")).pause(t("2026-11-30T11:00:00Z")).resume(t("2026-11-30T11:15:00Z"));
        assertEquals(Duration.ofHours(65).plusMinutes(45), timer.pausedFor(t("2026-11-30T12:00:00Z")),
                "Friday 16:30 to Monday 10:00, then a quarter of an hour on Monday");
    }

    @Test
    void aPriorityChangeWhilePausedKeepsThePauseAndCountsOnTheNewClock() {
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-11-23T10:00:00Z"), TABLE)
                .pause(t("2026-11-23T10:30:00Z"));
        // P4 (one business day) becomes P3 (2 hours) while paused: 30 minutes have run, 90 are left
        assertEquals(Duration.ofHours(8).minusMinutes(30), timer.remaining(Severity.P4, TABLE, t("2026-11-24T08:00:00Z")));
        assertEquals(Duration.ofMinutes(90), timer.remaining(Severity.P3, TABLE, t("2026-11-24T08:00:00Z")));
        timer = timer.resume(t("2026-11-24T09:00:00Z"));
        assertEquals(t("2026-11-24T10:30:00Z"), timer.dueAt(Severity.P3, TABLE));
        // to P1 (24/7, 20 minutes in hours): 30 real minutes already ran, so it is due at once
        assertEquals(t("2026-11-24T09:00:00Z"), timer.dueAt(Severity.P1, TABLE));
        assertTrue(timer.breachedAt(Severity.P1, TABLE, t("2026-11-24T09:00:00Z")));
        assertFalse(timer.breachedAt(Severity.P3, TABLE, t("2026-11-24T10:29:00Z")));
    }

    @Test
    void aP1CountsRealMinutesThroughPausesAndClockChanges() {
        // 01:00 UTC on 25 Oct 2026: London's clocks go back; 24/7 counts real time
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-10-25T00:50:00Z"), TABLE)
                .pause(t("2026-10-25T01:00:00Z")).resume(t("2026-10-25T01:30:00Z"));
        assertEquals(t("2026-10-25T02:00:00Z"), timer.dueAt(Severity.P1, TABLE), "40 minutes out of hours: 10 before the pause, 30 after");
    }

    @Test
    void theTargetsColumnIsPickedByThePeriodWhenTheTargetStarted() {
        SlaTimer overnight = SlaTimer.start(SlaTimer.Kind.NEXT_UPDATE, t("2026-11-23T20:00:00Z"), TABLE);
        assertEquals(t("2026-11-24T11:00:00Z"), overnight.dueAt(Severity.P2, TABLE), "not worked: 2 h from Tuesday's opening");
        assertEquals(t("2026-11-23T21:00:00Z"), overnight.dueAt(Severity.P1, TABLE), "hourly on the 24/7 clock");
    }

    @Test
    void pausingAndResumingTwiceChangesNothing() {
        SlaTimer timer = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, t("2026-11-23T10:00:00Z"), TABLE);
        assertEquals(timer, timer.resume(t("2026-11-23T11:00:00Z")));
        SlaTimer paused = timer.pause(t("2026-11-23T10:10:00Z"));
        assertEquals(paused, paused.pause(t("2026-11-23T10:20:00Z")));
    }

    @Test
    void aLaterStartIsNeverDueEarlier() {
        Instant previous = Instant.MIN;
        for (Instant start = t("2026-11-20T00:00:00Z"); start.isBefore(t("2026-12-31T00:00:00Z")); start = start.plus(Duration.ofMinutes(15))) {
            Instant due = SlaTimer.start(SlaTimer.Kind.FIRST_RESPONSE, start, TABLE).dueAt(null, TABLE);
            assertFalse(due.isBefore(previous), "started " + start + " due " + due + " before " + previous);
            previous = due;
        }
    }
}
