package uk.gov.paas.support.kernel.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.quarkus.scheduler.Scheduled;

/**
 * The scheduled sweep only, one per kind; everything it does is in the {@link RelayLoop} of {@link OutboxRelay} and of
 * {@link OutboxCallRelay}, which tests call directly. A commit wakes the relays at once ({@link OutboxWakeUp}); the sweep sends what no commit announces (retries
 * after a backoff) and what a wake-up missed while its connection was down.
 */
@ApplicationScoped
public class OutboxRelayJob {

    @Inject
    OutboxRelay relay;
    @Inject
    OutboxCallRelay calls;
    @Inject
    Inbox inbox;

    @Scheduled(identity = "outbox-relay", every = "${support.outbox.relay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        relay.relayDue();
    }

    @Scheduled(identity = "outbox-call-relay", every = "${support.outbox.relay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relayCalls() {
        calls.relayDue();
    }

    @Scheduled(identity = "inbox-worker", every = "${support.outbox.relay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void processInbox() {
        inbox.processDue();
    }
}
