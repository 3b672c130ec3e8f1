package uk.gov.paas.support.ticket.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A Message-ID that belongs to a ticket's thread: an email received for it (IN) or sent about it (OUT). */
@Entity
@Table(name = "ticket_message")
public class TicketMessage extends PanacheEntityBase {

    @Id
    @Column(name = "message_id")
    public String messageId;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "comment_id")
    public Long commentId;

    /** IN or OUT. */
    @Column(nullable = false)
    public String direction;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
