package uk.gov.paas.support.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;

/** Store now, process next: what an intake answered for is stored, processed once, in order per key, and retried until it is. */
@QuarkusTest
class InboxTest {

    @Inject
    Inbox inbox;
    @Inject
    RecordingInboxHandler handler;
    @Inject
    EntityManager entityManager;
    @Inject
    MutableClock clock;

    @BeforeEach
    void empty() {
        clock.reset();
        handler.reset();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("delete from inbox_item").executeUpdate();
            OutboxMessage.deleteAll();
        });
    }

    @AfterEach
    void release() {
        handler.releaseHeld();
        clock.reset();
    }

    private long emails(String payload) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.count("idempotencyKey", "inbox/" + payload));
    }

    @Test
    void aStoredItemIsCommittedAtOnceAndProcessedOnceWithItsEffect() {
        long id = inbox.store(RecordingInboxHandler.KIND, "k", "a");
        assertTrue(id > 0);
        assertEquals(1, inbox.waiting(), "stored and committed before store returned");
        assertEquals(0, emails("a"), "nothing is processed in the request");

        assertEquals(1, inbox.processDue());
        assertEquals(List.of("a"), handler.handled());
        assertEquals(1, emails("a"), "the handler's effect committed");
        assertEquals(0, inbox.waiting(), "deleted in the same commit");
        assertEquals(0, inbox.processDue(), "and never processed again");
        assertEquals(1, emails("a"));
    }

    @Test
    void itemsAreProcessedInTheOrderStored() {
        for (String p : List.of("1", "2", "3", "4")) {
            inbox.store(RecordingInboxHandler.KIND, p.equals("3") ? "other" : "k", p);
        }
        assertEquals(4, inbox.processDue());
        assertEquals(List.of("1", "2", "3", "4"), handler.handled());
    }

    @Test
    void aFailureRollsBackItsEffectBacksOffAndHoldsBackLaterItemsOfItsKeyOnly() {
        handler.failTimes("trigger", 1);
        inbox.store(RecordingInboxHandler.KIND, "alert-1", "trigger");
        inbox.store(RecordingInboxHandler.KIND, "alert-1", "resolve");
        inbox.store(RecordingInboxHandler.KIND, "alert-2", "other");

        assertEquals(1, inbox.processDue(), "only the other key's item");
        assertEquals(List.of("other"), handler.handled());
        assertEquals(0, emails("trigger"), "the failed attempt's effect was rolled back");
        assertEquals(0, emails("resolve"), "the resolve waits for its trigger");
        Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) entityManager
                .createNativeQuery("select attempts, last_error from inbox_item where payload = 'trigger'").getSingleResult());
        assertEquals(1, ((Number) row[0]).intValue());
        assertTrue(((String) row[1]).contains("told to fail trigger"), (String) row[1]);

        assertEquals(0, inbox.processDue(), "nothing is due during the backoff");
        clock.advance(Duration.ofSeconds(31));
        assertEquals(2, inbox.processDue());
        assertEquals(List.of("other", "trigger", "resolve"), handler.handled(), "in order once the first succeeds");
        assertEquals(1, emails("trigger"));
        assertEquals(1, emails("resolve"));
    }

    @Test
    void whileOneReplicaProcessesAnItemAnotherTakesOtherKeysButNeverTheNextItemOfItsKey() throws Exception {
        handler.holdAt("trigger");
        inbox.store(RecordingInboxHandler.KIND, "alert-1", "trigger");
        inbox.store(RecordingInboxHandler.KIND, "alert-1", "resolve");
        long other = inbox.store(RecordingInboxHandler.KIND, "alert-2", "other");
        CompletableFuture<Integer> first = CompletableFuture.supplyAsync(inbox::processDue);
        assertTrue(handler.awaitHeld(), "the first replica holds the trigger");

        // what another replica's claim would take now: the trigger is locked, the resolve must wait for it
        assertEquals(other, inbox.claimableNow());

        handler.releaseHeld();
        assertEquals(3, first.get(30, TimeUnit.SECONDS));
        assertEquals(List.of("trigger", "resolve", "other"), handler.handled());
    }

    @Test
    void aRunAlreadyGoingInThisReplicaIsAskedToLookAgainInsteadOfStartingASecond() throws Exception {
        handler.holdAt("first");
        inbox.store(RecordingInboxHandler.KIND, "k", "first");
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(inbox::processDue);
        assertTrue(handler.awaitHeld());
        inbox.store(RecordingInboxHandler.KIND, "k2", "stored meanwhile");
        assertEquals(0, inbox.processDue(), "returns at once");
        handler.releaseHeld();
        assertEquals(2, running.get(30, TimeUnit.SECONDS), "the running one looked again");
        assertEquals(List.of("first", "stored meanwhile"), handler.handled());
    }

    @Test
    void anAdminSeesWhatWaitsAndWhyAndMakesAnItemDueAgainOnlyAnAdmin() {
        handler.failTimes("stuck", 1);
        long stuck = inbox.store(RecordingInboxHandler.KIND, "alert-9", "stuck");
        inbox.store(RecordingInboxHandler.KIND, "alert-9", "behind");
        inbox.processDue();
        String admin = uk.gov.paas.support.local.DevTokens.forRole("admin");
        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/admin/inbox").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(2)).body("items[0].id", org.hamcrest.Matchers.equalTo((int) stuck))
                .body("items[0].kind", org.hamcrest.Matchers.equalTo("test")).body("items[0].orderingKey", org.hamcrest.Matchers.equalTo("alert-9"))
                .body("items[0].attempts", org.hamcrest.Matchers.equalTo(1))
                .body("items[0].lastError", org.hamcrest.Matchers.containsString("told to fail stuck"))
                .body("items[0].payloadChars", org.hamcrest.Matchers.equalTo(5)).body("items[0]", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("payload")))
                .body("items[1].attempts", org.hamcrest.Matchers.equalTo(0));
        io.restassured.RestAssured.given().auth().oauth2(uk.gov.paas.support.local.DevTokens.forRole("agent")).when().get("/api/admin/inbox")
                .then().statusCode(403);
        io.restassured.RestAssured.given().when().get("/api/admin/inbox").then().statusCode(401);
        io.restassured.RestAssured.given().auth().oauth2(admin).when().get("/api/admin/inbox?size=0").then().statusCode(400);

        assertEquals(0, inbox.processDue(), "backing off");
        io.restassured.RestAssured.given().auth().oauth2(admin).when().post("/api/admin/inbox/" + stuck + "/retry").then().statusCode(200)
                .body("id", org.hamcrest.Matchers.equalTo((int) stuck));
        assertEquals(2, inbox.processDue(), "due at once, and the item behind it after it");
        assertEquals(List.of("stuck", "behind"), handler.handled());
        io.restassured.RestAssured.given().auth().oauth2(admin).when().post("/api/admin/inbox/" + stuck + "/retry").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    void storeCommitsOnItsOwnSoItRefusesToRunInsideATransactionAndAnUnknownKind() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> inbox.store(RecordingInboxHandler.KIND, "k", "x")));
        assertThrows(IllegalArgumentException.class, () -> inbox.store("no-such-kind", "k", "x"));
        assertEquals(0, inbox.waiting());
        assertFalse(handler.handled().contains("x"));
    }
}
