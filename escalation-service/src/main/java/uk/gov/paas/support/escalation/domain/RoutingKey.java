package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

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

    /** e.g. {@code critical=P1,error=P2,warning=P3,info=P4}. */
    @Column(name = "severity_mapping", nullable = false)
    public String severityMapping;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "revoked_at")
    public Instant revokedAt;

    public static Optional<RoutingKey> activeByHash(String hash) {
        return find("keyHash = ?1 and revokedAt is null", hash).firstResultOptional();
    }

    /** Deduplication keys are per integration, as in PagerDuty where they are per service. */
    public String dedupScope() {
        return "rk-" + id;
    }
}
