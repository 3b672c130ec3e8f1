package uk.gov.paas.support.incident.client;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Outside development, incident-service must start with its own token for escalation-service: without it every
 * lead check would answer 503 and every missed-update page would wait in the outbox until someone noticed.
 */
public class ServiceTokenGuard {

    static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test", "local");

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "support.escalation-client.token") Optional<String> token) {
        violation(ConfigUtils.getProfiles(), token.orElse(null)).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem);
        });
    }

    static Optional<String> violation(List<String> profiles, String token) {
        if (profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains) || (token != null && !token.isBlank())) {
            return Optional.empty();
        }
        return Optional.of("support.escalation-client.token is not set; set ESCALATION_SERVICE_TOKEN to a bearer token with the role "
                + "service issued to incident-service");
    }
}
