package uk.gov.paas.support.ticket.intake;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.ticket.config.IntakeConfig;

/**
 * The one rule for which organisation an email address belongs to, used by the intake (new tickets, threading) and
 * by the API (whom a tenant may name as requester).
 *
 * <ul>
 * <li>An address entry ({@code support.intake.organisation-addresses."jo@gmail.com"}) wins; else the domain's entry
 * ({@code support.intake.organisations."<domain>"}), else its nearest parent domain's. Only configuration makes an
 * organisation.</li>
 * <li>Anyone else (a public mail domain such as gmail.com, or a domain nobody configured) is only their own requester:
 * their tickets' organisation is {@code sender:<address, lower case>}, which no other sender shares.</li>
 * <li>Fail closed at start-up: a public domain (or a subdomain of one) configured as an organisation, a domain key with
 * an {@code @}, an address key without one, or an organisation name that is blank or contains {@code :} (reserved for
 * the per-sender values, so a configured name can never equal one) refuses to start, naming the key.</li>
 * </ul>
 * A tenant token whose {@code org} claim contains {@code :} has no usable organisation ({@link #usableClaim}), so no
 * token can see a per-sender ticket by claiming its value.
 */
@ApplicationScoped
public class Organisations {

    /** The prefix of a per-sender organisation; {@value #RESERVED} never appears in a configured or claimed one. */
    public static final String PER_SENDER = "sender:";
    static final char RESERVED = ':';

    private final Map<String, String> addresses;
    private final Map<String, String> domains;
    private final Set<String> publicDomains;
    private final List<String> problems;

    @Inject
    Organisations(IntakeConfig config) {
        this(config.organisations(), config.organisationAddresses(), config.publicDomains());
    }

    Organisations(Map<String, String> domains, Map<String, String> addresses, List<String> publicDomains) {
        this.publicDomains = publicDomains.stream().map(Organisations::normal).filter(d -> !d.isEmpty()).collect(Collectors.toSet());
        this.domains = lowerKeys(domains);
        this.addresses = lowerKeys(addresses);
        this.problems = problems(domains, addresses, this.publicDomains);
    }

    void refuseBadConfiguration(@Observes StartupEvent event) {
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
    }

    /** What is wrong with this configuration, one sentence a key; empty when it is fit to start. */
    public List<String> problems() {
        return problems;
    }

    /** The organisation of a sender: the configured one, else the sender's own per-sender value. */
    public String of(String address) {
        String a = normal(address);
        return configured(a).orElse(PER_SENDER + a);
    }

    /** The organisation configuration gives this address (its entry, its domain's, a parent domain's), or empty. */
    public Optional<String> configured(String address) {
        String a = normal(address);
        String byAddress = addresses.get(a);
        if (byAddress != null) {
            return Optional.of(byAddress);
        }
        String domain = a.substring(a.lastIndexOf('@') + 1);
        if (isPublic(domain)) {
            return Optional.empty();
        }
        for (String candidate = domain; candidate.contains("."); candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            String org = domains.get(candidate);
            if (org != null) {
                return Optional.of(org);
            }
        }
        return Optional.empty();
    }

    /** Is this a public mail provider's domain or a subdomain of one? */
    public boolean isPublic(String domain) {
        String d = normal(domain);
        for (String candidate = d; !candidate.isEmpty(); candidate = candidate.contains(".") ? candidate.substring(candidate.indexOf('.') + 1) : "") {
            if (publicDomains.contains(candidate)) {
                return true;
            }
        }
        return false;
    }

    /** A per-sender organisation: one sender's own, shared with nobody. */
    public static boolean perSender(String organisation) {
        return organisation != null && organisation.startsWith(PER_SENDER);
    }

    /** A token's {@code org} claim, or null when it cannot name an organisation (blank, or in the reserved per-sender form). */
    public static String usableClaim(String claim) {
        return claim == null || claim.isBlank() || claim.indexOf(RESERVED) >= 0 ? null : claim;
    }

    static List<String> problems(Map<String, String> domains, Map<String, String> addresses, Set<String> publicDomains) {
        List<String> found = new ArrayList<>();
        domains.forEach((domain, org) -> {
            String key = "support.intake.organisations.\"" + domain + "\"";
            String d = normal(domain);
            if (d.contains("@")) {
                found.add(key + " is an address: put it under support.intake.organisation-addresses");
            } else if (publicDomains.stream().anyMatch(p -> d.equals(p) || d.endsWith("." + p))) {
                found.add(key + " makes a public mail domain an organisation: everyone who uses it would share tickets; "
                        + "list its people under support.intake.organisation-addresses instead");
            }
            badName(key, org).ifPresent(found::add);
        });
        addresses.forEach((address, org) -> {
            String key = "support.intake.organisation-addresses.\"" + address + "\"";
            String a = normal(address);
            if (a.indexOf('@') < 1 || a.endsWith("@")) {
                found.add(key + " is not an email address: a domain goes under support.intake.organisations");
            }
            badName(key, org).ifPresent(found::add);
        });
        return List.copyOf(found);
    }

    private static Optional<String> badName(String key, String org) {
        if (org == null || org.isBlank()) {
            return Optional.of(key + " names no organisation");
        }
        if (org.indexOf(RESERVED) >= 0) {
            return Optional.of(key + "=" + org + ": an organisation name may not contain '" + RESERVED + "' (reserved for per-sender values)");
        }
        if (org.strip().length() > 100) {
            return Optional.of(key + ": an organisation name has at most 100 characters");
        }
        return Optional.empty();
    }

    private static Map<String, String> lowerKeys(Map<String, String> map) {
        Map<String, String> lower = new HashMap<>();
        map.forEach((k, v) -> {
            if (v != null && !v.isBlank()) {
                lower.put(normal(k), v.strip());
            }
        });
        return Map.copyOf(lower);
    }

    private static String normal(String text) {
        return text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
    }
}
