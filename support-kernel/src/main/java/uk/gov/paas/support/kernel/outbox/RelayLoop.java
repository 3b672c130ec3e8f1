package uk.gov.paas.support.kernel.outbox;

import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.tracing.Traces;

/**
 * The one outbox relay loop, for every {@link OutboxKind}: claims due rows batch by batch with {@code FOR UPDATE SKIP
 * LOCKED} (locked until the batch's outcome commits, so any number of relays, threads or pods, share a queue without
 * sending a row twice), makes one attempt per row through the kind's send step, and records each outcome: sent; failed
 * and retried after a backoff; or dead, after {@code support.outbox.max-attempts} or at once when the receiver refused
 * the request itself. It keeps the kind's meters ({@link OutboxMetrics}). Each send runs in a span continuing the trace
 * of the work that queued the row (its stored {@code traceparent}), so a call carries that trace to its receiver.
 */
final class RelayLoop<R extends OutboxRow> {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);

    /** A send slower than this is logged: it holds its batch's row locks and delays what is queued behind it. */
    private static final long SLOW_MILLIS = 2000;

    /**
     * What the loop claims from: the kind's table and entity, and its name ({@code kind} label of the meters, word in logs
     * and thread names). With no caller threads, sends run one after another on the relay's own thread, in queue order,
     * inside its transaction; with caller threads, up to that many at once, each with no transaction, while the relay's
     * thread waits for every answer.
     */
    record Table<R extends OutboxRow>(String kind, String name, Class<R> rows, int callerThreads) {
    }

    private final Table<R> table;
    private final OutboxKind<R> kind;
    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final Tracer tracer;
    /** Where the sends of a kind with caller threads run; null: on the relay's own thread. */
    private final ExecutorService callers;

    RelayLoop(Table<R> table, OutboxKind<R> kind, EntityManager entityManager, OutboxConfig config, Clock clock, MeterRegistry registry,
            Tracer tracer) {
        this.table = table;
        this.tracer = tracer;
        this.kind = kind;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.metrics = new OutboxMetrics(registry, entityManager, clock, table.kind(), table.name());
        if (table.callerThreads() > 0) {
            // caller threads are made when sends need them and end after a minute idle
            ThreadPoolExecutor pool = new ThreadPoolExecutor(table.callerThreads(), table.callerThreads(), 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), daemonThreads("outbox-" + table.kind() + "er-"));
            pool.allowCoreThreadTimeOut(true);
            this.callers = pool;
        } else {
            this.callers = null;
        }
    }

    /** Sends everything due now, batch by batch; rows that fail are rescheduled later, so a run always ends. */
    OutboxRelay.RelayResult relayDue() {
        OutboxRelay.RelayResult total = new OutboxRelay.RelayResult(0, 0, 0);
        for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
            // a batch holds its row locks while it sends; a timed-out send ends the batch, so this is ample
            OutboxRelay.RelayResult result = QuarkusTransaction.requiringNew().timeout(Math.max(60, config.batchSize() * 30)).call(this::oneBatch);
            total = total.plus(result);
            if (result.claimed() < config.batchSize()) {
                break;
            }
        }
        metrics.refreshQueueGauges();
        return total;
    }

    /**
     * Claims a batch and starts its attempts: one after another on this thread, or all at once on caller threads (up to
     * as many in flight as the kind has caller threads). This thread, which owns the transaction and the row locks, then records each
     * outcome, so the batch commits as one. After an attempt that timed out no further one is started: a receiver that
     * stopped answering would stall every row behind it, so those go back to the queue untried, for the next run.
     */
    private OutboxRelay.RelayResult oneBatch() {
        @SuppressWarnings("unchecked")
        List<R> due = entityManager.createNativeQuery("select * from " + table.name() + """
                 where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, id
                limit :batch
                for update skip locked
                """, table.rows())
                .setParameter("now", clock.instant())
                .setParameter("batch", config.batchSize())
                .getResultList();
        int sent = 0;
        int failed = 0;
        int dead = 0;
        try (OutboxKind.Sending<R> sending = kind.open()) {
            List<Future<CallSender.Made>> answers = new ArrayList<>(due.size());
            for (R row : due) {
                row.attempts++;
                Future<CallSender.Made> answer = start(row, sending.attempt(row));
                answers.add(answer);
                if (answer.isDone() && timedOut(answer) && answers.size() < due.size()) {
                    LOG.warnf("A %s send timed out; %d of this batch go back to the queue untried", table.kind(), due.size() - answers.size());
                    break;
                }
            }
            for (int i = 0; i < answers.size(); i++) {
                R row = due.get(i);
                try {
                    String note = answer(answers.get(i)).record();
                    row.status = OutboxStatus.SENT;
                    row.sentAt = clock.instant();
                    row.lastError = null;
                    kind.keepNote(row, note);
                    sent++;
                    metrics.sent();
                } catch (CallSender.RejectedCall e) {
                    row.lastError = kind.describeFailure(row, e);
                    markDead(row);
                    dead++;
                } catch (Exception e) {
                    row.lastError = kind.describeFailure(row, e);
                    if (row.attempts >= config.maxAttempts()) {
                        markDead(row);
                        dead++;
                    } else {
                        row.nextAttemptAt = clock.instant().plus(backoff(config, row.attempts));
                        failed++;
                        metrics.failed();
                        LOG.warnf("%s %s attempt %d failed, next at %s: %s", table.kind(), kind.label(row), row.attempts, row.nextAttemptAt, row.lastError);
                    }
                }
            }
        }
        return new OutboxRelay.RelayResult(sent, failed, dead);
    }

    /**
     * Runs one attempt here (a kind without caller threads) or hands it to a caller thread, in a span whose parent is the
     * row's stored traceparent, logging it when it was slow.
     */
    private Future<CallSender.Made> start(R row, Callable<CallSender.Made> attempt) {
        String label = table.kind() + " " + kind.label(row);
        Context queuedIn = Traces.continuing(row.traceparent);
        long attemptNumber = row.attempts;
        Callable<CallSender.Made> timed = () -> {
            long started = System.nanoTime();
            Span span = tracer.spanBuilder("outbox " + table.kind() + " send").setParent(queuedIn)
                    .setAttribute("outbox.row", label).setAttribute("outbox.attempt", attemptNumber).startSpan();
            try (Scope current = span.makeCurrent()) {
                return attempt.call();
            } catch (Exception e) {
                span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
                throw e;
            } finally {
                span.end();
                long millis = (System.nanoTime() - started) / 1_000_000;
                if (millis >= SLOW_MILLIS) {
                    LOG.warnf("%s: slow send, %d ms", label, millis);
                }
            }
        };
        if (callers != null) {
            return callers.submit(timed);
        }
        FutureTask<CallSender.Made> here = new FutureTask<>(timed);
        here.run();
        return here;
    }

    private void markDead(R row) {
        row.status = OutboxStatus.DEAD;
        row.deadAt = clock.instant();
        metrics.dead();
        LOG.errorf("%s %s is dead after %d attempts: %s", table.kind(), kind.label(row), row.attempts, row.lastError);
    }

    /** An attempt's answer, or what it threw. Interrupted (shutting down): the batch rolls back and its rows stay pending. */
    private static CallSender.Made answer(Future<CallSender.Made> answer) throws Exception {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a send's answer; the batch is rolled back", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static boolean timedOut(Future<CallSender.Made> done) {
        try {
            done.get();
            return false;
        } catch (ExecutionException e) {
            return isTimeout(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    void stop() {
        if (callers != null) {
            callers.shutdownNow();
        }
    }

    /** Delay before the next attempt after {@code attempts} failures: base, doubling, capped. The one backoff rule. */
    static Duration backoff(OutboxConfig config, int attempts) {
        Duration delay = config.backoffBase();
        for (int i = 1; i < attempts && delay.compareTo(config.backoffMax()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(config.backoffMax()) > 0 ? config.backoffMax() : delay;
    }

    /** No answer within the read timeout (or no connection within the connect timeout). */
    static boolean isTimeout(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    /** A failure and its causes, at most 1000 characters: what {@code last_error} and the logs say. */
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

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
