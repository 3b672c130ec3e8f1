package uk.gov.paas.support.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The one start-up guard for service tokens, with each service's callees (ticket-service calls both others). */
class ServiceTokenGuardTest {

    private static final Optional<String> SET = Optional.of("eyJ...");
    private static final Optional<String> UNSET = Optional.empty();

    private static Map<String, Optional<String>> ticketService(Optional<String> incident, Optional<String> escalation) {
        return Map.of("incident-service", incident, "escalation-service", escalation);
    }

    @Test
    void productionWithoutEitherTokenIsRefusedNamingBoth() {
        String problem = ServiceTokenGuard.violation(List.of("prod"), ticketService(UNSET, UNSET), "ticket-service").orElseThrow();
        assertEquals("support.clients.escalation-service.token (ESCALATION_SERVICE_TOKEN) and support.clients.incident-service.token "
                + "(INCIDENT_SERVICE_TOKEN) are not set; set each to a bearer token with the role service issued to ticket-service", problem);
    }

    @Test
    void productionWithOnlyOneTokenIsRefusedNamingTheMissingOne() {
        String noIncident = ServiceTokenGuard.violation(List.of("prod"), ticketService(UNSET, SET), "ticket-service").orElseThrow();
        assertTrue(noIncident.startsWith("support.clients.incident-service.token (INCIDENT_SERVICE_TOKEN) is not set"), noIncident);
        assertFalse(noIncident.contains("ESCALATION_SERVICE_TOKEN"), noIncident);

        String noEscalation = ServiceTokenGuard.violation(List.of("prod"), ticketService(SET, UNSET), "ticket-service").orElseThrow();
        assertTrue(noEscalation.contains("ESCALATION_SERVICE_TOKEN"), noEscalation);
        assertFalse(noEscalation.contains("INCIDENT_SERVICE_TOKEN"), noEscalation);
    }

    @Test
    void aBlankTokenCountsAsMissing() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), ticketService(Optional.of("  "), SET), "ticket-service").orElseThrow()
                .contains("INCIDENT_SERVICE_TOKEN"));
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), ticketService(SET, Optional.of("")), "ticket-service").orElseThrow()
                .contains("ESCALATION_SERVICE_TOKEN"));
    }

    @Test
    void productionWithEveryTokenStarts() {
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), ticketService(SET, SET), "ticket-service").isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), Map.of("escalation-service", SET), "incident-service").isEmpty());
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), Map.of("incident-service", SET), "escalation-service").isEmpty());
    }

    @Test
    void eachServiceIsRefusedNamingItsOwnCallee() {
        assertEquals("support.clients.escalation-service.token (ESCALATION_SERVICE_TOKEN) is not set; set it to a bearer token with the role "
                + "service issued to incident-service",
                ServiceTokenGuard.violation(List.of("prod"), Map.of("escalation-service", UNSET), "incident-service").orElseThrow());
        assertTrue(ServiceTokenGuard.violation(List.of("prod"), Map.of("incident-service", UNSET), "escalation-service").orElseThrow()
                .contains("support.clients.incident-service.token (INCIDENT_SERVICE_TOKEN) is not set"));
    }

    @Test
    void developmentProfilesStartWithoutTokens() {
        for (String profile : List.of("dev", "test", "local")) {
            assertTrue(ServiceTokenGuard.violation(List.of(profile), ticketService(UNSET, UNSET), "ticket-service").isEmpty(), profile);
        }
        // a development profile among others (e.g. quarkus.profile=local,custom) is still development
        assertTrue(ServiceTokenGuard.violation(List.of("custom", "local"), ticketService(UNSET, UNSET), "ticket-service").isEmpty());
    }

    @Test
    void anyOtherProfileIsTreatedAsProduction() {
        assertTrue(ServiceTokenGuard.violation(List.of("staging"), ticketService(UNSET, UNSET), "ticket-service").isPresent());
        assertTrue(ServiceTokenGuard.violation(List.of("qa"), ticketService(UNSET, UNSET), "ticket-service").isPresent());
    }

    @Test
    void theVariableFollowsTheCalleesName() {
        assertEquals("INCIDENT_SERVICE_TOKEN", ServiceClients.tokenVariable("incident-service"));
        assertEquals("ESCALATION_SERVICE_TOKEN", ServiceClients.tokenVariable("escalation-service"));
        assertEquals("support.clients.incident-service.token", ServiceClients.tokenProperty("incident-service"));
    }
}
