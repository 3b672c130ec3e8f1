package uk.gov.paas.support.kernel.idempotency;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An Idempotency-Key already answered, and the resource it answered with (table from db/kernel in every service). */
@Entity
@Table(name = "idempotent_request")
public class IdempotentRequest extends PanacheEntityBase {

    /** The scoped key ({@code IdempotencyKeys}): a digest of route, caller and key. */
    @Id
    @Column(name = "key_digest")
    public String keyDigest;

    @Column(nullable = false, updatable = false)
    public String route;

    /** What {@link #resourceId} names: "ticket", "incident", "page". */
    @Column(name = "resource_kind", nullable = false, updatable = false)
    public String resourceKind;

    @Column(name = "resource_id", nullable = false, updatable = false)
    public Long resourceId;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;
}
