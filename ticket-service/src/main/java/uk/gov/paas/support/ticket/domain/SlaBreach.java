package uk.gov.paas.support.ticket.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A missed SLA target, recorded once (unique per ticket, target and when that target's clock started). */
@Entity
@Table(name = "sla_breach")
public class SlaBreach extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false)
    public Long ticketId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public SlaTimer.Kind target;

    @Column(name = "target_started_at", nullable = false)
    public Instant targetStartedAt;

    @Column(name = "due_at", nullable = false)
    public Instant dueAt;

    @Column(name = "breached_at", nullable = false)
    public Instant breachedAt;

    /** Who was emailed: the assignee, or the group's address. */
    @Column(nullable = false)
    public String notified;

    public static List<SlaBreach> of(long ticketId) {
        return list("ticketId = ?1 order by id", ticketId);
    }
}
