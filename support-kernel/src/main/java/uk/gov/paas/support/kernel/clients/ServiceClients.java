package uk.gov.paas.support.kernel.clients;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithParentName;

/**
 * The services this one calls and the bearer token (role {@code service}, issued to this service) it sends each:
 * {@code support.clients.<callee>.token}, the callee named as its REST client's {@code configKey}
 * ({@code incident-service}, {@code escalation-service}). A service's application.properties lists every callee it
 * calls, each from its environment variable, e.g. {@code support.clients.incident-service.token=${INCIDENT_SERVICE_TOKEN:}}.
 * The callee's address stays {@code quarkus.rest-client.<callee>.url} (INCIDENT_SERVICE_URL, ESCALATION_SERVICE_URL).
 * {@link ServiceTokenFilter} sends the token; {@link ServiceTokenGuard} refuses a production-like start without it.
 */
@ConfigMapping(prefix = ServiceClients.PREFIX)
public interface ServiceClients {

    String PREFIX = "support.clients";

    /** Callee name to its settings; every callee listed is required outside development. */
    @WithParentName
    Map<String, Callee> callees();

    interface Callee {
        /** Empty (unset or blank) is allowed only in development profiles. */
        Optional<String> token();
    }

    /** Each callee's token, unset ones empty, in callee order. */
    default Map<String, Optional<String>> tokens() {
        Map<String, Optional<String>> tokens = new TreeMap<>();
        callees().forEach((callee, settings) -> tokens.put(callee, settings.token().filter(t -> !t.isBlank())));
        return tokens;
    }

    /** The property that holds a callee's token. */
    static String tokenProperty(String callee) {
        return PREFIX + "." + callee + ".token";
    }

    /** The environment variable that sets it, by the platform's convention: incident-service, INCIDENT_SERVICE_TOKEN. */
    static String tokenVariable(String callee) {
        return callee.toUpperCase(Locale.ROOT).replace('-', '_') + "_TOKEN";
    }
}
