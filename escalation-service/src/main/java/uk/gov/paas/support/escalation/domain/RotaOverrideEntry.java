package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import org.hibernate.annotations.SQLRestriction;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A stored override: someone covers a rota from..to, winning over the rota (the latest override wins over older ones).
 * A removed one stays stored with who removed it and why, and no query of this entity ever reads it again.
 */
@Entity
@Table(name = "rota_override")
@SQLRestriction("removed_at is null")
public class RotaOverrideEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "rota_id", nullable = false)
    public Long rotaId;

    @Column(name = "person_id", nullable = false)
    public Long personId;

    @Column(name = "from_at", nullable = false)
    public Instant from;

    @Column(name = "to_at", nullable = false)
    public Instant to;

    public String reason;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "removed_at")
    public Instant removedAt;

    @Column(name = "removed_by")
    public String removedBy;

    @Column(name = "removed_reason")
    public String removedReason;

    public RotaOverride toRule() {
        return new RotaOverride(id, personId, from, to);
    }

    public static List<RotaOverrideEntry> ofRota(long rotaId) {
        return list("rotaId = ?1 order by from, id", rotaId);
    }

    /** The overrides of a rota that overlap [from, to): all a schedule over that window needs. */
    public static List<RotaOverrideEntry> overlapping(long rotaId, Instant from, Instant to) {
        return list("rotaId = ?1 and to > ?2 and from < ?3 order by id", rotaId, from, to);
    }
}
