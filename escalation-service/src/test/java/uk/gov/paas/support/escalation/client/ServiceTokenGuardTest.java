package uk.gov.paas.support.escalation.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceTokenGuardTest {

    @Test
    void productionWithoutTheIncidentServiceTokenIsRefusedNamingIt() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), null).orElseThrow().contains("support.incident-client.token (INCIDENT_SERVICE_TOKEN)"));
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), " ").orElseThrow().contains("INCIDENT_SERVICE_TOKEN"), "blank counts as missing");
    }

    @Test
    void productionWithTheTokenAndDevelopmentProfilesStart() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "eyJ...").isEmpty());
        for (String profile : List.of("dev", "test", "local")) {
            assertTrue(ServiceTokenGuard.violation(List.of(profile), null).isEmpty(), profile);
        }
    }
}
