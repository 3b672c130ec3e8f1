package uk.gov.paas.support.kernel.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One queued call in the outbox_call table (created by each service's migrations from db/kernel). */
@Entity
@Table(name = "outbox_call")
public class OutboxCall extends OutboxRow {

    @Column(nullable = false, updatable = false)
    public String target;

    @Column(nullable = false, updatable = false)
    public String operation;

    /** The JSON body. */
    @Column(nullable = false, updatable = false)
    public String payload;

    /** What the receiver answered, briefly (e.g. the id it created). */
    public String result;

    /** A copy outside the persistence context, for a caller thread: it reads the row's values, never the relay's session. */
    OutboxCall detached() {
        OutboxCall copy = new OutboxCall();
        copy.id = id;
        copy.idempotencyKey = idempotencyKey;
        copy.target = target;
        copy.operation = operation;
        copy.payload = payload;
        copy.status = status;
        copy.attempts = attempts;
        copy.nextAttemptAt = nextAttemptAt;
        copy.createdAt = createdAt;
        copy.traceparent = traceparent;
        return copy;
    }
}
