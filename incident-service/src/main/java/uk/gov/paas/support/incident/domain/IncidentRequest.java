package uk.gov.paas.support.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A declaration's Idempotency-Key and the incident it made. */
@Entity
@Table(name = "incident_request")
public class IncidentRequest extends PanacheEntityBase {

    @Id
    @Column(name = "idempotency_key")
    public String idempotencyKey;

    @Column(name = "incident_id", nullable = false)
    public Long incidentId;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
