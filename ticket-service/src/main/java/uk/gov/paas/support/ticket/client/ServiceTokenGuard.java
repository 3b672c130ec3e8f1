package uk.gov.paas.support.ticket.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigUtils;

/**
 * Outside development, ticket-service must start with its own tokens for incident-service and escalation-service:
 * without them every emergency email's incident and page would wait in the outbox until someone noticed.
 */
public class ServiceTokenGuard {

    static final Set<String> DEVELOPMENT_PROFILES = Set.of("dev", "test", "local");

    void onStart(@Observes StartupEvent event, @ConfigProperty(name = "support.incident-client.token") Optional<String> incident,
            @ConfigProperty(name = "support.escalation-client.token") Optional<String> escalation) {
        violation(ConfigUtils.getProfiles(), incident.orElse(null), escalation.orElse(null)).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem);
        });
    }

    static Optional<String> violation(List<String> profiles, String incidentToken, String escalationToken) {
        if (profiles.stream().anyMatch(DEVELOPMENT_PROFILES::contains)) {
            return Optional.empty();
        }
        List<String> missing = new ArrayList<>();
        if (incidentToken == null || incidentToken.isBlank()) {
            missing.add("support.incident-client.token (INCIDENT_SERVICE_TOKEN)");
        }
        if (escalationToken == null || escalationToken.isBlank()) {
            missing.add("support.escalation-client.token (ESCALATION_SERVICE_TOKEN)");
        }
        return missing.isEmpty() ? Optional.empty()
                : Optional.of(String.join(" and ", missing) + " not set; set a bearer token with the role service issued to ticket-service");
    }
}
