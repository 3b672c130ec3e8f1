package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.runtime.Startup;

/**
 * The call kind of the outbox: makes due {@code outbox_call} rows through the {@link CallSender} of their target, up to
 * {@code support.outbox.call-concurrency} at once, each caller thread with a detached copy of its row. Claiming,
 * retries, backoff and dead rows (listed and retryable through the admin API) are the {@link RelayLoop}'s, as for
 * emails; unlike an email, a call is never given up while its receiver fails ({@link #neverGivenUp}).
 */
@ApplicationScoped
@Startup // the meters exist from boot
public class OutboxCallRelay implements OutboxKind<OutboxCall> {

    private final Map<String, CallSender> senders;
    private final RelayLoop<OutboxCall> loop;

    OutboxCallRelay(EntityManager entityManager, Instance<CallSender> senders, OutboxConfig config, Clock clock, MeterRegistry registry,
            Tracer tracer) {
        this.senders = senders.stream().collect(Collectors.toMap(CallSender::target, Function.identity()));
        this.loop = new RelayLoop<>(new RelayLoop.Table<>(OutboxWakeUp.CALL, "outbox_call", OutboxCall.class, config.callConcurrency()), this,
                entityManager, config, clock, registry, tracer);
    }

    /** Makes every call due now (see {@link RelayLoop#relayDue}). */
    public OutboxRelay.RelayResult relayDue() {
        return loop.relayDue();
    }

    /** Each call goes to its target's sender, which runs {@link CallSender#make} on a caller thread with a detached copy. */
    @Override
    public Sending<OutboxCall> open() {
        return call -> {
            CallSender sender = senders.get(call.target);
            if (sender == null) {
                return () -> {
                    throw new IllegalStateException("no CallSender for target '" + call.target + "' in this service");
                };
            }
            OutboxCall detached = call.detached();
            return (Callable<CallSender.Made>) () -> sender.make(detached);
        };
    }

    @Override
    public String describeFailure(OutboxCall call, Exception e) {
        return e instanceof CallSender.RejectedCall ? "refused by " + call.target + ": " + e.getMessage() : RelayLoop.describe(e);
    }

    @Override
    public void keepNote(OutboxCall call, String note) {
        call.result = note == null ? null : note.length() > 2000 ? note.substring(0, 2000) : note;
    }

    @Override
    public String label(OutboxCall call) {
        return call.id + " (" + call.target + " " + call.operation + " " + call.idempotencyKey + ")";
    }

    /** A call's effect must not be lost: it is retried for as long as its receiver fails, dead only when refused. */
    @Override
    public boolean neverGivenUp() {
        return true;
    }

    RelayLoop<OutboxCall> loop() {
        return loop;
    }
}
