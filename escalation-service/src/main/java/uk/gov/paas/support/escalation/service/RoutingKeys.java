package uk.gov.paas.support.escalation.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.intake.AlertSeverity;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * Events API v2 routing keys: 32 random hex characters (the length PagerDuty's own keys have, which monitoring tools
 * check), stored only as a SHA-256. Each maps to a policy and grades its events ({@link Grading}: a fixed priority,
 * or a mapping of the sender's severity; a new key gets {@link Grading#DEFAULT}).
 */
@ApplicationScoped
@Transactional
public class RoutingKeys {

    /** A new key: the only time the key itself is shown. */
    public record Issued(RoutingKey key, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the intake needs of an active key: which key it is and the scope its dedup keys live in. */
    public record Accepted(long id, String dedupScope) {
    }

    /**
     * How long the intake remembers that a secret is an active key: a storm of events costs no lookup each, and a key
     * revoked through another replica is refused here within this (through this replica, at once). Unknown secrets
     * are never remembered, so guessing fills nothing.
     */
    static final java.time.Duration REMEMBER_ACCEPTED = java.time.Duration.ofSeconds(5);
    private static final int REMEMBERED_AT_MOST = 10_000;

    private record Remembered(Accepted key, long untilNanos) {
    }

    private final java.util.concurrent.ConcurrentHashMap<String, Remembered> accepted = new java.util.concurrent.ConcurrentHashMap<>();

    private final Clock clock;

    RoutingKeys(Clock clock) {
        this.clock = clock;
    }

    public Issued create(String name, Long policyId, Grading grading) {
        return create(name, policyId, grading, newSecret());
    }

    /** With a chosen secret: only the local demo directory does this, so its curl example is stable. */
    public Issued create(String name, Long policyId, Grading grading, String secret) {
        if (policyId != null && EscalationPolicy.findById(policyId) == null) {
            throw ApiProblem.invalidField("policyId", "there is no escalation policy " + policyId);
        }
        RoutingKey key = new RoutingKey();
        key.name = name.strip();
        key.keyHash = hash(secret);
        key.keyHint = secret.substring(secret.length() - 4);
        key.policyId = policyId;
        key.grading(grading);
        key.createdAt = clock.instant();
        key.persist();
        return new Issued(key, secret);
    }

    /** Changes how a key grades its events from now on; pages already open keep their priority. */
    public Optional<RoutingKey> regrade(long id, Grading grading) {
        return RoutingKey.<RoutingKey>findByIdOptional(id).map(key -> {
            key.grading(grading);
            return key;
        });
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RoutingKey> get(long id) {
        return RoutingKey.findByIdOptional(id);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoutingKey> list() {
        return RoutingKey.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    /** When the key's sender last triggered: the newest page or occurrence under the key (none yet: empty). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<java.time.Instant> lastTrigger(RoutingKey key) {
        return Optional.ofNullable(uk.gov.paas.support.escalation.domain.Page.getEntityManager()
                .createQuery("select max(p.lastOccurrenceAt) from Page p where p.dedupScope = ?1", java.time.Instant.class)
                .setParameter(1, key.dedupScope()).getSingleResult());
    }

    public Optional<RoutingKey> revoke(long id) {
        accepted.clear();
        return RoutingKey.<RoutingKey>findByIdOptional(id).map(key -> {
            if (key.revokedAt == null) {
                key.revokedAt = clock.instant();
            }
            return key;
        });
    }

    /**
     * The active key this secret belongs to, as the intake needs it: remembered for {@link #REMEMBER_ACCEPTED} once
     * found, so the Events API's hot path reads the database only for a secret it has not seen lately.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Accepted> accept(String secret) {
        String hash = hash(secret);
        Remembered remembered = accepted.get(hash);
        if (remembered != null && System.nanoTime() - remembered.untilNanos() < 0) {
            return Optional.of(remembered.key());
        }
        Optional<Accepted> found = RoutingKey.activeByHash(hash).map(key -> new Accepted(key.id, key.dedupScope()));
        if (found.isPresent()) {
            if (accepted.size() >= REMEMBERED_AT_MOST) {
                accepted.clear();
            }
            accepted.put(hash, new Remembered(found.get(), System.nanoTime() + REMEMBER_ACCEPTED.toNanos()));
        } else {
            accepted.remove(hash);
        }
        return found;
    }

    /** The active key this secret belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RoutingKey> find(String secret) {
        return RoutingKey.activeByHash(hash(secret));
    }

    /**
     * The grading an admin asked for: {@code fixedPriority} (P1-P4) for every event, or {@code severityMapping} entries
     * changing the default mapping; neither: the default. Both at once is refused, as is an unknown severity or priority.
     */
    public static Grading grading(String fixedPriority, Map<String, String> severityMapping) {
        if (fixedPriority != null && severityMapping != null && !severityMapping.isEmpty()) {
            throw ApiProblem.invalidField("fixedPriority", "give either fixedPriority (every event gets it) or severityMapping, not both");
        }
        if (fixedPriority != null) {
            try {
                return Grading.fixed(Severity.parse(fixedPriority));
            } catch (IllegalArgumentException e) {
                throw ApiProblem.invalidField("fixedPriority", e.getMessage());
            }
        }
        Map<AlertSeverity, Severity> overrides = new EnumMap<>(AlertSeverity.class);
        if (severityMapping != null) {
            severityMapping.forEach((alert, severity) -> {
                AlertSeverity from;
                try {
                    from = AlertSeverity.valueOf(alert.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidField("severityMapping." + alert, "'" + alert + "' is not an alert severity; use critical, error, warning, info");
                }
                try {
                    overrides.put(from, Severity.parse(severity));
                } catch (IllegalArgumentException | NullPointerException e) {
                    throw ApiProblem.invalidField("severityMapping." + alert, severity == null ? "must be one of P1, P2, P3, P4" : e.getMessage());
                }
            });
        }
        return Grading.mapping(overrides);
    }

    private static String newSecret() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
