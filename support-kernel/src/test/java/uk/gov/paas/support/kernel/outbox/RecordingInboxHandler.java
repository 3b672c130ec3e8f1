package uk.gov.paas.support.kernel.outbox;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The test kind of inbox item: each item queues an email keyed by its payload in the item's transaction (so its effect
 * is visible, and rolled back with it), records the payload in the order processed, and can be told to fail a
 * payload some number of times or to wait at one until released.
 */
@ApplicationScoped
public class RecordingInboxHandler implements InboxHandler {

    public static final String KIND = "test";

    @Inject
    Outbox outbox;

    final List<String> handled = new CopyOnWriteArrayList<>();
    final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    volatile String holdAt;
    volatile CountDownLatch held = new CountDownLatch(1);
    volatile CountDownLatch release = new CountDownLatch(1);

    List<String> handled() {
        return handled;
    }

    void failTimes(String payload, int times) {
        failures.put(payload, new AtomicInteger(times));
    }

    void holdAt(String payload) {
        holdAt = payload;
    }

    boolean awaitHeld() throws InterruptedException {
        return held.await(30, TimeUnit.SECONDS);
    }

    void releaseHeld() {
        release.countDown();
    }

    void reset() {
        handled.clear();
        failures.clear();
        holdAt = null;
        held = new CountDownLatch(1);
        release.countDown();
        release = new CountDownLatch(1);
    }

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public void handle(InboxItem item) {
        outbox.enqueue(OutgoingEmail.text("inbox/" + item.payload(), "oncall@example.org", "Item " + item.payload(), "Processed"));
        if (item.payload().equals(holdAt)) {
            held.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        AtomicInteger failing = failures.get(item.payload());
        if (failing != null && failing.getAndDecrement() > 0) {
            throw new IllegalStateException("told to fail " + item.payload());
        }
        handled.add(item.payload());
    }
}
