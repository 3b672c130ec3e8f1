package uk.gov.paas.support.ticket.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A creation's Idempotency-Key and the ticket it made. */
@Entity
@Table(name = "ticket_request")
public class TicketRequest extends PanacheEntityBase {

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
