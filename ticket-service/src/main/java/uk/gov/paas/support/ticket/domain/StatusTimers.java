package uk.gov.paas.support.ticket.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The ticket status timers, one pure rule: which automatic step a status schedules, when it falls due, and what it does
 * then. {@code PENDING}: a reminder after {@link #pendingReminderAfter}, then CLOSED at {@link #pendingCloseAfter};
 * {@code PENDING_BELIEVED_SOLVED}: SOLVED after {@link #believedSolvedAfter}; {@code SOLVED}: CLOSED after
 * {@link #solvedCloseAfter}. Every period counts from when the ticket entered its status and is elapsed time, not
 * working time: a bank holiday does not extend it and a clock change does not shorten it (7 days are 168 hours).
 * The callers store the {@link Due} instant on the ticket; emails read that stored instant, never this rule again.
 */
public record StatusTimers(Duration pendingReminderAfter, Duration pendingCloseAfter, Duration believedSolvedAfter,
        Duration solvedCloseAfter) {

    public StatusTimers {
        Objects.requireNonNull(pendingReminderAfter, "pendingReminderAfter");
        Objects.requireNonNull(pendingCloseAfter, "pendingCloseAfter");
        Objects.requireNonNull(believedSolvedAfter, "believedSolvedAfter");
        Objects.requireNonNull(solvedCloseAfter, "solvedCloseAfter");
    }

    /** A scheduled step and the instant it falls due. */
    public record Due(Ticket.StatusStep step, Instant at) {
    }

    /**
     * What a step does when it falls due: either it only reminds the tenant ({@code moveTo} null) and schedules
     * {@code next}, or it moves the ticket to {@code moveTo}, {@code why} saying why (for the audit and the page resolve).
     */
    public record Action(TicketStatus moveTo, String why, Due next) {

        public boolean remindsOnly() {
            return moveTo == null;
        }
    }

    /** The step a ticket entering {@code status} at {@code since} waits for; empty when the status has none. */
    public Optional<Due> onEntering(TicketStatus status, Instant since) {
        return switch (status) {
            case PENDING -> Optional.of(new Due(Ticket.StatusStep.PENDING_REMINDER, since.plus(pendingReminderAfter)));
            case PENDING_BELIEVED_SOLVED -> Optional.of(new Due(Ticket.StatusStep.AUTO_SOLVE, since.plus(believedSolvedAfter)));
            case SOLVED -> Optional.of(new Due(Ticket.StatusStep.AUTO_CLOSE, since.plus(solvedCloseAfter)));
            case NEW, OPEN, ON_HOLD, CLOSED -> Optional.empty();
        };
    }

    /** What {@code step} does when due, for a ticket in its status since {@code statusSince}. */
    public Action whenDue(Ticket.StatusStep step, Instant statusSince) {
        return switch (step) {
            case PENDING_REMINDER -> new Action(null, "no reply from the tenant within " + days(pendingReminderAfter) + " days",
                    new Due(Ticket.StatusStep.PENDING_CLOSE, statusSince.plus(pendingCloseAfter)));
            case PENDING_CLOSE -> new Action(TicketStatus.CLOSED, "no reply from the tenant within " + days(pendingCloseAfter) + " days", null);
            case AUTO_SOLVE -> new Action(TicketStatus.SOLVED, "no reply from the tenant within " + days(believedSolvedAfter) + " days", null);
            case AUTO_CLOSE -> new Action(TicketStatus.CLOSED, "solved " + days(solvedCloseAfter) + " days ago", null);
        };
    }

    private static long days(Duration period) {
        return period.toDays();
    }
}
