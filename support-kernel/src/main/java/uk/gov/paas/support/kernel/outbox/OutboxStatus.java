package uk.gov.paas.support.kernel.outbox;

/**
 * PENDING until sent; DEAD after the last allowed attempt failed, until an admin retries it; CANCELLED when its cause
 * ended before it was sent (it is never sent, and cannot be retried).
 */
public enum OutboxStatus {
    PENDING, SENT, DEAD, CANCELLED
}
