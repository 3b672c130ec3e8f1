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
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.intake.AlertSeverity;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * Events API v2 routing keys: 32 random hex characters (the length PagerDuty's own keys have, which monitoring tools
 * check), stored only as a SHA-256. Each maps to a policy and maps alert severities to P1-P4.
 */
@ApplicationScoped
@Transactional
public class RoutingKeys {

    /** critical -> P1, error -> P2, warning -> P3, info -> P4, unless a key says otherwise. */
    public static final Map<AlertSeverity, Severity> DEFAULT_MAPPING = Map.of(AlertSeverity.CRITICAL, Severity.P1,
            AlertSeverity.ERROR, Severity.P2, AlertSeverity.WARNING, Severity.P3, AlertSeverity.INFO, Severity.P4);

    /** A new key: the only time the key itself is shown. */
    public record Issued(RoutingKey key, String secret) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    RoutingKeys(Clock clock) {
        this.clock = clock;
    }

    public Issued create(String name, Long policyId, Map<String, String> mapping) {
        return create(name, policyId, mapping, newSecret());
    }

    /** With a chosen secret: only the local demo directory does this, so its curl example is stable. */
    public Issued create(String name, Long policyId, Map<String, String> mapping, String secret) {
        if (policyId != null && EscalationPolicy.findById(policyId) == null) {
            throw ApiProblem.invalidField("policyId", "there is no escalation policy " + policyId);
        }
        RoutingKey key = new RoutingKey();
        key.name = name.strip();
        key.keyHash = hash(secret);
        key.keyHint = secret.substring(secret.length() - 4);
        key.policyId = policyId;
        key.severityMapping = format(mapping(mapping));
        key.createdAt = clock.instant();
        key.persist();
        return new Issued(key, secret);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<RoutingKey> list() {
        return RoutingKey.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    public Optional<RoutingKey> revoke(long id) {
        return RoutingKey.<RoutingKey>findByIdOptional(id).map(key -> {
            if (key.revokedAt == null) {
                key.revokedAt = clock.instant();
            }
            return key;
        });
    }

    /** The active key this secret belongs to. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<RoutingKey> find(String secret) {
        return RoutingKey.activeByHash(hash(secret));
    }

    public static Map<AlertSeverity, Severity> parse(String stored) {
        Map<AlertSeverity, Severity> mapping = new EnumMap<>(AlertSeverity.class);
        for (String pair : stored.split(",")) {
            String[] parts = pair.split("=");
            mapping.put(AlertSeverity.valueOf(parts[0].toUpperCase(Locale.ROOT)), Severity.valueOf(parts[1]));
        }
        return mapping;
    }

    private static Map<AlertSeverity, Severity> mapping(Map<String, String> given) {
        Map<AlertSeverity, Severity> mapping = new EnumMap<>(DEFAULT_MAPPING);
        if (given != null) {
            given.forEach((alert, severity) -> {
                AlertSeverity from;
                try {
                    from = AlertSeverity.valueOf(alert.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidField("severityMapping." + alert, "'" + alert + "' is not an alert severity; use critical, error, warning, info");
                }
                try {
                    mapping.put(from, Severity.parse(severity));
                } catch (IllegalArgumentException e) {
                    throw ApiProblem.invalidField("severityMapping." + alert, e.getMessage());
                }
            });
        }
        return mapping;
    }

    private static String format(Map<AlertSeverity, Severity> mapping) {
        return mapping.entrySet().stream().map(e -> e.getKey().name().toLowerCase(Locale.ROOT) + "=" + e.getValue().name())
                .collect(Collectors.joining(","));
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
