package uk.gov.paas.support.kernel.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
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
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;

import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.ConfigOverride;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.kernel.testing.RecordingCallSender;

/**
 * How relays claim, send and record, row by row, so that a killed relay resends at most what it had in flight, a
 * stopping one resends nothing, a slow-answering server gets a bounded number of copies and a call is never given up.
 */
@QuarkusTest
class RelayClaimsTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxCallRelay calls;
    @Inject
    OutboxRelay emails;
    @Inject
    RecordingCallSender target;
    @Inject
    MutableClock clock;
    @Inject
    OutboxConfig config;
    @Inject
    SmtpConfig smtpConfig;
    @Inject
    EntityManager entityManager;
    @Inject
    @Any
    Instance<CallSender> senders;
    @Inject
    MeterRegistry registry;
    @Inject
    Tracer tracer;

    private final ExecutorService background = Executors.newCachedThreadPool();

    @BeforeEach
    void empty() {
        QuarkusTransaction.requiringNew().run(() -> entityManager
                .createNativeQuery("delete from outbox_message; delete from outbox_call").executeUpdate());
        target.reset();
        GreenMailTestResource.startSmtp();
        clock.set(Instant.parse("2026-12-04T03:00:00Z"));
    }

    @AfterEach
    void realTime() {
        target.release();
        background.shutdownNow();
        clock.reset();
    }

    private void queue(String... keys) {
        QuarkusTransaction.requiringNew().run(() -> {
            for (String key : keys) {
                outbox.call(new OutgoingCall(key, RecordingCallSender.TARGET, "page", "{}"));
            }
        });
    }

    private OutboxCall call(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("idempotencyKey", key).singleResult());
    }

    /** The call relay of another replica: the same table and senders, its own claims. */
    private OutboxCallRelay anotherReplica() {
        return new OutboxCallRelay(entityManager, senders, config, clock, registry, tracer);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited 30 s for: " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void theAttemptAndTheClaimAreCommittedBeforeTheSend() throws Exception {
        queue("claim/1");
        target.hold();
        Future<OutboxRelay.RelayResult> run = background.submit(calls::relayDue);
        await("the call in flight", () -> target.inFlight() == 1);

        OutboxCall during = call("claim/1");
        assertEquals(OutboxStatus.PENDING, during.status);
        assertEquals(1, during.attempts, "the attempt is on record while the send is still going");
        assertEquals(calls.loop().me(), during.claimedBy);
        assertEquals(clock.instant().plus(config.claimFor()), during.nextAttemptAt, "claimed until the lease ends");

        target.release();
        assertEquals(1, run.get(30, TimeUnit.SECONDS).sent());
        OutboxCall after = call("claim/1");
        assertEquals(OutboxStatus.SENT, after.status);
        assertEquals(1, after.attempts);
    }

    @Test
    void eachOutcomeIsCommittedAsSoonAsItsReceiverAnswers() throws Exception {
        queue("fast/1", "slow/1");
        target.hold("slow/1");
        Future<OutboxRelay.RelayResult> run = background.submit(calls::relayDue);
        // the slow call may reach its receiver after the fast one was recorded (each is claimed, then handed to a caller
        // thread): wait for both, which can only happen together if the fast outcome did not wait for the slow one
        await("the fast call recorded while the slow one is in flight",
                () -> call("fast/1").status == OutboxStatus.SENT && target.inFlight() == 1);
        assertEquals(1, target.inFlight(), "the slow call is still waiting for its answer");
        assertEquals(OutboxStatus.PENDING, call("slow/1").status);
        target.release("slow/1");
        assertEquals(2, run.get(30, TimeUnit.SECONDS).sent());
    }

    @Test
    void aRowClaimedByARelayThatDiedIsClaimedAgainOnlyWhenItsLeaseEnds() {
        queue("orphan/1");
        Instant leaseEnd = clock.instant().plus(config.claimFor());
        // what a relay killed mid-send leaves: the attempt and its claim committed, no outcome
        QuarkusTransaction.requiringNew().run(() -> OutboxCall.update(
                "attempts = 1, claimedBy = 'killed relay', nextAttemptAt = ?1 where idempotencyKey = 'orphan/1'", leaseEnd));

        assertEquals(0, calls.relayDue().claimed(), "nobody takes a row while another relay's claim lasts");
        assertEquals(0, target.made().size());
        clock.set(leaseEnd);
        assertEquals(1, calls.relayDue().sent(), "the lease has passed: another relay sends it");
        OutboxCall sent = call("orphan/1");
        assertEquals(2, sent.attempts, "both attempts are on record");
        assertEquals(calls.loop().me(), sent.claimedBy);
        assertEquals(1, target.timesMade("orphan/1"));
    }

    @Test
    void aSendSlowerThanItsLeaseIsNeverTakenOverWhileItGoes() throws Exception {
        queue("slow-lease/1");
        OutboxCallRelay other = anotherReplica();
        target.hold();
        Future<OutboxRelay.RelayResult> first = background.submit(other::relayDue);
        await("the call in flight", () -> target.inFlight() == 1);
        clock.advance(config.claimFor().plusSeconds(1));
        // the row is locked by the transaction of its send, so even past its lease a second relay skips it
        Future<OutboxRelay.RelayResult> second = background.submit(calls::relayDue);
        assertEquals(0, second.get(30, TimeUnit.SECONDS).claimed());
        target.release();
        assertEquals(1, first.get(30, TimeUnit.SECONDS).sent());
        assertEquals(1, target.timesMade("slow-lease/1"));
        assertEquals(OutboxStatus.SENT, call("slow-lease/1").status);
    }

    @Test
    void oneRunAtATimePerRelayAndAWakeUpDuringARunMakesItLookAgain() throws Exception {
        queue("first/1");
        target.hold("first/1");
        Future<OutboxRelay.RelayResult> run = background.submit(calls::relayDue);
        await("the first call in flight", () -> target.inFlight() == 1);
        queue("second/1");
        assertEquals(OutboxRelay.RelayResult.NONE, calls.relayDue(), "a second run in the same replica does nothing but ask for another look");
        target.release("first/1");
        assertEquals(2, run.get(30, TimeUnit.SECONDS).sent(), "the run in flight looked again and sent what came meanwhile");
    }

    @Test
    void onStopTheRelayFinishesAndRecordsWhatIsInFlightAndClaimsNothingMore() throws Exception {
        int inFlight = config.callConcurrency();
        String[] keys = IntStream.range(0, inFlight + 4).mapToObj(i -> "stop/" + i).toArray(String[]::new);
        queue(keys);
        OutboxCallRelay stopping = anotherReplica();
        target.hold();
        Future<OutboxRelay.RelayResult> run = background.submit(stopping::relayDue);
        await(inFlight + " calls in flight", () -> target.inFlight() == inFlight);

        stopping.loop().beginStop();
        Future<Boolean> stopped = background.submit(() -> stopping.loop().awaitStopped(Duration.ofSeconds(20)));
        Thread.sleep(200);
        assertFalse(stopped.isDone(), "the stop waits for the sends in flight");
        target.release();
        assertTrue(stopped.get(30, TimeUnit.SECONDS), "stopped within support.outbox.stop-within");
        assertEquals(inFlight, run.get(30, TimeUnit.SECONDS).sent());
        assertEquals(OutboxRelay.RelayResult.NONE, stopping.relayDue(), "a stopped relay claims nothing");

        QuarkusTransaction.requiringNew().run(() -> {
            List<OutboxCall> rows = OutboxCall.listAll();
            long sent = rows.stream().filter(row -> row.status == OutboxStatus.SENT).count();
            assertEquals(inFlight, sent, "what was in flight is recorded sent");
            for (OutboxCall row : rows) {
                if (row.status != OutboxStatus.SENT) {
                    assertEquals(OutboxStatus.PENDING, row.status);
                    assertEquals(0, row.attempts, "never claimed: " + row.idempotencyKey);
                    assertNull(row.claimedBy, row.idempotencyKey);
                    assertFalse(row.nextAttemptAt.isAfter(clock.instant()), "due at once for the other replicas: " + row.idempotencyKey);
                }
            }
        });
        assertEquals(inFlight, target.made().size(), "nothing was sent twice");
        assertEquals(4, calls.relayDue().sent(), "another replica sends the rest at once");
    }

    @Test
    void aFailedCommitAfterTheSendIsRecordedAgainSoTheRowIsNotSentTwice() throws Exception {
        queue("commit/1");
        target.hold();
        Future<OutboxRelay.RelayResult> run = background.submit(calls::relayDue);
        await("the call in flight", () -> target.inFlight() == 1);
        // PostgreSQL loses the connection of the send's transaction (a restart, a failover) while the receiver works
        int terminated = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("""
                select count(pg_terminate_backend(pid)) from pg_stat_activity
                 where datname = current_database() and pid <> pg_backend_pid() and state = 'idle in transaction'
                """).getSingleResult()).intValue());
        assertEquals(1, terminated, "the send's own transaction holds the row");
        target.release();
        run.get(60, TimeUnit.SECONDS);

        OutboxCall recorded = call("commit/1");
        assertEquals(OutboxStatus.SENT, recorded.status, "recorded by a later try: " + recorded.lastError);
        assertEquals(1, recorded.attempts);
        assertEquals("ok page", recorded.result);
        clock.advance(config.claimFor().multipliedBy(2));
        assertEquals(0, calls.relayDue().claimed());
        assertEquals(1, target.timesMade("commit/1"), "made once");
    }

    @Test
    void aClaimWhoseTransactionFailedBeforeTheSendIsHandedBackAtOnceNotAfterItsLease() throws Exception {
        queue("blip/1");
        long id = calls.loop().claimOne();
        // another transaction holds the row, so the turn's locking read waits; PostgreSQL then drops the turn's
        // connection (a restart, a failover) before anything was sent
        java.util.concurrent.CountDownLatch locked = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch unlock = new java.util.concurrent.CountDownLatch(1);
        Future<?> holder = background.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("select id from outbox_call where id = :id for update").setParameter("id", id).getResultList();
            locked.countDown();
            try {
                unlock.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        locked.await(30, TimeUnit.SECONDS);
        Future<RelayLoop.Outcome> turn = background.submit(() -> calls.loop().turnClaimed(id));
        String waiting = "select count(pg_terminate_backend(pid)) from pg_stat_activity where datname = current_database() "
                + "and pid <> pg_backend_pid() and wait_event_type = 'Lock'";
        await("the turn waiting for the row", () -> QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery(waiting.replace("count(pg_terminate_backend(pid))", "count(*)")).getSingleResult()).intValue()) == 1);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery(waiting).getSingleResult()).intValue()));
        unlock.countDown();
        holder.get(30, TimeUnit.SECONDS);
        assertEquals(RelayLoop.Outcome.NOT_RECORDED, turn.get(30, TimeUnit.SECONDS));

        OutboxCall handedBack = call("blip/1");
        assertEquals(OutboxStatus.PENDING, handedBack.status);
        assertNull(handedBack.claimedBy, "no longer claimed");
        assertEquals(0, handedBack.attempts, "nothing was sent, so no attempt is counted");
        assertFalse(handedBack.nextAttemptAt.isAfter(clock.instant()), "due at once, not at the end of the lease");
        assertTrue(handedBack.lastError.startsWith("claimed but not sent"), handedBack.lastError);
        assertEquals(List.of(), target.made(), "nothing reached the receiver");
        assertEquals(1, calls.relayDue().sent(), "sent by the next run, with no wait for the lease");
        assertEquals(1, target.timesMade("blip/1"));
    }

    @Test
    void aCallWhoseReceiverFailsIsNeverGivenUpAndItsBackoffIsCapped() {
        queue("down/1");
        target.mode(RecordingCallSender.Mode.FAIL);
        for (int attempt = 1; attempt <= config.maxAttempts() + 3; attempt++) {
            assertEquals(new OutboxRelay.RelayResult(0, 1, 0), calls.relayDue(), "attempt " + attempt);
            Duration wait = Duration.between(clock.instant(), call("down/1").nextAttemptAt);
            assertTrue(wait.compareTo(config.callBackoffMax()) <= 0, "attempt " + attempt + " waits " + wait);
            clock.advance(wait);
        }
        OutboxCall stillTrying = call("down/1");
        assertEquals(OutboxStatus.PENDING, stillTrying.status, "a call is dead only when its receiver refuses it");
        assertEquals(config.maxAttempts() + 3, stillTrying.attempts);
        target.mode(RecordingCallSender.Mode.ACCEPT);
        assertEquals(1, calls.relayDue().sent(), "it goes out once the receiver is back");
    }

    @Test
    void anUndeliveredCallShowsInReadinessAndTheOverdueGaugeWhileReadinessStaysUp() {
        queue("late/1");
        target.mode(RecordingCallSender.Mode.FAIL);
        calls.relayDue();
        given().get("/q/health/ready").then().statusCode(200)
                .body("checks.find { it.name == 'outbox' }.data.callOverdue", equalTo(0));

        clock.advance(config.overdueAfter().plusSeconds(1));
        calls.relayDue();
        assertEquals(1, registry.get("support.outbox.overdue").tag("kind", "call").gauge().value());
        given().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.status", equalTo("UP"))
                .body("checks.find { it.name == 'outbox' }.data.callOverdue", equalTo(1))
                .body("checks.find { it.name == 'outbox' }.data.warning", containsString("undelivered for more than 5 min"));

        target.mode(RecordingCallSender.Mode.ACCEPT);
        clock.advance(config.callBackoffMax());
        calls.relayDue();
        assertEquals(0, registry.get("support.outbox.overdue").tag("kind", "call").gauge().value());
    }

    @Test
    void anEmailWhoseSendsTimeOutAfterTheServerTookItIsParkedAfterTheSecondCopy() throws Exception {
        try (SlowAnsweringSmtp slow = new SlowAnsweringSmtp(3000)) {
            SmtpConfig toSlow = ConfigOverride.of(SmtpConfig.class, smtpConfig,
                    Map.of("host", "127.0.0.1", "port", slow.port(), "readTimeout", Duration.ofMillis(800), "startTls", SmtpConfig.StartTls.DISABLED));
            OutboxRelay relay = new OutboxRelay(entityManager, new SmtpSender(toSlow, clock), toSlow, config, clock, registry, tracer);
            double parked = registry.get("support.outbox.parked").tag("kind", "email").counter().count();
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("slow/1", "oncall@example.org", "Page", "Body")));

            assertEquals(new OutboxRelay.RelayResult(0, 1, 0), relay.relayDue(), "first copy: no answer in time, retried once");
            clock.advance(config.backoffBase());
            assertEquals(new OutboxRelay.RelayResult(0, 0, 1), relay.relayDue(), "second copy: parked");
            clock.advance(config.backoffMax());
            assertEquals(0, relay.relayDue().claimed(), "a parked email is not tried again by itself");

            OutboxMessage row = QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find("idempotencyKey", "slow/1").singleResult());
            assertEquals(OutboxStatus.DEAD, row.status);
            assertEquals(2, row.attempts);
            assertEquals(2, row.timeouts);
            assertTrue(row.lastError.startsWith("parked after 2 sends with no answer in time"), row.lastError);
            assertNotNull(row.deadAt);
            assertEquals(parked + 1, registry.get("support.outbox.parked").tag("kind", "email").counter().count());
            assertEquals(List.of(row.messageId, row.messageId), slow.taken(), "the server took two copies, with one Message-ID, and no more");
        }
    }

    @Test
    void aLeaseNoLongerThanTheSlowestSmtpSendStopsStartUp() {
        OutboxConfig shortLease = ConfigOverride.of(OutboxConfig.class, config, Map.of("claimFor", Duration.ofSeconds(30)));
        SmtpConfig slowSmtp = ConfigOverride.of(SmtpConfig.class, smtpConfig,
                Map.of("connectTimeout", Duration.ofSeconds(10), "readTimeout", Duration.ofSeconds(15)));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new OutboxRelay(entityManager, new SmtpSender(slowSmtp, clock), slowSmtp, shortLease, clock, registry, tracer));
        assertTrue(refused.getMessage().contains("support.outbox.claim-for (PT30S) must be longer"), refused.getMessage());
    }
}
