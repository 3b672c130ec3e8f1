package uk.gov.paas.support.kernel.outbox;

import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.problem.ProblemMapper;
import uk.gov.paas.support.kernel.tracing.Traces;

/**
 * The one outbox relay loop, for every {@link OutboxKind}. Row by row it:
 * <ol>
 * <li><b>claims</b> the next due row ({@code FOR UPDATE SKIP LOCKED}, so relays in any number of threads and pods
 * share one queue) and commits the claim with the attempt counted: {@code attempts + 1}, {@code claimed_by} this relay,
 * {@code next_attempt_at} the end of a lease ({@code support.outbox.claim-for}). The outbox therefore always shows how
 * often a row was tried, and a row whose relay was killed mid-send is claimed again once its lease has passed;</li>
 * <li><b>sends</b> it, in a transaction that holds the row's lock (so a cancellation waits for the send rather than
 * racing it, and a row that was cancelled or claimed by another relay meanwhile is skipped);</li>
 * <li><b>records</b> the outcome in that same transaction as soon as the receiver has answered: sent; failed and
 * retried after a backoff; or dead (an email after {@code support.outbox.max-attempts}, an email parked after
 * {@code support.outbox.park-after-timeouts} unanswered sends, any row the receiver refused as wrong). A call whose
 * receiver fails or cannot be reached is never dead ({@link OutboxKind#neverGivenUp}). If that commit fails (PostgreSQL
 * went away), the outcome is recorded again in fresh transactions until the lease ends, so a message that went out is
 * not sent again. If the transaction fails before the send, the claim is handed back as soon as the database answers,
 * so the row is due again at once rather than after its lease.</li>
 * </ol>
 * A killed relay therefore resends at most what it had in flight (at most {@code email-concurrency} emails, each with its
 * Message-ID; for calls, whose receiver honours the idempotency key, at most {@code call-concurrency}); a stopping one ({@link #stop}) starts nothing new, finishes and
 * records what is in flight, and resends nothing. One run at a time per relay and replica: a wake-up during a run makes
 * the run look once more instead of starting a second one. It keeps the kind's meters ({@link OutboxMetrics}). Each
 * send runs in a span continuing the trace of the work that queued the row (its stored {@code traceparent}).
 */
final class RelayLoop<R extends OutboxRow> {

    private static final Logger LOG = Logger.getLogger(RelayLoop.class);

    /** A send slower than this is logged: it delays what is queued behind it. */
    private static final long SLOW_MILLIS = 2000;
    /** Pause between two tries to record an outcome whose commit failed. */
    private static final long RECORD_RETRY_MILLIS = 250;

    /**
     * What the loop claims from: the kind's table and entity, and its name ({@code kind} label of the meters, word in logs
     * and thread names). With no caller threads, sends run one after another on the relay's own thread, in queue order;
     * with caller threads, up to that many at once, each claimed, sent and recorded on its caller thread.
     */
    record Table<R extends OutboxRow>(String kind, String name, Class<R> rows, int callerThreads) {
    }

    /** How one row's turn ended. */
    enum Outcome {
        SENT, RETRY, DEAD, PARKED, SKIPPED, NOT_RECORDED
    }

    private final Table<R> table;
    private final OutboxKind<R> kind;
    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;
    private final OutboxMetrics metrics;
    private final Tracer tracer;
    /** This relay's name in {@code claimed_by}: another process, or this one after a restart, is another relay. */
    private final String me;
    /** Where the sends of a kind with caller threads run; null: on the relay's own thread. */
    private final ExecutorService callers;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean again = new AtomicBoolean();
    private volatile boolean stopping;

    RelayLoop(Table<R> table, OutboxKind<R> kind, EntityManager entityManager, OutboxConfig config, Clock clock, MeterRegistry registry,
            Tracer tracer) {
        this.table = table;
        this.tracer = tracer;
        this.kind = kind;
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.metrics = new OutboxMetrics(registry, entityManager, clock, config, table.kind(), table.name());
        this.me = relayName(table.kind());
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

    /**
     * Sends everything due now, row by row; rows that fail are rescheduled later, so a run always ends. If a run is
     * already going in this replica, it is asked to look once more and this returns at once with nothing done.
     */
    OutboxRelay.RelayResult relayDue() {
        if (stopping) {
            return OutboxRelay.RelayResult.NONE;
        }
        if (!running.tryLock()) {
            again.set(true);
            return OutboxRelay.RelayResult.NONE;
        }
        try {
            OutboxRelay.RelayResult total = OutboxRelay.RelayResult.NONE;
            do {
                again.set(false);
                try {
                    total = total.plus(callerThreadsOrHere());
                } catch (RuntimeException e) {
                    if (!ProblemMapper.databaseUnavailable(e)) {
                        throw e;
                    }
                    // every row it held is claimed or recorded already, or claimed again when its lease ends
                    LOG.warnf("The %s relay: the database is unavailable (%s); what is due is sent on the next run", table.kind(), describe(e));
                    return total;
                }
            } while (again.get() && !stopping);
            if (!stopping) {
                metrics.refreshQueueGauges();
            }
            return total;
        } finally {
            running.unlock();
        }
    }

    OutboxMetrics metrics() {
        return metrics;
    }

    /** The name this relay claims rows under. */
    String me() {
        return me;
    }

    private OutboxRelay.RelayResult callerThreadsOrHere() {
        Tally tally = new Tally();
        try (OutboxKind.Sending<R> sending = kind.open()) {
            if (callers == null) {
                // one after another, in queue order, over the kind's one connection
                for (int n = 0; n < config.maxPerRun() && !stopping; n++) {
                    Long id = claimOne();
                    if (id == null) {
                        break;
                    }
                    Outcome outcome = turn(id, sending, tally);
                    if (tally.timedOut.get()) {
                        // a receiver that stopped answering would stall every row behind this one: they wait for the next run
                        LOG.warnf("A %s send timed out (%s); the rest of the queue waits for the next run", table.kind(), outcome);
                        break;
                    }
                }
            } else {
                inParallel(sending, tally);
            }
        }
        return tally.result();
    }

    /** Up to {@code callerThreads} rows at once: each caller thread claims nothing, it sends and records the row it was given. */
    private void inParallel(OutboxKind.Sending<R> sending, Tally tally) {
        Semaphore free = new Semaphore(table.callerThreads());
        try {
            for (int n = 0; n < config.maxPerRun() && !stopping && !tally.timedOut.get(); n++) {
                free.acquire();
                if (stopping || tally.timedOut.get()) {
                    // it may have waited for a free caller thread while the stop came or a send timed out
                    free.release();
                    break;
                }
                Long id;
                try {
                    id = claimOne();
                } catch (RuntimeException e) {
                    free.release();
                    throw e;
                }
                if (id == null) {
                    free.release();
                    break;
                }
                try {
                    callers.execute(() -> {
                        try {
                            turn(id, sending, tally);
                        } catch (RuntimeException e) {
                            LOG.warnf("%s %d: %s", table.kind(), id, describe(e));
                        } finally {
                            free.release();
                        }
                    });
                } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
                    free.release();
                    break;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            // every call in flight is answered and recorded before the run ends
            free.acquireUninterruptibly(table.callerThreads());
        }
    }

    /**
     * Claims the next due row in a transaction of its own and commits the claim: the attempt is counted, the row is this
     * relay's until its lease ends. Null when nothing is due.
     */
    Long claimOne() {
        return QuarkusTransaction.requiringNew().call(() -> {
            Instant now = clock.instant();
            @SuppressWarnings("unchecked")
            List<Number> due = entityManager.createNativeQuery("select id from " + table.name() + """
                     where status = 'PENDING' and next_attempt_at <= :now
                    order by next_attempt_at, id
                    limit 1
                    for update skip locked
                    """).setParameter("now", now).getResultList();
            if (due.isEmpty()) {
                return null;
            }
            long id = due.get(0).longValue();
            entityManager.createNativeQuery("update " + table.name()
                    + " set attempts = attempts + 1, claimed_by = :me, next_attempt_at = :leaseEnd where id = :id")
                    .setParameter("me", me).setParameter("leaseEnd", now.plus(config.claimFor())).setParameter("id", id)
                    .executeUpdate();
            return id;
        });
    }

    /** One turn of a row this relay has claimed ({@link #claimOne}), on the calling thread (tests of what a turn does on failures). */
    Outcome turnClaimed(long id) {
        try (OutboxKind.Sending<R> sending = kind.open()) {
            return turn(id, sending, new Tally());
        }
    }

    /** What the send of one row came to: the answer still to record, or the failure. */
    private record Sent(CallSender.Made made, Exception failure) {
    }

    /**
     * One claimed row: locks it, sends it unless it was cancelled or taken over since the claim, and records the
     * outcome, all in one transaction; if that commit fails after the send, records the outcome again until the lease ends.
     */
    private Outcome turn(long id, OutboxKind.Sending<R> sending, Tally tally) {
        // the claim committed just before this: its lease ends claim-for from about now, by the clock and by the machine's time
        long leaseEndNanos = System.nanoTime() + config.claimFor().toNanos();
        Instant leaseEnd = clock.instant().plus(config.claimFor());
        Sent[] sent = new Sent[1];
        Outcome outcome;
        try {
            outcome = QuarkusTransaction.requiringNew().timeout((int) Math.max(30, config.claimFor().toSeconds())).call(() -> {
                R row = entityManager.find(table.rows(), id, LockModeType.PESSIMISTIC_WRITE);
                if (!mine(row)) {
                    return Outcome.SKIPPED;
                }
                sent[0] = send(row, sending);
                return record(row, sent[0]);
            });
        } catch (RuntimeException e) {
            if (sent[0] == null) {
                outcome = release(id, leaseEndNanos, e);
            } else {
                outcome = recordAgain(id, sent[0], leaseEnd, leaseEndNanos, e);
            }
        }
        if (sent[0] != null && sent[0].failure() != null && isTimeout(sent[0].failure())) {
            tally.timedOut.set(true);
        }
        tally.count(outcome);
        metrics.counted(outcome);
        return outcome;
    }

    /**
     * The commit of a sent row's outcome failed: tries again, each in a fresh transaction, until the lease has ended and
     * as long again. Past the lease another relay may claim the row and send it again, but trying on is safe: a try
     * records only while the row is still PENDING and claimed by this relay, under the row's lock; and it is the
     * only way not to send twice once the database is back.
     */
    private Outcome recordAgain(long id, Sent sent, Instant leaseEnd, long leaseEndNanos, RuntimeException firstFailure) {
        Instant giveUp = leaseEnd.plus(config.claimFor());
        LOG.warnf("%s %d: its outcome could not be committed (%s); trying again until %s unless another relay claims it, so it is not sent twice",
                table.kind(), id, describe(firstFailure), giveUp);
        // by the machine's own time, not the (settable) clock: the lease is measured by the database's rows, but this wait is real
        long giveUpAt = leaseEndNanos + config.claimFor().toNanos();
        Retried<Outcome> tried = untilTheDatabaseAnswers(giveUpAt, false, firstFailure, () -> QuarkusTransaction.requiringNew().call(() -> {
            R row = entityManager.find(table.rows(), id, LockModeType.PESSIMISTIC_WRITE);
            return mine(row) ? record(row, sent) : Outcome.SKIPPED;
        }));
        if (tried.result() == null) {
            LOG.errorf("%s %d: its outcome could not be recorded by %s (%s); it is claimed again and may be delivered twice",
                    table.kind(), id, giveUp, describe(tried.last()));
            return Outcome.NOT_RECORDED;
        }
        if (tried.result() == Outcome.SKIPPED) {
            // the database came back after the lease: another relay may have claimed the row and sent it again
            LOG.errorf("%s %d: its outcome could be recorded only after it was no longer this relay's (claimed again after "
                    + "its lease, or cancelled); it may be delivered twice", table.kind(), id);
        } else {
            LOG.infof("%s %d: outcome recorded on a later try (%s)", table.kind(), id, tried.result());
        }
        return tried.result();
    }

    /**
     * The transaction that was to send a claimed row failed before the send (PostgreSQL went away): nothing went out, so
     * the claim is handed back as soon as the database answers again (due at once, the attempt uncounted, the reason in
     * {@code last_error}) rather than left to its lease, which would hold a page back for up to {@code claim-for} after
     * a database blip. Tried every quarter second until the lease ends or the relay stops; a row no longer this relay's
     * is left alone. Past the lease, another relay takes the row anyway.
     */
    private Outcome release(long id, long leaseEndNanos, RuntimeException why) {
        String reason = "claimed but not sent: " + describe(why);
        Retried<Integer> tried = untilTheDatabaseAnswers(leaseEndNanos, true, why, () -> QuarkusTransaction.requiringNew().call(() -> entityManager
                .createNativeQuery("update " + table.name() + """
                         set next_attempt_at = :now, claimed_by = null, attempts = greatest(attempts - 1, 0), last_error = :reason
                        where id = :id and status = 'PENDING' and claimed_by = :me
                        """).setParameter("now", clock.instant()).setParameter("reason", reason.length() > 1000 ? reason.substring(0, 1000) : reason)
                .setParameter("id", id).setParameter("me", me).executeUpdate()));
        LOG.warnf("%s %d was claimed but not sent (%s); %s", table.kind(), id, describe(why), tried.result() == null
                ? "it is tried again when its claim ends (" + describe(tried.last()) + ")"
                : tried.result() == 1 ? "handed back, due at once" : "it is no longer this relay's");
        return Outcome.NOT_RECORDED;
    }

    /** What {@link #untilTheDatabaseAnswers} came to: the work's result, or null and the last failure. */
    private record Retried<T>(T result, RuntimeException last) {
    }

    /**
     * The one retry of the relay's own bookkeeping while PostgreSQL is away: runs {@code work} (its own transaction)
     * every quarter second until it succeeds or the machine's time passes {@code deadlineNanos} (not the settable clock:
     * this wait is real), or, if {@code untilStopping}, the relay is stopping.
     */
    private <T> Retried<T> untilTheDatabaseAnswers(long deadlineNanos, boolean untilStopping, RuntimeException first, Supplier<T> work) {
        RuntimeException last = first;
        while (System.nanoTime() < deadlineNanos && !(untilStopping && stopping)) {
            try {
                Thread.sleep(RECORD_RETRY_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            try {
                return new Retried<>(work.get(), null);
            } catch (RuntimeException e) {
                last = e;
            }
        }
        return new Retried<>(null, last);
    }

    /** Still pending and still claimed by this relay (not cancelled, not claimed by another after the lease ran out). */
    private boolean mine(R row) {
        return row != null && row.status == OutboxStatus.PENDING && me.equals(row.claimedBy);
    }

    /** Makes the attempt, in a span whose parent is the row's stored traceparent; never throws. */
    private Sent send(R row, OutboxKind.Sending<R> sending) {
        String label = table.kind() + " " + kind.label(row);
        Context queuedIn = Traces.continuing(row.traceparent);
        long started = System.nanoTime();
        Span span = tracer.spanBuilder("outbox " + table.kind() + " send").setParent(queuedIn)
                .setAttribute("outbox.row", label).setAttribute("outbox.attempt", (long) row.attempts).startSpan();
        try (Scope current = span.makeCurrent()) {
            Callable<CallSender.Made> attempt = sending.attempt(row);
            return new Sent(attempt.call(), null);
        } catch (Exception e) {
            span.setStatus(StatusCode.ERROR, e.getClass().getSimpleName());
            return new Sent(null, e);
        } finally {
            span.end();
            long millis = (System.nanoTime() - started) / 1_000_000;
            if (millis >= SLOW_MILLIS) {
                LOG.warnf("%s: slow send, %d ms", label, millis);
            }
        }
    }

    /** Writes a send's outcome into the (locked, managed) row; the caller's transaction commits it. */
    private Outcome record(R row, Sent sent) {
        Exception failure = sent.failure();
        if (failure == null) {
            try {
                String note = sent.made().record();
                row.status = OutboxStatus.SENT;
                row.sentAt = clock.instant();
                row.lastError = null;
                kind.keepNote(row, note);
                return Outcome.SENT;
            } catch (Exception e) {
                failure = e;
            }
        }
        row.lastError = kind.describeFailure(row, failure);
        if (failure instanceof CallSender.RejectedCall) {
            return dead(row, Outcome.DEAD);
        }
        if (isTimeout(failure)) {
            row.timeouts++;
            if (kind.parksAfterTimeouts() && row.timeouts >= config.parkAfterTimeouts()) {
                row.lastError = "parked after " + row.timeouts + " sends with no answer in time (each may have been delivered; "
                        + "retry it through the admin API once the receiver is checked): " + row.lastError;
                return dead(row, Outcome.PARKED);
            }
        }
        if (!kind.neverGivenUp() && row.attempts >= config.maxAttempts()) {
            return dead(row, Outcome.DEAD);
        }
        row.nextAttemptAt = clock.instant().plus(backoff(config.backoffBase(), kind.neverGivenUp() ? config.callBackoffMax() : config.backoffMax(),
                row.attempts));
        LOG.warnf("%s %s attempt %d failed, next at %s: %s", table.kind(), kind.label(row), row.attempts, row.nextAttemptAt, row.lastError);
        return Outcome.RETRY;
    }

    private Outcome dead(R row, Outcome outcome) {
        row.status = OutboxStatus.DEAD;
        row.deadAt = clock.instant();
        LOG.errorf("%s %s is %s after %d attempts: %s", table.kind(), kind.label(row), outcome == Outcome.PARKED ? "parked" : "dead",
                row.attempts, row.lastError);
        return outcome;
    }

    /**
     * Stops the relay for shutdown: no row is claimed from now on; waits up to {@code within} for the run in flight to
     * finish and record its sends. A send still going after that is recorded if it ends before the process does, and
     * otherwise claimed again after its lease.
     */
    void beginStop() {
        stopping = true;
    }

    boolean awaitStopped(Duration within) {
        boolean stopped = false;
        try {
            if (running.tryLock(within.toMillis(), TimeUnit.MILLISECONDS)) {
                running.unlock();
                stopped = true;
            } else {
                LOG.warnf("The %s relay is still sending after %s; what it has in flight is claimed again after its lease (%s)",
                        table.kind(), within, config.claimFor());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (callers != null) {
            callers.shutdown();
        }
        return stopped;
    }

    boolean stopping() {
        return stopping;
    }

    /** Delay before the next attempt after {@code attempts} failures: base, doubling, capped. The one backoff rule. */
    static Duration backoff(Duration base, Duration max, int attempts) {
        Duration delay = base;
        for (int i = 1; i < attempts && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
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

    /** pid@host and a random part: a restarted process (in a container, often pid 1 again) is another relay. */
    private static String relayName(String kind) {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "unknown-host";
        }
        String name = ProcessHandle.current().pid() + "@" + host + " " + kind + " " + UUID.randomUUID().toString().substring(0, 8);
        return name.length() > 200 ? name.substring(name.length() - 200) : name;
    }

    /** A run's counts, from whichever threads recorded its rows. */
    private static final class Tally {
        final AtomicInteger sent = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger dead = new AtomicInteger();
        final AtomicBoolean timedOut = new AtomicBoolean();

        void count(Outcome outcome) {
            switch (outcome) {
                case SENT -> sent.incrementAndGet();
                case RETRY -> failed.incrementAndGet();
                case DEAD, PARKED -> dead.incrementAndGet();
                default -> {
                }
            }
        }

        OutboxRelay.RelayResult result() {
            return new OutboxRelay.RelayResult(sent.get(), failed.get(), dead.get());
        }
    }
}
