package uk.gov.paas.support.kernel.config;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * The one answer to "is this a development profile?", asked by every start-up guard and every demo loader.
 * <ul>
 * <li>{@code dev}, {@code test}, {@code local}: development. The committed development key is trusted, demo data loads
 * where switched on, service tokens are optional.</li>
 * <li>{@code staging}, {@code prod} and any other profile: production-like, failing closed. The development key is
 * refused, switched-on demo data refuses start-up, every service token is required.</li>
 * </ul>
 * With several profiles active ({@code quarkus.profile=local,custom}) the run is development only when one of them is a
 * development profile and none is {@code staging} or {@code prod}; no profile at all is production-like.
 */
public final class Profiles {

    public static final Set<String> DEVELOPMENT = Set.of("dev", "test", "local");
    public static final Set<String> PRODUCTION = Set.of("staging", "prod");

    private Profiles() {
    }

    /** The profiles this process runs with. */
    public static List<String> active() {
        return ConfigUtils.getProfiles();
    }

    public static boolean isDevelopment(Collection<String> active) {
        return active.stream().anyMatch(DEVELOPMENT::contains) && active.stream().noneMatch(PRODUCTION::contains);
    }

    /** Whether the committed development JWT key and issuer may be trusted (DevKeyGuard). */
    public static boolean trustsDevelopmentKey(Collection<String> active) {
        return isDevelopment(active);
    }

    /** Whether a service must start with a token for every service it calls (ServiceTokenGuard). */
    public static boolean requiresServiceTokens(Collection<String> active) {
        return !isDevelopment(active);
    }

    /**
     * Whether a demo data loader loads: only when switched on ({@code property} true), and only in development. Switched on
     * under any other profile it refuses start-up, naming the property: demo people, tickets or components must never
     * reach a production-like database.
     */
    public static boolean loadsDemoData(Collection<String> active, boolean switchedOn, String property) {
        if (!switchedOn) {
            return false;
        }
        if (!isDevelopment(active)) {
            throw new IllegalStateException("Refusing to start: " + property + " is for the local run only (profiles "
                    + String.join(", ", DEVELOPMENT.stream().sorted().toList()) + "), never production; active profiles: "
                    + (active.isEmpty() ? "none" : String.join(",", active)));
        }
        return true;
    }
}
