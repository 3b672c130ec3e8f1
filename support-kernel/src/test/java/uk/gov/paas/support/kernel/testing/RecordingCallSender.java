package uk.gov.paas.support.kernel.testing;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;

/** A call target for kernel tests: records each call it is asked to make, and can be told to fail or refuse. */
@ApplicationScoped
public class RecordingCallSender implements CallSender {

    public static final String TARGET = "recorder";

    /** What the next calls do. */
    public enum Mode {
        ACCEPT, FAIL, REFUSE
    }

    private final List<String> made = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<String, Integer> perKey = new ConcurrentHashMap<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.ACCEPT);

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String send(OutboxCall call) throws Exception {
        Mode now = mode.get();
        if (now == Mode.FAIL) {
            throw new java.net.ConnectException("Connection refused (test)");
        }
        if (now == Mode.REFUSE) {
            throw new RejectedCall("400 Bad Request: severity: must be one of P1, P2, P3, P4");
        }
        made.add(call.idempotencyKey);
        perKey.merge(call.idempotencyKey, 1, Integer::sum);
        return "ok " + call.operation;
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

    public void reset() {
        made.clear();
        perKey.clear();
        mode.set(Mode.ACCEPT);
    }
}
