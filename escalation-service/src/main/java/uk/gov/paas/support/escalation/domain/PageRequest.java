package uk.gov.paas.support.escalation.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An Idempotency-Key already answered, and the page it answered with. */
@Entity
@Table(name = "page_request")
public class PageRequest extends PanacheEntityBase {

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "page_id", nullable = false)
    public Long pageId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
