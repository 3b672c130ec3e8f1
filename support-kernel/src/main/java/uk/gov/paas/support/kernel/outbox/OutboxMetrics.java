package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One kind's outbox meters, the same set for every kind, told apart by the {@code kind} label (email, call):
 * support_outbox_sent/failed/dead_total counters, and gauges for the pending queue (depth, age of the oldest pending
 * row) and for dead rows waiting for an admin. Registered when the kind's relay is made, at boot, so a dashboard sees
 * zero rather than nothing before the first send.
 */
final class OutboxMetrics {

    private final EntityManager entityManager;
    private final Clock clock;
    private final String table;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadWaiting = new AtomicLong();
    private volatile Instant oldestPendingCreatedAt;

    OutboxMetrics(MeterRegistry registry, EntityManager entityManager, Clock clock, String kind, String table) {
        this.entityManager = entityManager;
        this.clock = clock;
        this.table = table;
        this.sent = Counter.builder("support.outbox.sent").tag("kind", kind).description("Emails handed to the SMTP server, calls answered 2xx")
                .register(registry);
        this.failed = Counter.builder("support.outbox.failed").tag("kind", kind).description("Attempts that failed and will be retried")
                .register(registry);
        this.dead = Counter.builder("support.outbox.dead").tag("kind", kind).description("Rows that ran out of attempts or were refused")
                .register(registry);
        Gauge.builder("support.outbox.pending", pending, AtomicLong::get).tag("kind", kind).description("Rows waiting to be sent")
                .register(registry);
        Gauge.builder("support.outbox.dead.waiting", deadWaiting, AtomicLong::get).tag("kind", kind).description("Dead rows not yet retried")
                .register(registry);
        Gauge.builder("support.outbox.oldest.pending.age.seconds", this, OutboxMetrics::oldestPendingAgeSeconds).tag("kind", kind)
                .description("Age of the oldest row still waiting to be sent").register(registry);
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
                    "select count(*), min(created_at) from " + table + " where status = 'PENDING'").getSingleResult();
            pending.set(((Number) queue[0]).longValue());
            oldestPendingCreatedAt = toInstant(queue[1]);
            deadWaiting.set(((Number) entityManager.createNativeQuery(
                    "select count(*) from " + table + " where status = 'DEAD'").getSingleResult()).longValue());
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
