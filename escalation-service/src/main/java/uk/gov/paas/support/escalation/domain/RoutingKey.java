package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.kernel.targets.Severity;

/** An Events API v2 integration: the key monitoring sends, the policy its pages follow, how its severities map. */
@Entity
@Table(name = "routing_key")
public class RoutingKey extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    /** SHA-256 of the key, hex; the key itself is shown once, when created. */
    @Column(name = "key_hash", nullable = false)
    public String keyHash;

    /** The key's last four characters, so people can tell keys apart. */
    @Column(name = "key_hint", nullable = false)
    public String keyHint;

    /** Null: the default policy. */
    @Column(name = "policy_id")
    public Long policyId;

    /** e.g. {@code critical=P1,error=P1,warning=P3,info=P4}; used when {@link #fixedPriority} is null. */
    @Column(name = "severity_mapping", nullable = false)
    public String severityMapping;

    /** Every event of this key gets this priority, whatever its severity; null: the mapping grades. */
    @Enumerated(EnumType.STRING)
    @Column(name = "fixed_priority")
    public Severity fixedPriority;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public Grading grading() {
        return fixedPriority != null ? Grading.fixed(fixedPriority) : new Grading(null, Grading.parseStoredMapping(severityMapping));
    }

    public void grading(Grading grading) {
        fixedPriority = grading.fixed();
        severityMapping = grading.storedMapping();
    }

    public static Optional<RoutingKey> activeByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null", hash).firstResultOptional();
    }

    /** Deduplication keys are per integration, as in PagerDuty where they are per service. */
    public String dedupScope() {
        return "rk-" + id;
    }
}
