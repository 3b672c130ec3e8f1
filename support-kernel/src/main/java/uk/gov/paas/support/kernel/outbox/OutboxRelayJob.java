package uk.gov.paas.support.kernel.outbox;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** The scheduled trigger only; everything it does is in {@link OutboxRelay}, which tests call directly. */
@ApplicationScoped
public class OutboxRelayJob {

    private final OutboxRelay relay;

    OutboxRelayJob(OutboxRelay relay) {
        this.relay = relay;
    }

    @Scheduled(identity = "outbox-relay", every = "${support.outbox.relay-interval:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void relay() {
        relay.relayDue();
    }
}
