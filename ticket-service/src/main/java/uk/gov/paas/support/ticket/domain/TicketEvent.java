package uk.gov.paas.support.ticket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** One line of a ticket's audit trail: who changed what, when, and why. Append-only. */
@Entity
@Table(name = "ticket_event")
public class TicketEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public Long ticketId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Column(nullable = false, updatable = false)
    public String actor;

    @Column(nullable = false, updatable = false)
    public String action;

    @Column(nullable = false, updatable = false)
    public String detail;

    @Column(updatable = false)
    public String reason;

    public static TicketEvent add(long ticketId, Instant at, String actor, String action, String detail, String reason) {
        TicketEvent event = new TicketEvent();
        event.ticketId = ticketId;
        event.at = at;
        event.actor = actor;
        event.action = action;
        event.detail = detail.length() > 10_000 ? detail.substring(0, 9_997) + "..." : detail;
        event.reason = reason;
        event.persist();
        return event;
    }

    public static List<TicketEvent> of(long ticketId) {
        return list("ticketId = ?1 order by id", ticketId);
    }
}
