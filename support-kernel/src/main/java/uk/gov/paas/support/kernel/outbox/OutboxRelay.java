package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;

/**
 * The email kind of the outbox: sends due {@code outbox_message} rows through SMTP, up to
 * {@code support.outbox.email-concurrency} at once, each sending thread over its own connection for the run. Claiming, retries, backoff and dead rows are the {@link RelayLoop}'s.
 */
@ApplicationScoped
@Startup // the meters exist from boot
public class OutboxRelay implements OutboxKind<OutboxMessage> {

    private final SmtpSender smtp;
    private final OutboxConfig config;
    private final RelayLoop<OutboxMessage> loop;

    OutboxRelay(EntityManager entityManager, SmtpSender smtp, SmtpConfig smtpConfig, OutboxConfig config, Clock clock, MeterRegistry registry,
            Tracer tracer) {
        Duration slowestSend = smtpConfig.connectTimeout().plus(smtpConfig.readTimeout().multipliedBy(2));
        if (config.claimFor().compareTo(slowestSend) <= 0) {
            // a claim shorter than a send lets another relay claim, and send, an email still being sent
            throw new IllegalStateException("support.outbox.claim-for (" + config.claimFor() + ") must be longer than the slowest send, "
                    + "support.smtp.connect-timeout plus twice support.smtp.read-timeout (" + slowestSend + ")");
        }
        this.smtp = smtp;
        this.config = config;
        this.loop = new RelayLoop<>(new RelayLoop.Table<>(OutboxWakeUp.EMAIL, "outbox_message", OutboxMessage.class,
                config.emailConcurrency() > 1 ? config.emailConcurrency() : 0), this,
                entityManager, config, clock, registry, tracer);
    }

    /** What one relay run did. */
    public record RelayResult(int sent, int failed, int dead) {
        public static final RelayResult NONE = new RelayResult(0, 0, 0);

        public RelayResult plus(RelayResult other) {
            return new RelayResult(sent + other.sent, failed + other.failed, dead + other.dead);
        }

        public int claimed() {
            return sent + failed + dead;
        }
    }

    /** Sends every email due now (see {@link RelayLoop#relayDue}). */
    public RelayResult relayDue() {
        return loop.relayDue();
    }

    /** Delay before the next attempt of an email after {@code attempts} failures: base, doubling, capped. */
    Duration backoff(int attempts) {
        return RelayLoop.backoff(config.backoffBase(), config.backoffMax(), attempts);
    }

    RelayLoop<OutboxMessage> loop() {
        return loop;
    }

    /** The server may have taken an email it did not answer for in time: a retry may be a second copy. */
    @Override
    public boolean parksAfterTimeouts() {
        return true;
    }

    /** One SMTP connection per thread that sends (the relay's own, or each caller thread), all closed when the run ends. */
    @Override
    public Sending<OutboxMessage> open() {
        Map<Thread, SmtpSender.Batch> connections = new ConcurrentHashMap<>();
        return new Sending<>() {
            @Override
            public java.util.concurrent.Callable<CallSender.Made> attempt(OutboxMessage message) {
                return () -> {
                    connections.computeIfAbsent(Thread.currentThread(), thread -> smtp.batch()).send(message);
                    return () -> null;
                };
            }

            @Override
            public void close() {
                connections.values().forEach(SmtpSender.Batch::close);
            }
        };
    }

    @Override
    public String describeFailure(OutboxMessage message, Exception e) {
        return RelayLoop.isTimeout(e)
                // the server may have taken it before going quiet: the resend has the same Message-ID, so a duplicate is recognisable
                ? "no answer from SMTP within support.smtp.read-timeout; it may have been delivered, the retry keeps Message-ID " + message.messageId
                : RelayLoop.describe(e);
    }
}
