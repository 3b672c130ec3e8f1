package uk.gov.paas.support.ticket.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class TicketStatusTest {

    @Test
    void aClosedTicketGoesNowhereAReplyMakesAFollowUp() {
        assertTrue(TicketStatus.CLOSED.allowed().isEmpty());
        assertFalse(TicketStatus.CLOSED.reopenedByTenantReply());
    }

    @Test
    void solvedOnlyReopensOrCloses() {
        assertEquals(EnumSet.of(TicketStatus.OPEN, TicketStatus.CLOSED), TicketStatus.SOLVED.allowed());
        assertFalse(TicketStatus.SOLVED.canMoveTo(TicketStatus.PENDING));
    }

    @Test
    void nothingGoesBackToNew() {
        for (TicketStatus status : TicketStatus.values()) {
            assertFalse(status.canMoveTo(TicketStatus.NEW), status.name());
        }
    }

    @Test
    void theSlaPausesExactlyWhileOnHoldPendingOrPendingBelievedSolved() {
        EnumSet<TicketStatus> paused = EnumSet.noneOf(TicketStatus.class);
        for (TicketStatus status : TicketStatus.values()) {
            if (status.pausesSla()) {
                paused.add(status);
            }
        }
        assertEquals(EnumSet.of(TicketStatus.ON_HOLD, TicketStatus.PENDING, TicketStatus.PENDING_BELIEVED_SOLVED), paused);
    }

    @Test
    void aTenantReplyReopensWaitingAndSolvedTickets() {
        for (TicketStatus status : EnumSet.of(TicketStatus.PENDING, TicketStatus.ON_HOLD, TicketStatus.PENDING_BELIEVED_SOLVED, TicketStatus.SOLVED)) {
            assertTrue(status.reopenedByTenantReply(), status.name());
            assertTrue(status.canMoveTo(TicketStatus.OPEN), status.name());
        }
        assertFalse(TicketStatus.NEW.reopenedByTenantReply());
    }
}
