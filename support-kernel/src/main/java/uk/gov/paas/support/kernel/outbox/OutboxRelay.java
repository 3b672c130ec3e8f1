package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Duration;
import java.net.SocketTimeoutException;
import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Sends due outbox rows. Each batch is claimed with {@code FOR UPDATE SKIP LOCKED} and stays locked until its
 * outcome commits, so any number of relays (threads or pods) share the queue without sending a row twice.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

    private final EntityManager entityManager;
    private final SmtpSender smtp;
    private final OutboxConfig config;
    private final OutboxMetrics metrics;
    private final Clock clock;

    OutboxRelay(EntityManager entityManager, SmtpSender smtp, OutboxConfig config, OutboxMetrics metrics, Clock clock) {
        this.entityManager = entityManager;
        this.smtp = smtp;
        this.config = config;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What one relay run did. */
    public record RelayResult(int sent, int failed, int dead) {
        public RelayResult plus(RelayResult other) {
            return new RelayResult(sent + other.sent, failed + other.failed, dead + other.dead);
        }

        public int claimed() {
            return sent + failed + dead;
        }
    }

    /** Sends everything due now, batch by batch; rows that fail are rescheduled later, so a run always ends. */
    public RelayResult relayDue() {
        RelayResult total = new RelayResult(0, 0, 0);
        for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
            RelayResult result = QuarkusTransaction.requiringNew().timeout(timeoutSeconds()).call(this::sendOneBatch);
            total = total.plus(result);
            if (result.claimed() < config.batchSize()) {
                break;
            }
        }
        metrics.refreshQueueGauges();
        return total;
    }

    private RelayResult sendOneBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<OutboxMessage> due = entityManager.createNativeQuery("""
                select * from outbox_message
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, id
                limit :batch
                for update skip locked
                """, OutboxMessage.class)
                .setParameter("now", now)
                .setParameter("batch", config.batchSize())
                .getResultList();
        int sent = 0;
        int failed = 0;
        int dead = 0;
        try (SmtpSender.Batch connection = smtp.batch()) {
            for (OutboxMessage message : due) {
                long sendStarted = System.nanoTime();
                try {
                    connection.send(message);
                    logIfSlow(message, sendStarted);
                    message.status = OutboxStatus.SENT;
                    message.sentAt = clock.instant();
                    message.lastError = null;
                    message.attempts++;
                    sent++;
                    metrics.sent();
                } catch (MessagingException | RuntimeException e) {
                    logIfSlow(message, sendStarted);
                    boolean timedOut = isTimeout(e);
                    message.attempts++;
                    message.lastError = timedOut
                            // the server may have taken it before going quiet: the resend has the same Message-ID, so a duplicate is recognisable
                            ? "no answer from SMTP within support.smtp.read-timeout; it may have been delivered, the retry keeps Message-ID "
                                    + message.messageId
                            : describe(e);
                    if (message.attempts >= config.maxAttempts()) {
                        message.status = OutboxStatus.DEAD;
                        message.deadAt = clock.instant();
                        dead++;
                        metrics.dead();
                        LOG.errorf("Email %s (%s) is dead after %d attempts: %s", message.id, message.idempotencyKey, message.attempts, message.lastError);
                    } else {
                        message.nextAttemptAt = clock.instant().plus(backoff(message.attempts));
                        failed++;
                        metrics.failed();
                        LOG.warnf("Email %s (%s) attempt %d failed, next at %s: %s", message.id, message.idempotencyKey, message.attempts,
                                message.nextAttemptAt, message.lastError);
                    }
                    if (timedOut) {
                        // a host that stops answering would stall every email left in the batch; release them to the next run instead
                        LOG.warnf("SMTP send timed out; %d emails of this batch go back to the queue untried", due.size() - (sent + failed + dead));
                        break;
                    }
                }
            }
        }
        return new RelayResult(sent, failed, dead);
    }

    /** A slow send holds its batch's row locks and delays every email behind it: say so, with the time it took. */
    private static void logIfSlow(OutboxMessage message, long startedNanos) {
        long millis = (System.nanoTime() - startedNanos) / 1_000_000;
        if (millis >= 2000) {
            LOG.warnf("Email %s (%s): slow SMTP send, %d ms", message.id, message.idempotencyKey, millis);
        }
    }

    /** Delay before the next attempt after {@code attempts} failures: base, doubling, capped. */
    Duration backoff(int attempts) {
        return backoff(config, attempts);
    }

    /** The one backoff rule, for emails and calls alike. */
    static Duration backoff(OutboxConfig config, int attempts) {
        Duration delay = config.backoffBase();
        for (int i = 1; i < attempts && delay.compareTo(config.backoffMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : delay;
    }

    private int timeoutSeconds() {
        // a batch holds its row locks while it talks to SMTP; a timed-out send ends the batch, so this is ample
        return Math.max(60, config.batchSize() * 20);
    }

    /** No answer within the read timeout (or no connection within the connect timeout). */
    private static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    static String describe(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable cause = e; cause != null && text.length() < 1000; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (!text.isEmpty()) {
                text.append(" <- ");
            }
            text.append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > 1000 ? text.substring(0, 1000) : text.toString();
    }
}
