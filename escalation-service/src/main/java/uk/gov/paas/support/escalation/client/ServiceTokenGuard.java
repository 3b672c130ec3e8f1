package uk.gov.paas.support.escalation.client;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Outside development, escalation-service must start with its own token for incident-service: without it no
 * acknowledgement or resolve of an incident's page would reach the incident's timeline.
 */
public class ServiceTokenGuard {

    static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test", "local");

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "support.incident-client.token") Optional<String> incident) {
        violation(ConfigUtils.getProfiles(), incident.orElse(null)).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem);
        });
    }

    static Optional<String> violation(List<String> profiles, String incidentToken) {
        if (profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains) || (incidentToken != null && !incidentToken.isBlank())) {
            return Optional.empty();
        }
        return Optional.of("support.incident-client.token (INCIDENT_SERVICE_TOKEN) is not set; set a bearer token with the role service "
                + "issued to escalation-service");
    }
}
