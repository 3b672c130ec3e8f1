package uk.gov.paas.support.kernel.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.kernel.testing.RecordingCallSender;
import uk.gov.paas.support.local.DevTokens;

/** Calls to other services through the outbox, against the real PostgreSQL, with a recording target. */
@QuarkusTest
class OutboxCallRelayTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxCallRelay relay;
    @Inject
    RecordingCallSender target;
    @Inject
    MutableClock clock;
    @Inject
    OutboxConfig config;
    @Inject
    Tracer tracer;

    @BeforeEach
    void empty() {
        QuarkusTransaction.requiringNew().run(() -> OutboxCall.deleteAll());
        target.reset();
        clock.set(Instant.parse("2026-11-28T02:00:00Z"));
    }

    @AfterEach
    void realTime() {
        target.release();
        clock.reset();
    }

    private void queue(String key) {
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall(key, RecordingCallSender.TARGET, "page", "{\"severity\":\"P1\"}")));
    }

    @Test
    void aCallCarriesTheTraceOfTheWorkThatQueuedItToItsReceiver() {
        Span cause = tracer.spanBuilder("declare incident (test)").startSpan();
        String traceId = cause.getSpanContext().getTraceId();
        try (Scope current = cause.makeCurrent()) {
            queue("traced/page-1");
        } finally {
            cause.end();
        }
        queue("untraced/page-1");
        String stored = QuarkusTransaction.requiringNew().call(
                () -> OutboxCall.<OutboxCall>find("idempotencyKey", "traced/page-1").singleResult().traceparent);
        assertEquals("00-" + traceId + "-" + cause.getSpanContext().getSpanId() + "-01", stored);
        assertNull(QuarkusTransaction.requiringNew().call(
                () -> OutboxCall.<OutboxCall>find("idempotencyKey", "untraced/page-1").singleResult().traceparent));

        assertEquals(2, relay.relayDue().sent());

        // the send runs in a span of the cause's trace, a child of the cause: that is the traceparent the receiver gets
        String sent = target.traceparentSent("traced/page-1");
        assertNotNull(sent);
        String[] parts = sent.split("-");
        assertEquals(traceId, parts[1]);
        assertFalse(parts[2].equals(cause.getSpanContext().getSpanId()), "the send is a span of its own: " + sent);
        // and a log line written during the send, on the relay's caller thread, carries that trace id
        assertEquals(traceId, target.traceIdLogged("traced/page-1"));
        // a call queued outside any trace is sent in a trace of its own
        String alone = target.traceparentSent("untraced/page-1");
        assertNotNull(alone);
        assertFalse(alone.contains(traceId), alone);
    }

    @Test
    void aCommittedCallIsMadeOnceAndARolledBackOneNever() {
        queue("incident-7/missed-update-1");
        queue("incident-7/missed-update-1");
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.call(new OutgoingCall("rolled-back", RecordingCallSender.TARGET, "page", "{}"));
            throw new IllegalStateException("the cause failed");
        }));
        assertEquals(1, relay.relayDue().sent());
        assertEquals(0, relay.relayDue().claimed());
        assertEquals(1, target.timesMade("incident-7/missed-update-1"));
        assertEquals(0, target.timesMade("rolled-back"));
    }

    @Test
    void queueingOutsideATransactionIsRefused() {
        assertThrows(jakarta.transaction.TransactionalException.class,
                () -> outbox.call(new OutgoingCall("no-tx", RecordingCallSender.TARGET, "page", "{}")));
    }

    @Test
    void aTargetThatIsDownGetsTheCallWhenItReturnsAfterTheBackoff() {
        queue("page-while-down");
        target.mode(RecordingCallSender.Mode.FAIL);
        assertEquals(1, relay.relayDue().failed());
        target.mode(RecordingCallSender.Mode.ACCEPT);
        assertEquals(0, relay.relayDue().claimed(), "nothing is retried before the backoff");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, relay.relayDue().sent());
        assertEquals(1, target.timesMade("page-while-down"));
        OutboxCall call = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("idempotencyKey", "page-while-down").singleResult());
        assertEquals(2, call.attempts);
        assertEquals("ok page", call.result);
    }

    @Test
    void aRefusedCallIsDeadAtOnceAndAnAdminCanMakeItAgain() {
        queue("refused");
        target.mode(RecordingCallSender.Mode.REFUSE);
        assertEquals(1, relay.relayDue().dead());
        long id = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("idempotencyKey", "refused").singleResult().id);
        String admin = DevTokens.forRole("admin");
        given().auth().oauth2(admin).when().get("/api/admin/outbox/calls").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].lastError", org.hamcrest.Matchers.containsString("refused by recorder"));
        target.mode(RecordingCallSender.Mode.ACCEPT);
        given().auth().oauth2(admin).when().post("/api/admin/outbox/calls/" + id + "/retry").then().statusCode(200).body("status", equalTo("PENDING"));
        assertEquals(1, relay.relayDue().sent());
        given().auth().oauth2(admin).when().post("/api/admin/outbox/calls/" + id + "/retry").then().statusCode(409);
        given().auth().oauth2(admin).queryParam("status", "LOST").when().get("/api/admin/outbox/calls").then().statusCode(400);
    }

    @Test
    void aCallForATargetThisServiceCannotReachIsRetriedNotDropped() {
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall("nowhere", "no-such-service", "page", "{}")));
        assertEquals(1, relay.relayDue().failed());
        OutboxCall call = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("idempotencyKey", "nowhere").singleResult());
        assertEquals(OutboxStatus.PENDING, call.status);
        assertTrue(call.lastError.contains("no CallSender for target 'no-such-service'"), call.lastError);
    }

    @Test
    void twoRelaysRacingMakeEachCallOnce() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, 200).forEach(i ->
                outbox.call(new OutgoingCall("race-" + i, RecordingCallSender.TARGET, "page", "{}"))));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<OutboxRelay.RelayResult> a = threads.submit(() -> {
                start.await();
                return relay.relayDue();
            });
            Future<OutboxRelay.RelayResult> b = threads.submit(() -> {
                start.await();
                return relay.relayDue();
            });
            start.countDown();
            assertEquals(200, a.get().sent() + b.get().sent());
        } finally {
            threads.shutdownNow();
        }
        assertEquals(200, target.made().size());
        assertEquals(200, target.made().stream().distinct().count());
    }

    @Test
    void callsAreMadeAtOnceUpToTheConcurrencyLimitAndNeverMore() throws Exception {
        int limit = config.callConcurrency();
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, 20).forEach(i ->
                outbox.call(new OutgoingCall("parallel-" + i, RecordingCallSender.TARGET, "page", "{}"))));
        target.hold();
        ExecutorService relayThread = Executors.newSingleThreadExecutor();
        try {
            Future<OutboxRelay.RelayResult> run = relayThread.submit(relay::relayDue);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (target.inFlight() < limit && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(limit, target.inFlight(), limit + " calls are waiting for their answers at once");
            assertFalse(run.isDone(), "a run ends only when every call it started is answered and recorded");
            target.release();
            assertEquals(new OutboxRelay.RelayResult(20, 0, 0), run.get(60, TimeUnit.SECONDS));
        } finally {
            target.release();
            relayThread.shutdownNow();
        }
        assertEquals(limit, target.mostInFlight(), "never more than support.outbox.call-concurrency at once");
        assertEquals(20, target.made().stream().distinct().count());
        assertEquals(20, target.madeInATransaction(),
                "each call is made inside its row's own transaction, which holds the row (a cancellation waits for it) and records the answer");
        assertTrue(target.threads().stream().allMatch(name -> name.startsWith("outbox-caller-")), target.threads().toString());
        QuarkusTransaction.requiringNew().run(() -> {
            List<OutboxCall> calls = OutboxCall.listAll();
            assertEquals(20, calls.size());
            for (OutboxCall call : calls) {
                assertEquals(OutboxStatus.SENT, call.status, call.idempotencyKey);
                assertEquals(1, call.attempts, call.idempotencyKey);
                assertEquals("ok page", call.result, call.idempotencyKey);
                assertNotNull(call.sentAt, call.idempotencyKey);
            }
        });
    }

    @Test
    void everyOutcomeOfOneParallelBatchIsRecordedAsItWasOneByOne() {
        Instant now = clock.instant();
        for (String key : List.of("ok-1", "ok-2", "ok-3", "down", "refused", "last-try")) {
            queue(key);
        }
        QuarkusTransaction.requiringNew().run(() -> {
            outbox.call(new OutgoingCall("no-sender", "no-such-service", "page", "{}"));
            // past the attempts after which an email is dead: a call is never given up on a receiver that fails
            OutboxCall.update("attempts = ?1 where idempotencyKey = ?2", config.maxAttempts() + 5, "last-try");
        });
        target.mode("down", RecordingCallSender.Mode.FAIL);
        target.mode("last-try", RecordingCallSender.Mode.FAIL);
        target.mode("refused", RecordingCallSender.Mode.REFUSE);

        assertEquals(new OutboxRelay.RelayResult(3, 3, 1), relay.relayDue());

        QuarkusTransaction.requiringNew().run(() -> {
            for (String key : List.of("ok-1", "ok-2", "ok-3")) {
                OutboxCall ok = byKey(key);
                assertEquals(OutboxStatus.SENT, ok.status);
                assertEquals(1, ok.attempts);
                assertEquals("ok page", ok.result);
                assertNull(ok.lastError);
            }
            OutboxCall down = byKey("down");
            assertEquals(OutboxStatus.PENDING, down.status);
            assertEquals(1, down.attempts);
            assertEquals(now.plus(config.backoffBase()), down.nextAttemptAt, "retried after the first backoff");
            assertTrue(down.lastError.contains("Connection refused"), down.lastError);
            OutboxCall noSender = byKey("no-sender");
            assertEquals(OutboxStatus.PENDING, noSender.status);
            assertTrue(noSender.lastError.contains("no CallSender for target 'no-such-service'"), noSender.lastError);
            OutboxCall refused = byKey("refused");
            assertEquals(OutboxStatus.DEAD, refused.status);
            assertEquals(now, refused.deadAt);
            assertTrue(refused.lastError.startsWith("refused by recorder: 400"), refused.lastError);
            OutboxCall lastTry = byKey("last-try");
            assertEquals(OutboxStatus.PENDING, lastTry.status, "a call whose receiver fails is never dead");
            assertEquals(config.maxAttempts() + 6, lastTry.attempts);
            assertEquals(now.plus(config.callBackoffMax()), lastTry.nextAttemptAt, "retried at the calls' capped backoff");
        });
        assertEquals(3, target.made().size());
    }

    private static OutboxCall byKey(String key) {
        return OutboxCall.<OutboxCall>find("idempotencyKey", key).singleResult();
    }
}
