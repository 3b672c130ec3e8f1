package uk.gov.paas.support.ticket.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The status timers as a table: plain JUnit, no Quarkus. Defaults P3D, P7D, P4D, P28D as shipped. */
class StatusTimersTest {

    private static final StatusTimers TIMERS = new StatusTimers(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(4), Duration.ofDays(28));
    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @ParameterizedTest(name = "entering {0} at {1}: {2} due {3}")
    @CsvSource(nullValues = "-", value = {
            // status,               since,                 step,             due
            "NEW,                     2026-11-02T10:00:00Z, -,                -",
            "OPEN,                    2026-11-02T10:00:00Z, -,                -",
            "ON_HOLD,                 2026-11-02T10:00:00Z, -,                -",
            "CLOSED,                  2026-11-02T10:00:00Z, -,                -",
            "PENDING,                 2026-11-02T10:00:00Z, PENDING_REMINDER, 2026-11-05T10:00:00Z",
            "PENDING_BELIEVED_SOLVED, 2026-11-02T10:00:00Z, AUTO_SOLVE,       2026-11-06T10:00:00Z",
            "SOLVED,                  2026-11-02T10:00:00Z, AUTO_CLOSE,       2026-11-30T10:00:00Z",
            // a Saturday night start is not moved to a working day: the periods are elapsed time
            "PENDING,                 2026-11-07T23:30:00Z, PENDING_REMINDER, 2026-11-10T23:30:00Z",
            // across Christmas, Boxing Day and New Year's Day (bank holidays): not extended
            "SOLVED,                  2026-12-20T10:00:00Z, AUTO_CLOSE,       2027-01-17T10:00:00Z",
            "PENDING_BELIEVED_SOLVED, 2026-12-23T16:00:00Z, AUTO_SOLVE,       2026-12-27T16:00:00Z",
            // across the clocks going back (25 Oct 2026) and forward (29 Mar 2026): exactly 72 or 96 hours
            "PENDING,                 2026-10-24T09:00:00Z, PENDING_REMINDER, 2026-10-27T09:00:00Z",
            "PENDING_BELIEVED_SOLVED, 2026-03-27T12:00:00Z, AUTO_SOLVE,       2026-03-31T12:00:00Z",
    })
    void eachStatusSchedulesItsStep(TicketStatus status, Instant since, Ticket.StatusStep step, Instant due) {
        Optional<StatusTimers.Due> scheduled = TIMERS.onEntering(status, since);
        if (step == null) {
            assertTrue(scheduled.isEmpty(), status + " has no automatic step");
        } else {
            assertEquals(new StatusTimers.Due(step, due), scheduled.orElseThrow());
        }
    }

    @ParameterizedTest(name = "{0} due, in status since {1}: move to {2} ({3}), next {4} at {5}")
    @CsvSource(nullValues = "-", value = {
            // step,             statusSince,           moveTo, why,                                    next,          nextAt
            "PENDING_REMINDER, 2026-11-02T10:31:00Z, -,      no reply from the tenant within 3 days, PENDING_CLOSE, 2026-11-09T10:31:00Z",
            "PENDING_CLOSE,    2026-11-02T10:31:00Z, CLOSED, no reply from the tenant within 7 days, -,             -",
            "AUTO_SOLVE,       2026-11-02T10:31:00Z, SOLVED, no reply from the tenant within 4 days, -,             -",
            "AUTO_CLOSE,       2026-11-02T10:31:00Z, CLOSED, solved 28 days ago,                     -,             -",
            // the close after a reminder counts from going pending, across the clocks going back: 168 hours
            "PENDING_REMINDER, 2026-10-22T10:00:00Z, -,      no reply from the tenant within 3 days, PENDING_CLOSE, 2026-10-29T10:00:00Z",
    })
    void eachStepSaysWhatItDoes(Ticket.StatusStep step, Instant statusSince, TicketStatus moveTo, String why, Ticket.StatusStep next,
            Instant nextAt) {
        StatusTimers.Action action = TIMERS.whenDue(step, statusSince);
        assertEquals(moveTo, action.moveTo());
        assertEquals(moveTo == null, action.remindsOnly());
        assertEquals(why, action.why());
        assertEquals(next == null ? null : new StatusTimers.Due(next, nextAt), action.next());
    }

    @Test
    void aClockChangeMovesTheWallClockTimeNotTheElapsedTime() {
        Instant pending = ZonedDateTime.of(2026, 10, 22, 11, 0, 0, 0, LONDON).toInstant(); // 11:00 BST
        Instant closes = TIMERS.whenDue(Ticket.StatusStep.PENDING_REMINDER, pending).next().at();
        assertEquals(Duration.ofHours(168), Duration.between(pending, closes));
        assertEquals(10, closes.atZone(LONDON).getHour(), "10:00 GMT: one hour earlier on the wall clock after the clocks go back");
    }

    @Test
    void everyStepEndsInAMoveOrSchedulesOne() {
        for (Ticket.StatusStep step : Ticket.StatusStep.values()) {
            StatusTimers.Action action = TIMERS.whenDue(step, Instant.parse("2026-11-02T10:00:00Z"));
            assertFalse(action.remindsOnly() && action.next() == null, step + " reminds but schedules nothing after");
            if (!action.remindsOnly()) {
                assertNull(action.next(), step + " moves the ticket; the new status schedules what follows");
            }
        }
    }

    @Test
    void configuredPeriodsAreUsed() {
        StatusTimers shortened = new StatusTimers(Duration.ofHours(1), Duration.ofHours(2), Duration.ofMinutes(30), Duration.ofDays(1));
        Instant since = Instant.parse("2026-11-02T10:00:00Z");
        assertEquals(since.plus(Duration.ofHours(1)), shortened.onEntering(TicketStatus.PENDING, since).orElseThrow().at());
        assertEquals(since.plus(Duration.ofHours(2)), shortened.whenDue(Ticket.StatusStep.PENDING_REMINDER, since).next().at());
        assertEquals(since.plus(Duration.ofMinutes(30)), shortened.onEntering(TicketStatus.PENDING_BELIEVED_SOLVED, since).orElseThrow().at());
        assertEquals(since.plus(Duration.ofDays(1)), shortened.onEntering(TicketStatus.SOLVED, since).orElseThrow().at());
    }
}
