package uk.gov.paas.support.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.kernel.testing.RecordingCallSender;

/** Emails and calls go through the one relay loop: the same outcomes, recorded the same way, on one set of meters told apart by kind. */
@QuarkusTest
class RelayLoopTest {

    @Inject
    OutboxRelay emails;
    @Inject
    OutboxCallRelay calls;
    @Inject
    MeterRegistry registry;
    @Inject
    Outbox outbox;
    @Inject
    OutboxConfig config;
    @Inject
    RecordingCallSender target;
    @Inject
    MutableClock clock;

    @BeforeEach
    void empty() {
        clock.set(Instant.parse("2026-12-02T10:00:00Z"));
        target.reset();
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.getEntityManager()
                .createNativeQuery("delete from outbox_message; delete from outbox_call").executeUpdate());
    }

    @AfterEach
    void realTime() {
        GreenMailTestResource.startSmtp();
        target.reset();
        clock.reset();
    }

    private double counter(String name, String kind) {
        return registry.get(name).tag("kind", kind).counter().count();
    }

    private double gauge(String name, String kind) {
        return registry.get(name).tag("kind", kind).gauge().value();
    }

    @Test
    void bothKindsShareOneLoopAndOneSetOfMetersWithAKindLabel() {
        double emailsSent = counter("support.outbox.sent", "email");
        double callsSent = counter("support.outbox.sent", "call");
        double callsFailed = counter("support.outbox.failed", "call");
        double emailsFailed = counter("support.outbox.failed", "email");
        double callsDead = counter("support.outbox.dead", "call");
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(OutgoingEmail.text("loop/email-1", "tenant@example.org", "Ticket received", "Body"));
            outbox.call(new OutgoingCall("loop/ok", RecordingCallSender.TARGET, "page", "{}"));
            outbox.call(new OutgoingCall("loop/down", RecordingCallSender.TARGET, "page", "{}"));
            outbox.call(new OutgoingCall("loop/refused", RecordingCallSender.TARGET, "page", "{}"));
        });
        target.mode("loop/down", RecordingCallSender.Mode.FAIL);
        target.mode("loop/refused", RecordingCallSender.Mode.REFUSE);

        assertEquals(new OutboxRelay.RelayResult(1, 0, 0), emails.relayDue());
        assertEquals(new OutboxRelay.RelayResult(1, 1, 1), calls.relayDue());

        assertEquals(emailsSent + 1, counter("support.outbox.sent", "email"));
        assertEquals(emailsFailed, counter("support.outbox.failed", "email"));
        assertEquals(callsSent + 1, counter("support.outbox.sent", "call"));
        assertEquals(callsFailed + 1, counter("support.outbox.failed", "call"));
        assertEquals(callsDead + 1, counter("support.outbox.dead", "call"));
        assertEquals(0, gauge("support.outbox.pending", "email"));
        assertEquals(1, gauge("support.outbox.pending", "call"), "the failed call waits for its backoff");
        assertEquals(1, gauge("support.outbox.dead.waiting", "call"), "the refused call is dead at once");
        assertEquals(0, gauge("support.outbox.dead.waiting", "email"));

        // the same backoff rule for both kinds: the failed call is retried after backoff-base, not before
        clock.advance(config.backoffBase().minusSeconds(1));
        assertEquals(0, calls.relayDue().claimed());
        clock.advance(java.time.Duration.ofSeconds(1));
        assertEquals(1, calls.relayDue().failed());
        assertEquals(config.backoffBase().toSeconds(), gauge("support.outbox.oldest.pending.age.seconds", "call"), "queued when the first attempt failed");
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxCall down = OutboxCall.find("idempotencyKey", "loop/down").singleResult();
            assertEquals(2, down.attempts);
            assertEquals(clock.instant().plus(RelayLoop.backoff(config.backoffBase(), config.callBackoffMax(), 2)), down.nextAttemptAt);
        });
    }
}
