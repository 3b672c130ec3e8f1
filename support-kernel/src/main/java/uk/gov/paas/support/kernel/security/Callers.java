package uk.gov.paas.support.kernel.security;

import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

import jakarta.json.JsonString;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * The one rule for "who is calling and what may they see", used by every route of every service (applied to each
 * request's identity by {@link CallerAugmentor}). Claims fail closed: a missing or odd claim means less access, never
 * more.
 * <ul>
 * <li>A token whose roles include {@code tenant} is a tenant and nothing else, whatever other roles it also claims (the
 * least of them wins: a tenant token that also says {@code agent} must not see every organisation).</li>
 * <li>A tenant's organisation is its {@code org} claim, which must be a string of 1 to 100 characters with no control
 * characters (after trimming). Missing, blank, a number, an array, an object: the caller keeps no role at all, so every
 * route answers 403; it is never read as "no organisation filter".</li>
 * <li>Roles other than the four known ones are dropped.</li>
 * </ul>
 */
public final class Callers {

    /** The identity attribute that holds a tenant's organisation. */
    public static final String ORGANISATION = "support.organisation";
    static final Set<String> KNOWN = Set.of(Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE);
    static final int MAX_ORGANISATION = 100;

    private Callers() {
    }

    /** The organisation an {@code org} claim names, or empty when it is not a usable one. */
    public static Optional<String> organisationClaim(Object claim) {
        String text = claim instanceof JsonString json ? json.getString() : claim instanceof String s ? s : null;
        if (text == null) {
            return Optional.empty();
        }
        String org = text.strip();
        if (org.isEmpty() || org.length() > MAX_ORGANISATION || org.chars().anyMatch(Character::isISOControl)) {
            return Optional.empty();
        }
        return Optional.of(org);
    }

    /** The roles a caller keeps, from the roles its token claims and its organisation claim. */
    public static Set<String> effectiveRoles(Set<String> claimed, Optional<String> organisation) {
        if (claimed.contains(Roles.TENANT)) {
            return organisation.isPresent() ? Set.of(Roles.TENANT) : Set.of();
        }
        Set<String> kept = new LinkedHashSet<>(claimed);
        kept.retainAll(KNOWN);
        return Set.copyOf(kept);
    }

    /** The organisation of a tenant caller (set by {@link CallerAugmentor}); empty for every other caller. */
    public static Optional<String> organisation(SecurityIdentity identity) {
        return identity.hasRole(Roles.TENANT) ? Optional.ofNullable(identity.<String>getAttribute(ORGANISATION)) : Optional.empty();
    }
}
