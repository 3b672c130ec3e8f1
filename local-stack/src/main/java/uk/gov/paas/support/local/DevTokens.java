package uk.gov.paas.support.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.lang.JoseException;

/**
 * Mints bearer tokens signed with the development key, for local runs and tests.
 * The services accept this key only outside the prod profile (see the kernel's DevKeyGuard).
 */
public final class DevTokens {

    /** Issuer the dev, local and test profiles expect. */
    public static final String ISSUER = "https://support.local/dev";
    /** Roles the platform knows; a tenant token also carries an {@code org} claim. */
    public static final Set<String> ROLES = Set.of("tenant", "agent", "admin", "service");

    private static final String KEY_RESOURCE = "/dev-jwt/dev-private-key.pem";
    private static final PrivateKey KEY = loadKey();

    private DevTokens() {
    }

    /** A token for one role, valid for 12 hours. */
    public static String forRole(String role) {
        return mint(role, null, "dev-" + role + "@support.local", Duration.ofHours(12));
    }

    /** A tenant token for one organisation. */
    public static String tenant(String org) {
        return mint("tenant", org, "dev-tenant@" + org, Duration.ofHours(12));
    }

    /**
     * Any claims at all, unchecked, signed with the development key: for tests of what the services do with odd tokens
     * (a tenant without an organisation, an organisation that is a number, several roles at once).
     */
    public static String mintUnchecked(String subject, List<String> groups, java.util.Map<String, Object> extra) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setStringListClaim("groups", groups);
        extra.forEach(claims::setClaim);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims);
    }

    /** The general form: role, optional organisation (required for tenants), subject and lifetime. */
    public static String mint(String role, String org, String subject, Duration ttl) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("unknown role '" + role + "'; roles are " + ROLES);
        }
        if ("tenant".equals(role) && (org == null || org.isBlank())) {
            throw new IllegalArgumentException("a tenant token needs an organisation");
        }
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setClaim("upn", subject);
        claims.setClaim("email", subject);
        claims.setStringListClaim("groups", List.of(role));
        if (org != null && !org.isBlank()) {
            claims.setClaim("org", org);
        }
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(ttl.toMinutes());
        claims.setJwtId(UUID.randomUUID().toString());
        return sign(claims);
    }

    /** Any claims, signed with the development key (tests of expiry and of odd claims). */
    public static String sign(JwtClaims claims) {
        return sign(claims, KEY);
    }

    /** Any claims, signed with any key in the development key's place (tests of forged tokens). */
    public static String sign(JwtClaims claims, PrivateKey key) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key);
        jws.setKeyIdHeaderValue("support-dev");
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("could not sign a development token", e);
        }
    }

    private static PrivateKey loadKey() {
        try (InputStream in = DevTokens.class.getResourceAsStream(KEY_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + KEY_RESOURCE);
            }
            String pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII)
                    .replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(pem)));
        } catch (IOException | java.security.GeneralSecurityException e) {
            throw new IllegalStateException("could not read the development signing key", e);
        }
    }

    /** {@code java -cp local-stack.jar uk.gov.paas.support.local.DevTokens <role> [org]} prints one token. */
    public static void main(String[] args) {
        if (args.length < 1) {
            System.err.println("usage: dev-token <tenant|agent|admin|service> [org]");
            System.exit(2);
        }
        try {
            String org = args.length > 1 ? args[1] : null;
            System.out.println("tenant".equals(args[0]) ? tenant(org) : mint(args[0], org, "dev-" + args[0] + "@support.local", Duration.ofHours(12)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        }
    }
}
