package uk.gov.paas.support.kernel.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.testing.MutableClock;

/** Look up or claim, replay, concurrent duplicates and keeping time, on the real idempotent_request table. */
@QuarkusTest
class IdempotentRequestsTest {

    static final String ROUTE = "POST /api/things";

    @Inject
    IdempotentRequests requests;
    @Inject
    MutableClock clock;

    /** The "resources" a request makes: id to name. */
    final Map<Long, String> things = new ConcurrentHashMap<>();
    final AtomicLong made = new AtomicLong();

    record Result(long id, String name, boolean replayed) {
    }

    @BeforeEach
    void empty() {
        QuarkusTransaction.requiringNew().run(() -> IdempotentRequest.deleteAll());
        clock.set(Instant.parse("2026-12-03T09:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static IdempotencyKeys.Key key(String subject, String key) {
        return IdempotencyKeys.key(ROUTE, subject, "service", "", key);
    }

    private Result make(String name) {
        long id = made.incrementAndGet();
        things.put(id, name);
        return new Result(id, name, false);
    }

    private Result send(IdempotencyKeys.Key key, String kind, String name) {
        return QuarkusTransaction.requiringNew().call(() -> requests.once(key, kind,
                id -> Optional.ofNullable(things.get(id)).map(n -> new Result(id, n, true)), () -> make(name), Result::id));
    }

    @Test
    void aRepeatAnswersTheFirstResultAndMakesNothing() {
        Result first = send(key("ticket-service", "k-1"), "thing", "first");
        Result again = send(key("ticket-service", "k-1"), "thing", "second");
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.id(), again.id());
        assertEquals("first", again.name());
        assertEquals(1, made.get());
        IdempotentRequest stored = QuarkusTransaction.requiringNew().call(() -> IdempotentRequest.<IdempotentRequest>findById(key("ticket-service", "k-1").digest()));
        assertEquals(ROUTE, stored.route);
        assertEquals("thing", stored.resourceKind);
        assertEquals(first.id(), stored.resourceId);
    }

    @Test
    void noKeyOrAnotherCallersKeyMakesItsOwn() {
        send(null, "thing", "a");
        send(null, "thing", "b");
        Result mine = send(key("ticket-service", "k-1"), "thing", "mine");
        Result theirs = send(key("incident-service", "k-1"), "thing", "theirs");
        assertFalse(theirs.replayed());
        assertEquals(4, made.get());
        assertEquals(mine.id() + 1, theirs.id());
    }

    @Test
    void aConcurrentDuplicateWaitsForTheFirstAndAnswersItsResult() throws Exception {
        CountDownLatch firstIsMaking = new CountDownLatch(1);
        CountDownLatch letFirstCommit = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Result> first = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> requests.once(key("s", "race"), "thing",
                    id -> Optional.of(new Result(id, things.get(id), true)), () -> {
                        Result r = make("first");
                        firstIsMaking.countDown();
                        await(letFirstCommit);
                        return r;
                    }, Result::id)));
            assertTrue(firstIsMaking.await(10, TimeUnit.SECONDS));
            Future<Result> second = pool.submit(() -> send(key("s", "race"), "thing", "second"));
            Thread.sleep(300);
            assertFalse(second.isDone(), "the duplicate waits while the first is being made");
            letFirstCommit.countDown();
            Result answered = second.get(10, TimeUnit.SECONDS);
            assertTrue(answered.replayed());
            assertEquals(first.get(10, TimeUnit.SECONDS).id(), answered.id());
            assertEquals(1, made.get());
        } finally {
            letFirstCommit.countDown();
            pool.shutdownNow();
        }
    }

    @Test
    void aFirstRequestThatRolledBackLeavesTheKeyFree() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> requests.once(key("s", "k"), "thing",
                id -> Optional.empty(), () -> {
                    throw new IllegalStateException("the first request failed");
                }, Result::id)));
        Result retried = send(key("s", "k"), "thing", "retried");
        assertFalse(retried.replayed());
        assertEquals("retried", retried.name());
    }

    @Test
    void aKeyForAnotherKindOfResourceIsAConflict() {
        send(key("s", "k"), "thing", "first");
        ApiProblem refused = assertThrows(ApiProblem.class, () -> send(key("s", "k"), "other", "second"));
        assertEquals(409, refused.status());
        assertEquals(1, made.get());
    }

    @Test
    void aKeyWhoseResourceHasGoneMakesANewOne() {
        Result first = send(key("s", "k"), "thing", "first");
        things.remove(first.id());
        Result again = send(key("s", "k"), "thing", "again");
        assertFalse(again.replayed());
        assertEquals(again.id(), send(key("s", "k"), "thing", "third").id());
    }

    @Test
    void keysAreKeptForTheKeepingTimeThenAnswerNothingAndArePurged() {
        Result old = send(key("s", "old"), "thing", "old");
        clock.advance(Duration.ofDays(29));
        Result recent = send(key("s", "recent"), "thing", "recent");
        assertTrue(send(key("s", "old"), "thing", "x").replayed(), "29 days on, the key still answers");
        clock.advance(Duration.ofDays(2));
        assertEquals(1, requests.purge(), "31 days on, the first key goes; the recent one stays");
        assertTrue(send(key("s", "recent"), "thing", "x").replayed());
        Result anew = send(key("s", "old"), "thing", "anew");
        assertFalse(anew.replayed());
        assertTrue(anew.id() > recent.id() && old.id() < recent.id());
    }

    @Test
    void aKeyPastTheKeepingTimeAnswersNothingEvenBeforeThePurge() {
        send(key("s", "k"), "thing", "first");
        clock.advance(Duration.ofDays(31));
        assertFalse(send(key("s", "k"), "thing", "second").replayed());
        assertTrue(send(key("s", "k"), "thing", "third").replayed());
    }

    @Test
    void itRefusesToRunOutsideATransaction() {
        assertThrows(TransactionalException.class, () -> requests.once(key("s", "k"), "thing", id -> Optional.empty(), () -> make("x"), Result::id));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
