package uk.gov.paas.support.ticket.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An email a robot wrote: kept, with the reason, where an agent can see it; it opened, commented and sent nothing. */
@Entity
@Table(name = "suspended_mail")
public class SuspendedMail extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    @Column(name = "from_address", nullable = false, updatable = false)
    public String from;

    @Column(nullable = false, updatable = false)
    public String subject;

    @Column(name = "received_at", nullable = false, updatable = false)
    public Instant receivedAt;

    @Column(nullable = false, updatable = false)
    public String reason;

    @Column(name = "raw_message", nullable = false, updatable = false)
    public String rawMessage;

    @Column(name = "raw_truncated", nullable = false, updatable = false)
    public boolean rawTruncated;

    @Column(name = "released_at")
    public Instant releasedAt;

    @Column(name = "released_by")
    public String releasedBy;

    @Column(name = "ticket_id")
    public Long ticketId;

    @Column(name = "discarded_at")
    public Instant discardedAt;

    @Column(name = "discarded_by")
    public String discardedBy;

    /** WAITING for an agent, RELEASED into a ticket, or DISCARDED. */
    public String state() {
        return releasedAt != null ? "RELEASED" : discardedAt != null ? "DISCARDED" : "WAITING";
    }

    public static SuspendedMail byMessageId(String messageId) {
        return find("messageId", messageId).firstResult();
    }
}
