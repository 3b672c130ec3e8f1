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

/** A public reply, a tenant comment or an internal note. Internal notes are never sent or shown to a tenant. */
@Entity
@Table(name = "ticket_comment")
public class TicketComment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "ticket_id", nullable = false, updatable = false)
    public Long ticketId;

    @Column(name = "public", nullable = false, updatable = false)
    public boolean isPublic;

    @Column(nullable = false, updatable = false)
    public String author;

    @Enumerated(EnumType.STRING)
    @Column(name = "author_kind", nullable = false, updatable = false)
    public AuthorKind authorKind;

    @Column(nullable = false, updatable = false)
    public String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Channel channel;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "thanks_only", nullable = false)
    public boolean thanksOnly;

    /** JSON list of {name, type, size} for an emailed comment's attachments. */
    public String attachments;

    public static List<TicketComment> of(long ticketId, boolean publicOnly) {
        return publicOnly ? list("ticketId = ?1 and isPublic = true order by id", ticketId) : list("ticketId = ?1 order by id", ticketId);
    }
}
