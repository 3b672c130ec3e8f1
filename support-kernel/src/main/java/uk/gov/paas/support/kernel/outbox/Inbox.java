package uk.gov.paas.support.kernel.outbox;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.problem.ProblemMapper;
import uk.gov.paas.support.kernel.tracing.Traces;

/**
 * Store now, process next: the intake side of the outbox. An intake that must answer fast whatever arrives at once (an
 * Events API v2 trigger storm during an outage) {@link #store stores} what it took in, committed in one statement
 * before it answers, and the inbox worker processes it moments later through the kind's {@link InboxHandler}. So a
 * request costs one insert, and an item once answered for is never lost: it stays in {@code inbox_item} until its
 * handler's transaction commits, which deletes it in the same commit (its effect happens exactly once).
 * <p>
 * Processing: {@code support.outbox.inbox-workers} threads per replica, woken on commit like the relays ({@link OutboxWakeUp}, payload {@value #WAKE})
 * and swept every {@code support.outbox.relay-interval}. It claims the oldest item whose ordering key has no older item
 * still waiting ({@code FOR UPDATE SKIP LOCKED}; the older one may be locked by another replica, or backing off after a
 * failure), so items of one key (one alert's trigger, then its resolve) are processed one at a time and in order, in
 * any number of replicas. A failure rolls the item's transaction back and retries it after the outbox's backoff
 * (doubling from {@code backoff-base}, capped at {@code call-backoff-max}): an item is never given up, since it may be
 * a page; from {@code max-attempts} on, every failure is logged as an error. Meters: support_inbox_processed_total and
 * support_inbox_failed_total by kind, support_inbox_pending and support_inbox_oldest_seconds; the items waiting are
 * listed, and one backing off is made due at once, at {@code /api/admin/inbox} ({@link InboxResource}).
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    /** The wake-up payload on {@link OutboxWakeUp#CHANNEL} that runs the inbox worker. */
    public static final String WAKE = "inbox";

    private static final String STORE = """
            insert into inbox_item (kind, ordering_key, payload, received_at, next_attempt_at, traceparent)
            values (?, ?, ?, ?, ?, ?) returning id
            """;
    private static final String STORE_AND_WAKE = "with stored as (" + STORE + ") select id, pg_notify('" + OutboxWakeUp.CHANNEL + "', '" + WAKE
            + "') from stored";

    private final AgroalDataSource dataSource;
    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;
    private final Tracer tracer;
    private final Map<String, InboxHandler> handlers = new HashMap<>();
    private final MeterRegistry registry;
    private final Map<String, Counter> processed = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, Counter> failed = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicLong pending = new AtomicLong();
    private final AtomicLong oldestSeconds = new AtomicLong();
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;
    /** The workers beyond the one on the thread a run starts on (none with {@code inbox-workers} 1). */
    private final java.util.concurrent.ExecutorService helpers;

    Inbox(AgroalDataSource dataSource, EntityManager entityManager, OutboxConfig config, Clock clock, Tracer tracer, MeterRegistry registry,
            @Any Instance<InboxHandler> handlers) {
        this.dataSource = dataSource;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.tracer = tracer;
        this.registry = registry;
        for (InboxHandler handler : handlers) {
            if (this.handlers.put(handler.kind(), handler) != null) {
                throw new IllegalStateException("two inbox handlers for the kind " + handler.kind());
            }
        }
        this.helpers = config.inboxWorkers() > 1
                ? java.util.concurrent.Executors.newFixedThreadPool(config.inboxWorkers() - 1, RelayLoop.daemonThreads("inbox-worker-"))
                : null;
        Gauge.builder("support.inbox.pending", pending, AtomicLong::get).description("Items taken in and answered for, not yet processed")
                .register(registry);
        Gauge.builder("support.inbox.oldest", oldestSeconds, AtomicLong::get).baseUnit("seconds")
                .description("How long the oldest unprocessed item has waited").register(registry);
    }

    /**
     * Stores one item and commits it, in one statement on a connection of its own, before returning its id; the workers
     * of every replica are woken when it commits. Called outside any transaction (an intake answers only once this
     * returns: what it answered for is stored). Items with the same {@code orderingKey} are processed in the order stored.
     */
    public long store(String kind, String orderingKey, String payload) {
        if (!handlers.containsKey(kind)) {
            throw new IllegalArgumentException("no inbox handler for the kind " + kind);
        }
        if (QuarkusTransaction.isActive()) {
            throw new IllegalStateException("Inbox.store commits on its own: call it outside a transaction");
        }
        Timestamp now = Timestamp.from(clock.instant());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(config.wakeOnCommit() ? STORE_AND_WAKE : STORE)) {
            insert.setString(1, kind);
            insert.setString(2, orderingKey);
            insert.setString(3, payload);
            insert.setTimestamp(4, now);
            insert.setTimestamp(5, now);
            insert.setString(6, Traces.currentTraceparent());
            try (ResultSet stored = insert.executeQuery()) {
                stored.next();
                return stored.getLong(1);
            }
        } catch (SQLException e) {
            throw new jakarta.persistence.PersistenceException("could not store an inbox item", e);
        }
    }

    /**
     * Processes every item due now, one transaction each, oldest first (per ordering key in order); returns how many were
     * processed. If a run is already going in this replica, it is asked to look once more and this returns 0 at once.
     */
    public int processDue() {
        if (stopping) {
            return 0;
        }
        if (!running.tryLock()) {
            again.set(true);
            return 0;
        }
        int done = 0;
        try {
            do {
                again.set(false);
                List<java.util.concurrent.Future<Integer>> others = new java.util.ArrayList<>();
                for (int n = 1; n < config.inboxWorkers(); n++) {
                    try {
                        others.add(helpers.submit(this::untilNothingIsDue));
                    } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                        break;
                    }
                }
                done += untilNothingIsDue();
                for (java.util.concurrent.Future<Integer> other : others) {
                    try {
                        done += other.get();
                    } catch (java.util.concurrent.ExecutionException e) {
                        LOG.warnf("An inbox worker failed (the next run goes on): %s", RelayLoop.describe(e.getCause()));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            } while (again.get() && !stopping);
        } finally {
            running.unlock();
        }
        refreshGauges();
        return done;
    }

    /** One worker's share of a run: items one after another until none is due (or the run's bound, or a stop). */
    private int untilNothingIsDue() {
        int done = 0;
        try {
            for (int n = 0; n < config.maxPerRun() && !stopping; n++) {
                Boolean one = processOne();
                if (one == null) {
                    break;
                }
                if (one) {
                    done++;
                }
            }
        } catch (RuntimeException e) {
            if (!ProblemMapper.databaseUnavailable(e)) {
                throw e;
            }
            LOG.warnf("The inbox: the database is unavailable (%s); what is waiting is processed on the next run", RelayLoop.describe(e));
        }
        return done;
    }

    /** Null: nothing due. True: one item processed. False: one failed and backs off. */
    private Boolean processOne() {
        InboxHandler.InboxItem[] claimed = new InboxHandler.InboxItem[1];
        String[] trace = new String[1];
        Span[] span = new Span[1];
        try {
            Boolean done = QuarkusTransaction.requiringNew().call(() -> {
                InboxHandler.InboxItem item = claim(trace);
                if (item == null) {
                    return null;
                }
                claimed[0] = item;
                InboxHandler handler = handlers.get(item.kind());
                if (handler == null) {
                    throw new IllegalStateException("no inbox handler for the kind " + item.kind() + " in this replica");
                }
                span[0] = tracer.spanBuilder("inbox " + item.kind()).setParent(Traces.continuing(trace[0]))
                        .setAttribute("inbox.item", item.id()).setAttribute("inbox.attempt", (long) item.attempts() + 1).startSpan();
                try (Scope current = span[0].makeCurrent()) {
                    handler.handle(item);
                }
                entityManager.createNativeQuery("delete from inbox_item where id = :id").setParameter("id", item.id()).executeUpdate();
                return Boolean.TRUE;
            });
            if (done != null) {
                counter(processed, "support.inbox.processed", claimed[0].kind(), "Items processed (their effect committed)");
            }
            return done;
        } catch (RuntimeException e) {
            if (span[0] != null) {
                span[0].setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            }
            if (claimed[0] == null || ProblemMapper.databaseUnavailable(e)) {
                throw e;
            }
            failed(claimed[0], e);
            return Boolean.FALSE;
        } finally {
            if (span[0] != null) {
                span[0].end();
            }
        }
    }

    private InboxHandler.InboxItem claim(String[] trace) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("""
                select i.id, i.kind, i.ordering_key, i.payload, i.received_at, i.attempts, i.traceparent
                  from inbox_item i
                 where i.next_attempt_at <= :now
                   and not exists (select 1 from inbox_item earlier
                                    where earlier.kind = i.kind and earlier.ordering_key = i.ordering_key and earlier.id < i.id)
                 order by i.id
                 limit 1
                 for update skip locked
                """).setParameter("now", clock.instant()).getResultList();
        if (rows.isEmpty()) {
            return null;
        }
        Object[] row = rows.get(0);
        trace[0] = (String) row[6];
        return new InboxHandler.InboxItem(((Number) row[0]).longValue(), (String) row[1], (String) row[2], (String) row[3], instant(row[4]),
                ((Number) row[5]).intValue());
    }

    /** Its transaction rolled back: counts the attempt and backs off, in a transaction of its own. */
    private void failed(InboxHandler.InboxItem item, RuntimeException e) {
        int attempts = item.attempts() + 1;
        Instant next = clock.instant().plus(RelayLoop.backoff(config.backoffBase(), config.callBackoffMax(), attempts));
        String error = RelayLoop.describe(e);
        counter(failed, "support.inbox.failed", item.kind(), "Attempts to process an item that failed and will be retried");
        try {
            QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                    "update inbox_item set attempts = :attempts, next_attempt_at = :next, last_error = :error where id = :id")
                    .setParameter("attempts", attempts).setParameter("next", next).setParameter("error", error).setParameter("id", item.id())
                    .executeUpdate());
        } catch (RuntimeException again) {
            LOG.warnf("inbox %s %d: its failure could not be recorded (%s); it is tried again at once", item.kind(), item.id(), RelayLoop.describe(again));
        }
        if (attempts >= config.maxAttempts()) {
            LOG.errorf("inbox %s %d (%s) failed %d times and is still retried (next at %s); items of its key wait behind it: %s", item.kind(),
                    item.id(), item.orderingKey(), attempts, next, error);
        } else {
            LOG.warnf("inbox %s %d (%s) attempt %d failed, next at %s: %s", item.kind(), item.id(), item.orderingKey(), attempts, next, error);
        }
    }

    private void counter(Map<String, Counter> counters, String name, String kind, String description) {
        counters.computeIfAbsent(kind, k -> Counter.builder(name).tag("kind", k).description(description).register(registry)).increment();
    }

    private void refreshGauges() {
        try {
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                    .createNativeQuery("select count(*), min(received_at) from inbox_item").getSingleResult());
            pending.set(((Number) row[0]).longValue());
            Instant oldest = instant(row[1]);
            oldestSeconds.set(oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toSeconds()));
        } catch (RuntimeException e) {
            // the gauges keep their last value; the next run refreshes them
        }
    }

    /** The id of the item a claim would take now, in a transaction rolled back at once: what another replica may take (tests). */
    Long claimableNow() {
        String[] trace = new String[1];
        QuarkusTransaction.begin();
        try {
            InboxHandler.InboxItem item = claim(trace);
            return item == null ? null : item.id();
        } finally {
            QuarkusTransaction.rollback();
        }
    }

    /** One page of the items waiting, oldest first (the admin API). */
    public List<InboxResource.InboxItemView> list(int page, int size) {
        return QuarkusTransaction.requiringNew().call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(VIEW_COLUMNS + " order by id limit :size offset :offset")
                    .setParameter("size", size).setParameter("offset", (long) page * size).getResultList();
            return rows.stream().map(Inbox::view).toList();
        });
    }

    /** Makes a waiting item due now (an operator fixed its cause); empty when no such item waits. The workers are woken. */
    public java.util.Optional<InboxResource.InboxItemView> dueNow(long id) {
        java.util.Optional<InboxResource.InboxItemView> item = QuarkusTransaction.requiringNew().call(() -> {
            entityManager.createNativeQuery("update inbox_item set next_attempt_at = :now where id = :id").setParameter("now", clock.instant())
                    .setParameter("id", id).executeUpdate();
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(VIEW_COLUMNS + " where id = :id").setParameter("id", id).getResultList();
            if (!rows.isEmpty() && config.wakeOnCommit()) {
                entityManager.createNativeQuery("select count(*) from (select pg_notify(:channel, :wake)) woken")
                        .setParameter("channel", OutboxWakeUp.CHANNEL).setParameter("wake", WAKE).getSingleResult();
            }
            return rows.stream().map(Inbox::view).findFirst();
        });
        return item;
    }

    private static final String VIEW_COLUMNS = "select id, kind, ordering_key, length(payload), received_at, attempts, next_attempt_at, last_error"
            + " from inbox_item";

    private static InboxResource.InboxItemView view(Object[] row) {
        return new InboxResource.InboxItemView(((Number) row[0]).longValue(), (String) row[1], (String) row[2], ((Number) row[3]).intValue(),
                instant(row[4]), ((Number) row[5]).intValue(), instant(row[6]), (String) row[7]);
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof Instant instant ? instant : ((java.time.OffsetDateTime) value).toInstant();
    }

    /** Items not yet processed (for tests and the bench). */
    public long waiting() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from inbox_item")
                .getSingleResult()).longValue());
    }

    void beginStop() {
        stopping = true;
    }

    boolean awaitStopped(Duration within) {
        if (helpers != null) {
            helpers.shutdown();
        }
        try {
            if (running.tryLock(within.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
                return true;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.warnf("The inbox worker is still processing after %s; its item's transaction rolls back and another replica takes it", within);
        return false;
    }
}
