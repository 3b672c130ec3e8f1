package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Ordered levels a page walks through until someone acknowledges, repeated {@code repeatCount} more times. */
@Entity
@Table(name = "escalation_policy")
public class EscalationPolicy extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(name = "repeat_count", nullable = false)
    public int repeatCount;

    @Column(name = "is_default", nullable = false)
    public boolean isDefault;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "policy_level", joinColumns = @JoinColumn(name = "policy_id"))
    @OrderColumn(name = "position")
    public List<PolicyLevel> levels = new ArrayList<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public static Optional<EscalationPolicy> defaultPolicy() {
        return find("isDefault", true).firstResultOptional();
    }
}
