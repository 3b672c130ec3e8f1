package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * Makes due outbox calls through the {@link CallSender} of their target, several at once. Claimed with {@code FOR
 * UPDATE SKIP LOCKED} like emails, so replicas never make a call twice; failures are retried with the same backoff as
 * emails and end dead (listed and retryable through the admin API) after the same number of attempts.
 */
@ApplicationScoped
public class OutboxCallRelay {

    private static final Logger LOG = Logger.getLogger(OutboxCallRelay.class);

    private final EntityManager entityManager;
    private final Map<String, CallSender> senders;
    private final OutboxConfig config;
    private final Clock clock;
    private final Counter sent;
    private final Counter failed;
    private final Counter dead;
    private final ExecutorService callers;

    OutboxCallRelay(EntityManager entityManager, Instance<CallSender> senders, OutboxConfig config, Clock clock, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.senders = senders.stream().collect(Collectors.toMap(CallSender::target, Function.identity()));
        this.config = config;
        this.clock = clock;
        this.sent = Counter.builder("support.outbox.calls.sent").description("Calls to other services made").register(registry);
        this.failed = Counter.builder("support.outbox.calls.failed").description("Call attempts that failed and will be retried").register(registry);
        this.dead = Counter.builder("support.outbox.calls.dead").description("Calls that ran out of attempts or were refused").register(registry);
        // caller threads are made when calls need them and end after a minute idle
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.callConcurrency(), config.callConcurrency(), 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("outbox-caller-"));
        pool.allowCoreThreadTimeOut(true);
        this.callers = pool;
    }

    static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return work -> {
            Thread thread = new Thread(work, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Makes every call due now, batch by batch. */
    public OutboxRelay.RelayResult relayDue() {
        OutboxRelay.RelayResult total = new OutboxRelay.RelayResult(0, 0, 0);
        for (int batch = 0; batch < config.maxBatchesPerRun(); batch++) {
            OutboxRelay.RelayResult result = QuarkusTransaction.requiringNew().timeout(Math.max(60, config.batchSize() * 30)).call(this::oneBatch);
            total = total.plus(result);
            if (result.claimed() < config.batchSize()) {
                break;
            }
        }
        return total;
    }

    /**
     * Claims a batch and makes its calls at once, up to {@code support.outbox.call-concurrency} in flight: each caller
     * thread gets a detached copy of its row and only talks to the receiver; this thread, which owns the transaction and
     * the row locks, waits for every answer and records each outcome, so the batch commits as one, as before.
     */
    private OutboxRelay.RelayResult oneBatch() {
        Instant now = clock.instant();
        @SuppressWarnings("unchecked")
        List<OutboxCall> due = entityManager.createNativeQuery("""
                select * from outbox_call
                where status = 'PENDING' and next_attempt_at <= :now
                order by next_attempt_at, id
                limit :batch
                for update skip locked
                """, OutboxCall.class)
                .setParameter("now", now)
                .setParameter("batch", config.batchSize())
                .getResultList();
        List<Future<CallSender.Made>> answers = new ArrayList<>(due.size());
        for (OutboxCall call : due) {
            call.attempts++;
            CallSender sender = senders.get(call.target);
            if (sender == null) {
                answers.add(CompletableFuture.failedFuture(new IllegalStateException("no CallSender for target '" + call.target + "' in this service")));
                continue;
            }
            OutboxCall detached = call.detached();
            answers.add(callers.submit(() -> sender.make(detached)));
        }
        int ok = 0;
        int retry = 0;
        int gaveUp = 0;
        for (int i = 0; i < due.size(); i++) {
            OutboxCall call = due.get(i);
            try {
                String result = answer(answers.get(i)).record();
                call.status = OutboxStatus.SENT;
                call.sentAt = clock.instant();
                call.lastError = null;
                call.result = result == null ? null : result.length() > 2000 ? result.substring(0, 2000) : result;
                ok++;
                sent.increment();
            } catch (CallSender.RejectedCall e) {
                call.lastError = "refused by " + call.target + ": " + e.getMessage();
                markDead(call);
                gaveUp++;
            } catch (Exception e) {
                call.lastError = OutboxRelay.describe(e);
                if (call.attempts >= config.maxAttempts()) {
                    markDead(call);
                    gaveUp++;
                } else {
                    call.nextAttemptAt = clock.instant().plus(OutboxRelay.backoff(config, call.attempts));
                    retry++;
                    failed.increment();
                    LOG.warnf("Call %s (%s %s) attempt %d failed, next at %s: %s", call.id, call.target, call.idempotencyKey, call.attempts,
                            call.nextAttemptAt, call.lastError);
                }
            }
        }
        return new OutboxRelay.RelayResult(ok, retry, gaveUp);
    }

    /** The caller thread's answer, or what it threw. Interrupted (shutting down): the batch rolls back and its rows stay pending. */
    private static CallSender.Made answer(Future<CallSender.Made> answer) throws Exception {
        try {
            return answer.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a call's answer; the batch is rolled back", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    @PreDestroy
    void stopCallers() {
        callers.shutdownNow();
    }

    private void markDead(OutboxCall call) {
        call.status = OutboxStatus.DEAD;
        call.deadAt = clock.instant();
        dead.increment();
        LOG.errorf("Call %s (%s %s %s) is dead after %d attempts: %s", call.id, call.target, call.operation, call.idempotencyKey,
                call.attempts, call.lastError);
    }
}
