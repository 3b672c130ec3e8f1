package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** What an admin can see and do with the outbox: list by state, look at one email, send a dead one again. */
@ApplicationScoped
@Transactional
public class OutboxAdministration {

    private final Clock clock;

    OutboxAdministration(Clock clock) {
        this.clock = clock;
    }

    /** A page of emails in one state, newest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Paged<OutboxMessage> list(OutboxStatus status, int page, int size) {
        return Paged.find(OutboxMessage.getEntityManager(), OutboxMessage.class, "m", " where m.status = :status", java.util.Map.of("status", status),
                "m.createdAt desc, m.id desc", page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<OutboxMessage> find(long id) {
        return OutboxMessage.findByIdOptional(id);
    }

    /** Puts a dead (or still pending) email back at the front of the queue with a fresh set of attempts. */
    public Optional<OutboxMessage> retry(long id) {
        // locked, so an email being sent right now is waited for (and then found SENT), never put back under its relay
        Optional<OutboxMessage> found = OutboxMessage.findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
        found.ifPresent(message -> {
            if (message.status == OutboxStatus.SENT) {
                throw ApiProblem.conflict("Email " + id + " was already sent at " + message.sentAt + "; it is not sent twice");
            }
            if (message.status == OutboxStatus.CANCELLED) {
                throw ApiProblem.conflict("Email " + id + " was cancelled at " + message.cancelledAt + " (" + message.lastError + "); it is not sent");
            }
            message.lastError = "retried by an admin after " + message.attempts + " attempts"
                    + (message.lastError == null ? "" : "; last error: " + message.lastError);
            message.status = OutboxStatus.PENDING;
            message.attempts = 0;
            message.timeouts = 0;
            message.claimedBy = null;
            message.deadAt = null;
            message.nextAttemptAt = clock.instant();
        });
        return found;
    }
}
