package uk.gov.paas.support.kernel.outbox;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.MappedSuperclass;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * What every outbox row has, whatever it sends (an email, a call): the columns {@link RelayLoop} claims, retries and
 * marks by. Each kind's table adds what its send step needs.
 */
@MappedSuperclass
public abstract class OutboxRow extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public OutboxStatus status;

    @Column(nullable = false)
    public int attempts;

    @Column(name = "next_attempt_at", nullable = false)
    public Instant nextAttemptAt;

    @Column(name = "last_error")
    public String lastError;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "sent_at")
    public Instant sentAt;

    @Column(name = "dead_at")
    public Instant deadAt;

    @Column(name = "cancelled_at")
    public Instant cancelledAt;

    /**
     * The relay that claimed the row last (process, host and a random part, so a restarted pod is another relay): while
     * its claim lasts (until {@link #nextAttemptAt}) only it records the row's outcome.
     */
    @Column(name = "claimed_by")
    public String claimedBy;

    /** Sends that got no answer in time (the receiver may have taken them). */
    @Column(nullable = false)
    public int timeouts;

    /** The W3C traceparent of the work that queued the row (null if none): its send continues that trace. */
    @Column(updatable = false)
    public String traceparent;
}
