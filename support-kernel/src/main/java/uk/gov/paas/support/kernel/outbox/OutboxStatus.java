package uk.gov.paas.support.kernel.outbox;

/** PENDING until sent; DEAD after the last allowed attempt failed, until an admin retries it. */
public enum OutboxStatus {
    PENDING, SENT, DEAD
}
