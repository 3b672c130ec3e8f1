package uk.gov.paas.support.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.clients.ServiceTokenGuard;
import uk.gov.paas.support.kernel.security.DevKeyGuard;

/**
 * The profile table, asked of the real start-up guards and the demo data rule: development (dev, test, local) trusts the
 * development key, starts without service tokens and loads demo data; production-like (staging, prod, any other) refuses
 * all three.
 */
class ProfilesTest {

    private static final String DEV_KEY = "dev-jwt/dev-public-key.pem";
    private static final String DEV_ISSUER = "https://support.local/dev";
    private static final Map<String, Optional<String>> NO_TOKENS = Map.of("incident-service", Optional.empty());

    record Row(List<String> profiles, boolean development) {
    }

    static final List<Row> TABLE = List.of(
            new Row(List.of("dev"), true),
            new Row(List.of("test"), true),
            new Row(List.of("local"), true),
            new Row(List.of("staging"), false),
            new Row(List.of("prod"), false),
            new Row(List.of("qa"), false), // an unknown profile fails closed
            new Row(List.of(), false),
            new Row(List.of("local", "custom"), true), // a development profile among unknown ones is still development
            new Row(List.of("local", "staging"), false), // ... but never beside a production one
            new Row(List.of("prod", "test"), false));

    @Test
    void theWholeTable() {
        for (Row row : TABLE) {
            String which = "profiles " + row.profiles();
            assertEquals(row.development(), Profiles.isDevelopment(row.profiles()), which);

            // start-up guard 1: the committed development key and issuer
            List<String> devKey = DevKeyGuard.violations(row.profiles(), DEV_KEY, null, DEV_ISSUER);
            assertEquals(row.development() ? 0 : 2, devKey.size(), which + ": " + devKey);

            // start-up guard 2: the tokens for the services this one calls
            Optional<String> tokens = ServiceTokenGuard.violation(row.profiles(), NO_TOKENS, "ticket-service");
            assertEquals(!row.development(), tokens.isPresent(), which + ": " + tokens);
            assertTrue(ServiceTokenGuard.violation(row.profiles(), Map.of("incident-service", Optional.of("eyJ...")), "ticket-service").isEmpty(),
                    which + " with its token set");

            // demo data: loads in development, refuses start-up anywhere else, never loads when switched off
            assertFalse(Profiles.loadsDemoData(row.profiles(), false, "support.tickets.demo-data"), which);
            if (row.development()) {
                assertTrue(Profiles.loadsDemoData(row.profiles(), true, "support.tickets.demo-data"), which);
            } else {
                IllegalStateException refused = assertThrows(IllegalStateException.class,
                        () -> Profiles.loadsDemoData(row.profiles(), true, "support.tickets.demo-data"), which);
                assertTrue(refused.getMessage().startsWith("Refusing to start: support.tickets.demo-data is for the local run only"),
                        refused.getMessage());
            }
        }
    }

    @Test
    void theRulesAskOneQuestion() {
        for (Row row : TABLE) {
            assertEquals(row.development(), Profiles.trustsDevelopmentKey(row.profiles()));
            assertEquals(!row.development(), Profiles.requiresServiceTokens(row.profiles()));
        }
    }

    @Test
    void theTestsRunUnderTheTestProfile() {
        assertTrue(Profiles.isDevelopment(Profiles.active()), "active profiles " + Profiles.active());
        assertTrue(Profiles.active().contains("test"));
    }
}
