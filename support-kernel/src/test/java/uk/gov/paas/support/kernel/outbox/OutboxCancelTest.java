package uk.gov.paas.support.kernel.outbox;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.kernel.testing.RecordingCallSender;
import uk.gov.paas.support.local.DevTokens;

/** A queued email or call whose cause has ended is cancelled in that transaction, and then never sent. */
@QuarkusTest
class OutboxCancelTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxCallRelay calls;
    @Inject
    RecordingCallSender target;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void empty() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            OutboxCall.deleteAll();
        });
        target.reset();
        clock.set(Instant.parse("2026-11-28T02:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void email(String key) {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text(key, "oncall@example.org", "[P1] Page", "Wake up")));
    }

    private void call(String key) {
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall(key, RecordingCallSender.TARGET, "page", "{}")));
    }

    private static OutboxStatus emailStatus(String key) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find("idempotencyKey", key).singleResult().status);
    }

    @Test
    void cancelledEmailsAreNeverSentAndCannotBeRetried() {
        email("page/1/round-0/level-2/person-3");
        email("page/1/round-0/level-2/person-4");
        email("page/10/round-0/level-1/person-3");
        email("page/1x/other");
        int cancelled = QuarkusTransaction.requiringNew().call(() -> outbox.cancelEmails("page/1/", "page 1 was resolved"));
        assertEquals(2, cancelled, "only the keys under page/1/: not page/10/ nor page/1x");
        assertEquals(2, relay.relayDue().sent());
        assertEquals(2, GreenMailTestResource.greenMail().getReceivedMessages().length);
        assertEquals(OutboxStatus.CANCELLED, emailStatus("page/1/round-0/level-2/person-3"));
        OutboxMessage row = QuarkusTransaction.requiringNew()
                .call(() -> OutboxMessage.<OutboxMessage>find("idempotencyKey", "page/1/round-0/level-2/person-3").singleResult());
        assertEquals("page 1 was resolved", row.lastError);
        assertEquals(clock.instant(), row.cancelledAt);
        given().auth().oauth2(DevTokens.forRole("admin")).post("/api/admin/outbox/" + row.id + "/retry").then().statusCode(409);
        assertEquals(OutboxStatus.CANCELLED, emailStatus("page/1/round-0/level-2/person-3"));
    }

    @Test
    void likeWildcardsInTheKeyAreTakenLiterally() {
        email("a_b/1");
        email("axb/1");
        email("a%/1");
        email("azz/1");
        assertEquals(1, (int) QuarkusTransaction.requiringNew().call(() -> outbox.cancelEmails("a_b/", "test")));
        assertEquals(1, (int) QuarkusTransaction.requiringNew().call(() -> outbox.cancelEmails("a%", "test")));
        assertEquals(OutboxStatus.PENDING, emailStatus("axb/1"));
        assertEquals(OutboxStatus.PENDING, emailStatus("azz/1"));
    }

    @Test
    void aBlankPrefixCancelsNothing() {
        email("anything");
        assertThrows(IllegalArgumentException.class, () -> QuarkusTransaction.requiringNew().call(() -> outbox.cancelEmails(" ", "test")));
        assertEquals(OutboxStatus.PENDING, emailStatus("anything"));
    }

    @Test
    void cancelledCallsAreNeverMadeAndCannotBeRetried() {
        call("incident-7/missed-update-2026-11-28T02:00:00Z");
        call("incident-7/resolve-pages");
        int cancelled = QuarkusTransaction.requiringNew().call(() -> outbox.cancelCalls("incident-7/missed-update-", "incident 7 was resolved"));
        assertEquals(1, cancelled);
        assertEquals(1, calls.relayDue().sent());
        assertEquals(0, target.timesMade("incident-7/missed-update-2026-11-28T02:00:00Z"));
        assertEquals(1, target.timesMade("incident-7/resolve-pages"));
        long id = QuarkusTransaction.requiringNew()
                .call(() -> OutboxCall.<OutboxCall>find("idempotencyKey", "incident-7/missed-update-2026-11-28T02:00:00Z").singleResult().id);
        given().auth().oauth2(DevTokens.forRole("admin")).post("/api/admin/outbox/calls/" + id + "/retry").then().statusCode(409);
    }

    @Test
    void aCancelWaitsForARowBeingSentAndLeavesItSent() throws Exception {
        email("page/5/round-0/level-1/person-1");
        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            // stands in for a relay that has claimed the row and is talking to SMTP
            Future<?> sending = pool.submit(() -> QuarkusTransaction.requiringNew().run(() -> {
                OutboxMessage row = (OutboxMessage) entityManager.createNativeQuery(
                        "select * from outbox_message where idempotency_key = 'page/5/round-0/level-1/person-1' for update", OutboxMessage.class)
                        .getSingleResult();
                locked.countDown();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                row.status = OutboxStatus.SENT;
                row.sentAt = clock.instant();
            }));
            assertTrue(locked.await(10, TimeUnit.SECONDS));
            Future<Integer> cancel = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> outbox.cancelEmails("page/5/", "resolved")));
            Thread.sleep(300);
            assertTrue(!cancel.isDone(), "the cancel waits for the send in flight instead of skipping it");
            release.countDown();
            sending.get(10, TimeUnit.SECONDS);
            assertEquals(0, cancel.get(10, TimeUnit.SECONDS), "the row was sent before the cancel committed; it is not cancelled");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(OutboxStatus.SENT, emailStatus("page/5/round-0/level-1/person-1"));
    }
}
