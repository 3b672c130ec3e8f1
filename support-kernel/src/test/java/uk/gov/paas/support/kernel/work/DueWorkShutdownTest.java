package uk.gov.paas.support.kernel.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** A rolling update never cuts a scheduled row's transaction off: the shutdown waits for it, and nothing more is claimed. */
@QuarkusTest
class DueWorkShutdownTest {

    /** Something is always due: the test decides when the work stops. */
    private static final String ALWAYS_DUE = "select 1 where cast(:now as timestamptz) is not null";

    @Inject
    EntityManager entityManager;
    @Inject
    Clock clock;

    @Test
    void theShutdownWaitsForTheRowBeingHandledAndThenNothingMoreIsClaimed() throws Exception {
        DueWork work = new DueWork(entityManager, clock);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch finish = new CountDownLatch(1);
        AtomicInteger handled = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> scan = threads.submit(() -> work.handleEach("test scan", ALWAYS_DUE, 1000, (id, now) -> {
                handled.incrementAndGet();
                inside.countDown();
                try {
                    finish.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            assertTrue(inside.await(30, TimeUnit.SECONDS));
            Future<?> stop = threads.submit(() -> work.stop(null));
            Thread.sleep(300);
            assertFalse(stop.isDone(), "the shutdown waits for the row in hand");
            finish.countDown();
            stop.get(30, TimeUnit.SECONDS);
            assertEquals(1, scan.get(30, TimeUnit.SECONDS), "the row in hand was finished and committed, and no other claimed");
            assertEquals(0, work.handleEach("after the stop", ALWAYS_DUE, 1000, (id, now) -> handled.incrementAndGet()));
            assertEquals(1, handled.get());
        } finally {
            finish.countDown();
            threads.shutdownNow();
        }
    }
}
