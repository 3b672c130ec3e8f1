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

/** One email in the outbox table (created by each service's migrations from db/kernel). */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "idempotency_key", nullable = false, updatable = false)
    public String idempotencyKey;

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    /** Comma-separated addresses. */
    @Column(nullable = false)
    public String recipients;

    @Column(nullable = false)
    public String subject;

    @Column(name = "text_body", nullable = false)
    public String textBody;

    @Column(name = "html_body")
    public String htmlBody;

    /** Extra headers, one {@code Name: value} a line. */
    public String headers;

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
}
