package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;

/**
 * Outbox meters: support_outbox_emails_sent/failed/dead_total counters, and gauges for the pending queue
 * (depth, age of the oldest pending email) and for dead emails waiting for an admin.
 */
@ApplicationScoped
@Startup // meters exist from boot, so a dashboard sees zero rather than nothing before the first send
public class OutboxMetrics {

    private final EntityManager entityManager;
    private final Clock clock;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadWaiting = new AtomicLong();
    private volatile Instant oldestPendingCreatedAt;

    OutboxMetrics(MeterRegistry registry, EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.sent = Counter.builder("support.outbox.emails.sent").description("Emails handed to the SMTP server").register(registry);
        this.failed = Counter.builder("support.outbox.emails.failed").description("Send attempts that failed and will be retried").register(registry);
        this.dead = Counter.builder("support.outbox.emails.dead").description("Emails that ran out of attempts").register(registry);
        Gauge.builder("support.outbox.pending", pending, AtomicLong::get).description("Emails waiting to be sent").register(registry);
        Gauge.builder("support.outbox.dead.waiting", deadWaiting, AtomicLong::get).description("Dead emails not yet retried").register(registry);
        Gauge.builder("support.outbox.oldest.pending.age.seconds", this, OutboxMetrics::oldestPendingAgeSeconds)
                .description("Age of the oldest email still waiting to be sent").register(registry);
    }

    void sent() {
        sent.increment();
    }

    void failed() {
        failed.increment();
    }

    void dead() {
        dead.increment();
    }

    /**
     * Reads the queue's depth and age once per relay run, not on every scrape. Two queries, each matching one
     * partial index, so the cost follows the pending and dead rows, never the sent history (one combined
     * query with {@code status in (...)} scanned the whole table).
     */
    void refreshQueueGauges() {
        QuarkusTransaction.requiringNew().run(() -> {
            Object[] queue = (Object[]) entityManager.createNativeQuery(
                    "select count(*), min(created_at) from outbox_message where status = 'PENDING'").getSingleResult();
            pending.set(((Number) queue[0]).longValue());
            oldestPendingCreatedAt = toInstant(queue[1]);
            deadWaiting.set(((Number) entityManager.createNativeQuery(
                    "select count(*) from outbox_message where status = 'DEAD'").getSingleResult()).longValue());
        });
    }

    double oldestPendingAgeSeconds() {
        Instant oldest = oldestPendingCreatedAt;
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds());
    }

    private static Instant toInstant(Object value) {
        if (value == null) {
            return null;
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        }
        if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        throw new IllegalStateException("unexpected timestamp type " + value.getClass());
    }
}
