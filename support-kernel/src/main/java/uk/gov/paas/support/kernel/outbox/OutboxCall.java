package uk.gov.paas.support.kernel.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One queued call in the outbox_call table (created by each service's migrations from db/kernel). */
@Entity
@Table(name = "outbox_call")
public class OutboxCall extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    @Column(nullable = false, updatable = false)
    public String target;

    @Column(nullable = false, updatable = false)
    public String operation;

    /** The JSON body. */
    @Column(nullable = false, updatable = false)
    public String payload;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutboxStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    /** What the receiver answered, briefly (e.g. the id it created). */
    public String result;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "dead_at")
    public Instant deadAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

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
        return copy;
    }
}
