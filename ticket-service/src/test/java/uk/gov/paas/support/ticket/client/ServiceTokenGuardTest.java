package uk.gov.paas.support.ticket.client;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceTokenGuardTest {

    @Test
    void productionWithoutEitherTokenIsRefusedNamingBoth() {
        String problem = ServiceTokenGuard.violation(List.of("prod"), null, null).orElseThrow();
        assertTrue(problem.contains("support.incident-client.token (INCIDENT_SERVICE_TOKEN)"), problem);
        assertTrue(problem.contains("support.escalation-client.token (ESCALATION_SERVICE_TOKEN)"), problem);
    }

    @Test
    void productionWithOnlyOneTokenIsRefusedNamingTheMissingOne() {
        String noIncident = ServiceTokenGuard.violation(List.of("prod"), null, "eyJ...").orElseThrow();
        assertTrue(noIncident.contains("INCIDENT_SERVICE_TOKEN"), noIncident);
        assertFalse(noIncident.contains("ESCALATION_SERVICE_TOKEN"), noIncident);

        String noEscalation = ServiceTokenGuard.violation(List.of("prod"), "eyJ...", null).orElseThrow();
        assertTrue(noEscalation.contains("ESCALATION_SERVICE_TOKEN"), noEscalation);
        assertFalse(noEscalation.contains("INCIDENT_SERVICE_TOKEN"), noEscalation);
    }

    @Test
    void aBlankTokenCountsAsMissing() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "  ", "eyJ...").orElseThrow().contains("INCIDENT_SERVICE_TOKEN"));
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "eyJ...", "").orElseThrow().contains("ESCALATION_SERVICE_TOKEN"));
    }

    @Test
    void productionWithBothTokensStarts() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "eyJ...", "eyJ...").isEmpty());
    }

    @Test
    void developmentProfilesStartWithoutTokens() {
        assertTrue(ServiceTokenGuard.violation(List.of("local"), null, null).isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("test"), null, null).isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("dev"), null, null).isEmpty());
        // a development profile among others (e.g. quarkus.profile=local,custom) is still development
        assertTrue(ServiceTokenGuard.violation(List.of("custom", "local"), null, null).isEmpty());
    }

    @Test
    void anyOtherProfileIsTreatedAsProduction() {
        assertTrue(ServiceTokenGuard.violation(List.of("staging"), null, null).isPresent());
    }
}
