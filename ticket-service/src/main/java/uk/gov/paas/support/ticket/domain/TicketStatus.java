package uk.gov.paas.support.ticket.domain;

import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * A ticket's status and the moves allowed from each. NEW is untriaged; ON_HOLD is blocked on us (an internal note
 * gives the reason); PENDING waits on the tenant; PENDING_BELIEVED_SOLVED waits for the tenant to confirm a fix.
 */
public enum TicketStatus {
    NEW, OPEN, ON_HOLD, PENDING, PENDING_BELIEVED_SOLVED, SOLVED, CLOSED;

    private static final Map<TicketStatus, Set<TicketStatus>> ALLOWED = Map.of(
            NEW, EnumSet.of(OPEN, ON_HOLD, PENDING, PENDING_BELIEVED_SOLVED, SOLVED, CLOSED),
            OPEN, EnumSet.of(ON_HOLD, PENDING, PENDING_BELIEVED_SOLVED, SOLVED, CLOSED),
            ON_HOLD, EnumSet.of(OPEN, PENDING, PENDING_BELIEVED_SOLVED, SOLVED, CLOSED),
            PENDING, EnumSet.of(OPEN, ON_HOLD, PENDING_BELIEVED_SOLVED, SOLVED, CLOSED),
            PENDING_BELIEVED_SOLVED, EnumSet.of(OPEN, SOLVED, CLOSED),
            SOLVED, EnumSet.of(OPEN, CLOSED),
            // a reply to a closed ticket opens a linked follow-up instead
            CLOSED, EnumSet.noneOf(TicketStatus.class));

    /** Where a ticket may go from here. */
    public Set<TicketStatus> allowed() {
        return ALLOWED.get(this);
    }

    public boolean canMoveTo(TicketStatus next) {
        return allowed().contains(next);
    }

    /** SLA clocks do not run while the ticket waits on the tenant or is on hold. */
    public boolean pausesSla() {
        return this == ON_HOLD || this == PENDING || this == PENDING_BELIEVED_SOLVED;
    }

    /** SLA clocks stop for good once the work is done (a reply reopening the ticket starts them again). */
    public boolean stopsSla() {
        return this == SOLVED || this == CLOSED;
    }

    /** Where a tenant's reply takes the ticket: back to OPEN from a waiting or solved state; CLOSED makes a follow-up. */
    public boolean reopenedByTenantReply() {
        return this == PENDING || this == ON_HOLD || this == PENDING_BELIEVED_SOLVED || this == SOLVED;
    }
}
