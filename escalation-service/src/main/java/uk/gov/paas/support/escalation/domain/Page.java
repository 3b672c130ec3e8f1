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
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import uk.gov.paas.support.kernel.targets.Severity;

/** A request to get a person to act: walks its policy's levels until acknowledged or resolved. */
@Entity
@Table(name = "page")
public class Page extends PanacheEntityBase {

    /** Deduplication scope of pages raised through POST /api/pages; Events API pages use their routing key's. */
    public static final String API_SCOPE = "api";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "dedup_scope", nullable = false, updatable = false)
    public String dedupScope;

    @Column(name = "dedup_key", nullable = false, updatable = false)
    public String dedupKey;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public PageStatus status;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Column(nullable = false)
    public String summary;

    @Column(nullable = false)
    public String source;

    public String details;

    public String link;

    /** Why the page has its priority: the routing key's grading, or who asked for it. */
    @Column(name = "graded_because")
    public String gradedBecause;

    @Column(name = "policy_id", nullable = false)
    public Long policyId;

    /** The level last notified (0-based). */
    @Column(nullable = false)
    public int level;

    /** How many times the policy has been walked through before this round (0 on the first). */
    @Column(nullable = false)
    public int round;

    /** When the scheduler must act next: deliver a waiting page, or escalate past the current level. */
    @Column(name = "due_at")
    public Instant dueAt;

    @Column(nullable = false)
    public int occurrences;

    @Column(name = "last_occurrence_at", nullable = false)
    public Instant lastOccurrenceAt;

    @Column(name = "opened_at", nullable = false)
    public Instant openedAt;

    @Column(name = "opened_by", nullable = false)
    public String openedBy;

    @Column(name = "acknowledged_at")
    public Instant acknowledgedAt;

    @Column(name = "acknowledged_by")
    public String acknowledgedBy;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Version
    public int version;

    public static Optional<Page> openByDedupKey(String scope, String dedupKey) {
        return find("dedupScope = ?1 and dedupKey = ?2 and status <> ?3", scope, dedupKey, PageStatus.RESOLVED).firstResultOptional();
    }
}
