package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * One kind's outbox meters, the same set for every kind, told apart by the {@code kind} label (email, call):
 * support_outbox_sent/failed/dead_total counters, and gauges for the pending queue (depth, age of the oldest pending
 * row, rows overdue: still pending {@code support.outbox.overdue-after} after they were queued) and for dead rows
 * waiting for an admin; support_outbox_parked_total counts emails parked after unanswered sends. While any row is
 * overdue an error is logged every {@code support.outbox.overdue-log-every}, so that someone looks. Registered when the kind's relay is made, at boot, so a dashboard sees
 * zero rather than nothing before the first send.
 */
final class OutboxMetrics {

    private static final Logger LOG = Logger.getLogger(OutboxMetrics.class);

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final String kind;
    private final Counter parked;
    private final AtomicLong overdue = new AtomicLong();
    private volatile long overdueLoggedAt = Long.MIN_VALUE;
    private final Clock clock;
    private final String table;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong deadWaiting = new AtomicLong();
    private volatile Instant oldestPendingCreatedAt;

    OutboxMetrics(MeterRegistry registry, EntityManager entityManager, Clock clock, OutboxConfig config, String kind, String table) {
        this.entityManager = entityManager;
        this.config = config;
        this.kind = kind;
        this.clock = clock;
        this.table = table;
        this.sent = Counter.builder("support.outbox.sent").tag("kind", kind).description("Emails handed to the SMTP server, calls answered 2xx")
                .register(registry);
        this.failed = Counter.builder("support.outbox.failed").tag("kind", kind).description("Attempts that failed and will be retried")
                .register(registry);
        this.dead = Counter.builder("support.outbox.dead").tag("kind", kind)
                .description("Rows that ran out of attempts, were refused, or were parked").register(registry);
        this.parked = Counter.builder("support.outbox.parked").tag("kind", kind)
                .description("Emails parked (dead) after sends with no answer in time, which may each have been delivered").register(registry);
        Gauge.builder("support.outbox.overdue", overdue, AtomicLong::get).tag("kind", kind)
                .description("Rows still pending support.outbox.overdue-after after they were queued").register(registry);
        Gauge.builder("support.outbox.pending", pending, AtomicLong::get).tag("kind", kind).description("Rows waiting to be sent")
                .register(registry);
        Gauge.builder("support.outbox.dead.waiting", deadWaiting, AtomicLong::get).tag("kind", kind).description("Dead rows not yet retried")
                .register(registry);
        Gauge.builder("support.outbox.oldest.pending.age.seconds", this, OutboxMetrics::oldestPendingAgeSeconds).tag("kind", kind)
                .description("Age of the oldest row still waiting to be sent").register(registry);
    }

    /** Counts one row's recorded outcome (after its commit). */
    void counted(RelayLoop.Outcome outcome) {
        switch (outcome) {
            case SENT -> sent.increment();
            case RETRY -> failed.increment();
            case DEAD -> dead.increment();
            case PARKED -> {
                dead.increment();
                parked.increment();
            }
            default -> {
            }
        }
    }

    long overdue() {
        return overdue.get();
    }

    long pending() {
        return pending.get();
    }

    long deadWaiting() {
        return deadWaiting.get();
    }

    /**
     * Reads the queue's depth and age once per relay run, not on every scrape. Two queries, each matching one
     * partial index, so the cost follows the pending and dead rows, never the sent history (one combined
     * query with {@code status in (...)} scanned the whole table).
     */
    void refreshQueueGauges() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                Object[] queue = (Object[]) entityManager.createNativeQuery(
                        "select count(*), min(created_at), count(*) filter (where created_at < :overdue) from " + table + " where status = 'PENDING'")
                        .setParameter("overdue", clock.instant().minus(config.overdueAfter())).getSingleResult();
                pending.set(((Number) queue[0]).longValue());
                oldestPendingCreatedAt = toInstant(queue[1]);
                overdue.set(((Number) queue[2]).longValue());
                deadWaiting.set(((Number) entityManager.createNativeQuery(
                        "select count(*) from " + table + " where status = 'DEAD'").getSingleResult()).longValue());
            });
        } catch (RuntimeException e) {
            // the database is away: the gauges keep their last values until the next run
            LOG.debugf("outbox %s gauges not refreshed: %s", kind, RelayLoop.describe(e));
            return;
        }
        long late = overdue.get();
        long now = System.nanoTime();
        if (late > 0 && (overdueLoggedAt == Long.MIN_VALUE || now - overdueLoggedAt >= config.overdueLogEvery().toNanos())) {
            overdueLoggedAt = now;
            LOG.errorf("%d outbox %s row(s) still undelivered more than %s after they were queued (the oldest %d s ago); "
                    + "see /q/health/ready and the %s's last_error in the admin API", late, kind, config.overdueAfter(),
                    (long) oldestPendingAgeSeconds(), kind);
        } else if (late == 0) {
            overdueLoggedAt = Long.MIN_VALUE;
        }
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
