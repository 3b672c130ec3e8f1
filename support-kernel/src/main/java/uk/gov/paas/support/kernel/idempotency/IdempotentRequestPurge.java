package uk.gov.paas.support.kernel.idempotency;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;

/** The scheduled purge of expired Idempotency-Keys; the work is {@link IdempotentRequests#purge()}, which tests call directly. */
@ApplicationScoped
public class IdempotentRequestPurge {

    private final IdempotentRequests requests;

    IdempotentRequestPurge(IdempotentRequests requests) {
        this.requests = requests;
    }

    @Scheduled(identity = "idempotent-request-purge", every = "1h", delayed = "10m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        requests.purge();
    }
}
