package uk.gov.paas.support.incident.client;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ServiceTokenGuardTest {

    @Test
    void productionWithoutATokenIsRefused() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), null).orElseThrow().contains("ESCALATION_SERVICE_TOKEN"));
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "  ").isPresent());
    }

    @Test
    void productionWithATokenAndDevelopmentProfilesStart() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), "eyJ...").isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("local"), null).isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("test"), null).isEmpty());
    }
}
