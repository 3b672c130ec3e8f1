package uk.gov.paas.support.kernel.console;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The browser console every service serves under {@code /console}: its name in the header, the other services' consoles
 * in the navigation, and the development sign-in. In a cluster people sign in through the platform's identity provider
 * (OIDC code flow, {@code quarkus.oidc.*}); the development sign-in exists only in the development profiles.
 */
@ConfigMapping(prefix = "support.console")
public interface ConsoleConfig {

    /** The service's name in the console's header, e.g. "Support desk". */
    @WithDefault("Support")
    String serviceName();

    /** Where each service's console lives, for the navigation shared by the three (empty: not linked). */
    Links links();

    interface Links {
        Optional<String> tickets();

        Optional<String> incidents();

        Optional<String> onCall();
    }

    /**
     * The development sign-in: a form that signs in as any role and, for a tenant, any organisation, with no password.
     * Only for local runs and tests; switched on in any other profile it refuses start-up ({@link DevSignIn#violation}).
     */
    @WithDefault("false")
    boolean devSignIn();

    /**
     * The key that signs a development session cookie (HMAC-SHA256, at least 32 bytes). The development profiles share
     * one committed key, so signing in to one local service signs in to all three (a cookie is sent to every port of a host).
     */
    Optional<String> devSessionKey();

    /**
     * The secret that binds each console form to its session (CSRF, {@link ConsoleForms}); every replica of a service must
     * share it. Outside the development profiles it is required when the console is on: CONSOLE_SECRET.
     */
    Optional<String> secret();

    /** How long a development session lasts (a shift). */
    @WithDefault("PT8H")
    Duration devSessionLength();
}
