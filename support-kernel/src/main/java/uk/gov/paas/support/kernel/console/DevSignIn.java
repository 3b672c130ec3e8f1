package uk.gov.paas.support.kernel.console;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.keys.HmacKey;
import org.jose4j.lang.JoseException;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.kernel.config.Profiles;
import uk.gov.paas.support.kernel.security.Roles;

/**
 * The development sign-in's sessions: a cookie holding a short JWT (HS256, {@link ConsoleConfig#devSessionKey()}) with
 * the same claims an identity provider's token carries ({@code groups}, {@code org}, {@code email}, {@code name}), so
 * the kernel's one caller rule ({@code security/Callers}) reads both alike. Refuses start-up when switched on outside the
 * development profiles.
 */
@ApplicationScoped
public class DevSignIn {

    /** The session cookie's name. */
    public static final String COOKIE = "support-dev-session";
    /** The roles the form offers (service callers use bearer tokens, never the console). */
    public static final List<String> ROLES = List.of(Roles.AGENT, Roles.TENANT, Roles.ADMIN);
    static final String ISSUER = "support-console-dev-sign-in";

    private final ConsoleConfig config;
    private final Clock clock;
    private final HmacKey key;

    DevSignIn(ConsoleConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        byte[] secret = config.devSessionKey().map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.key = secret != null && secret.length >= 32 ? new HmacKey(secret) : null;
    }

    void onStart(@Observes StartupEvent event) {
        violation(Profiles.active(), config.devSignIn(), config.devSessionKey().orElse(null)).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem);
        });
    }

    /** Why this configuration must not run under these profiles; empty when it may. */
    public static Optional<String> violation(Collection<String> profiles, boolean enabled, String key) {
        if (!enabled) {
            return Optional.empty();
        }
        if (!Profiles.isDevelopment(profiles)) {
            return Optional.of("support.console.dev-sign-in lets anyone sign in as anyone; it is for the local run only (profiles "
                    + String.join(", ", Profiles.DEVELOPMENT.stream().sorted().toList()) + "), never production; active profiles: "
                    + (profiles.isEmpty() ? "none" : String.join(",", profiles)));
        }
        if (key == null || key.getBytes(StandardCharsets.UTF_8).length < 32) {
            return Optional.of("support.console.dev-session-key must be at least 32 bytes when the development sign-in is on");
        }
        return Optional.empty();
    }

    public boolean enabled() {
        return config.devSignIn() && key != null;
    }

    public Duration length() {
        return config.devSessionLength();
    }

    /** A signed session for one person: an agent or admin with no organisation, a tenant with one. */
    public String session(String role, String organisation, String email, String name) {
        if (!enabled()) {
            throw new IllegalStateException("the development sign-in is off");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(email);
        claims.setClaim("upn", email);
        claims.setClaim("email", email);
        claims.setClaim("name", name);
        claims.setStringListClaim("groups", List.of(role));
        if (organisation != null) {
            claims.setClaim("org", organisation);
        }
        long now = clock.instant().getEpochSecond();
        claims.setClaim("iat", now);
        claims.setClaim("exp", now + config.devSessionLength().toSeconds());
        claims.setJwtId(UUID.randomUUID().toString());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        jws.setKey(key);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a development session", e);
        }
    }

    /** The claims of a session this process (or another with the same key) signed, still valid; empty for anything else. */
    public Optional<JwtClaims> verify(String cookie) {
        if (!enabled() || cookie == null || cookie.isBlank() || cookie.length() > 4096) {
            return Optional.empty();
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setExpectedIssuer(ISSUER)
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .setVerificationKey(key)
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.HMAC_SHA256))
                .build();
        try {
            JwtClaims claims = consumer.processToClaims(cookie);
            return Set.copyOf(claims.getStringListClaimValue("groups")).stream().anyMatch(ROLES::contains) ? Optional.of(claims) : Optional.empty();
        } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
