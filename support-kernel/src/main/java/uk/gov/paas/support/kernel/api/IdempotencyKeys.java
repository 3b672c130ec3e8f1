package uk.gov.paas.support.kernel.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.TreeSet;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.security.Callers;

/**
 * An {@code Idempotency-Key} belongs to its caller and its route: the key a service stores is a digest of the route,
 * the caller's subject, roles and organisation, and the key as sent. A second caller sending the same key on the same
 * route gets its own result, never the first caller's resource; the same caller on another route too. Pure. What is
 * done with a key (look up, claim, replay, keep) is {@code idempotency.IdempotentRequests}'.
 */
public final class IdempotencyKeys {

    /** A key as stored ({@link #scoped}) with the route it came on. */
    public record Key(String route, String digest) {
    }

    private IdempotencyKeys() {
    }

    /** The key this caller sent on this route, scoped; null when no key was sent. */
    public static Key key(String route, SecurityIdentity caller, String key) {
        return key == null ? null : new Key(route, scoped(route, caller, key));
    }

    /** As {@link #key(String, SecurityIdentity, String)}, for a caller already read from its token. */
    public static Key key(String route, String subject, String roles, String organisation, String key) {
        return key == null ? null : new Key(route, scoped(route, subject, roles, organisation, key));
    }

    /** The stored form of {@code key} sent by this caller on this route ({@code "POST /api/tickets"}); null stays null. */
    public static String scoped(String route, SecurityIdentity caller, String key) {
        if (key == null) {
            return null;
        }
        String subject = caller.isAnonymous() ? "" : caller.getPrincipal().getName();
        return scoped(route, subject, String.join(",", new TreeSet<>(caller.getRoles())), Callers.organisation(caller).orElse(""), key);
    }

    public static String scoped(String route, String subject, String roles, String organisation, String key) {
        if (key == null) {
            return null;
        }
        String scope = String.join("\n", route, subject == null ? "" : subject, roles == null ? "" : roles,
                organisation == null ? "" : organisation, key);
        try {
            return "k1:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(scope.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
