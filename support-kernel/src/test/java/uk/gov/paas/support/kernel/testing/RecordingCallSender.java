package uk.gov.paas.support.kernel.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.tracing.Traces;

/**
 * A call target for kernel tests: records each call it is asked to make, and can be told to fail or refuse (all calls,
 * or those of one key), or to hold every call until released, counting how many are in flight at once.
 */
@ApplicationScoped
public class RecordingCallSender implements CallSender {

    public static final String TARGET = "recorder";

    /** What the next calls do. */
    public enum Mode {
        ACCEPT, FAIL, REFUSE
    }

    private static final Duration LONGEST_HOLD = Duration.ofSeconds(60);

    private final List<String> made = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);
    private final Map<String, Mode> modeOfKey = new ConcurrentHashMap<>();
    private final AtomicReference<CountDownLatch> hold = new AtomicReference<>();
    private final Map<String, CountDownLatch> holdOfKey = new ConcurrentHashMap<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger mostInFlight = new AtomicInteger();
    private final AtomicInteger inATransaction = new AtomicInteger();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final Map<String, String> traceparentOfKey = new ConcurrentHashMap<>();
    private final Map<String, String> loggedTraceIdOfKey = new ConcurrentHashMap<>();

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String send(OutboxCall call) throws Exception {
        int now = inFlight.incrementAndGet();
        mostInFlight.accumulateAndGet(now, Math::max);
        try {
            threads.add(Thread.currentThread().getName());
            if (QuarkusTransaction.isActive()) {
                inATransaction.incrementAndGet();
            }
            CountDownLatch gate = hold.get();
            if (gate != null && !gate.await(LONGEST_HOLD.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("held for " + LONGEST_HOLD + " and never released (test)");
            }
            CountDownLatch keyGate = holdOfKey.get(call.idempotencyKey);
            if (keyGate != null && !keyGate.await(LONGEST_HOLD.toSeconds(), TimeUnit.SECONDS)) {
                throw new IllegalStateException("held for " + LONGEST_HOLD + " and never released (test)");
            }
            Mode what = modeOfKey.getOrDefault(call.idempotencyKey, mode.get());
            if (what == Mode.FAIL) {
                throw new java.net.ConnectException("Connection refused (test)");
            }
            if (what == Mode.REFUSE) {
                throw new RejectedCall("400 Bad Request: severity: must be one of P1, P2, P3, P4");
            }
            made.add(call.idempotencyKey);
            // what a REST client sends as its traceparent header: the W3C form of the context current during the send
            String traceparent = Traces.currentTraceparent();
            if (traceparent != null) {
                traceparentOfKey.put(call.idempotencyKey, traceparent);
            }
            Object logged = org.jboss.logging.MDC.get("traceId");
            if (logged != null) {
                loggedTraceIdOfKey.put(call.idempotencyKey, logged.toString());
            }
            perKey.merge(call.idempotencyKey, 1, Integer::sum);
            return "ok " + call.operation;
        } finally {
            inFlight.decrementAndGet();
        }
    }

    /** The traceparent the call with this key would have carried to its receiver (null: none). */
    public String traceparentSent(String idempotencyKey) {
        return traceparentOfKey.get(idempotencyKey);
    }

    /** The trace id a log line written during the send of the call with this key would carry (null: none). */
    public String traceIdLogged(String idempotencyKey) {
        return loggedTraceIdOfKey.get(idempotencyKey);
    }

    public List<String> made() {
        return made;
    }

    public int timesMade(String key) {
        return perKey.getOrDefault(key, 0);
    }

    public void mode(Mode next) {
        mode.set(next);
    }

    /** What calls with this idempotency key do, whatever the mode of the others. */
    public void mode(String key, Mode next) {
        modeOfKey.put(key, next);
    }

    /** From now on every call waits, in flight, until {@link #release()}. */
    public void hold() {
        hold.set(new CountDownLatch(1));
    }

    /** From now on calls with this key wait, in flight, until {@link #release(String)} or {@link #release()}. */
    public void hold(String key) {
        holdOfKey.put(key, new CountDownLatch(1));
    }

    /** Lets the held calls with this key (and later ones) go on. */
    public void release(String key) {
        CountDownLatch gate = holdOfKey.remove(key);
        if (gate != null) {
            gate.countDown();
        }
    }

    /** Lets every held call (and every later one) go on. */
    public void release() {
        CountDownLatch gate = hold.getAndSet(null);
        if (gate != null) {
            gate.countDown();
        }
        holdOfKey.keySet().forEach(this::release);
    }

    /** Calls being made right now. */
    public int inFlight() {
        return inFlight.get();
    }

    /** The most calls ever in flight at once since the last reset. */
    public int mostInFlight() {
        return mostInFlight.get();
    }

    /** Calls made while a transaction was active on the calling thread (the one holding the call's row). */
    public int madeInATransaction() {
        return inATransaction.get();
    }

    /** The names of the threads calls were made on. */
    public List<String> threads() {
        return threads;
    }

    public void reset() {
        release();
        made.clear();
        perKey.clear();
        modeOfKey.clear();
        mode.set(Mode.ACCEPT);
        mostInFlight.set(0);
        inATransaction.set(0);
        threads.clear();
        traceparentOfKey.clear();
        loggedTraceIdOfKey.clear();
    }
}
