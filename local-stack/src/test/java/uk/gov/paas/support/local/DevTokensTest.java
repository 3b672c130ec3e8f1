package uk.gov.paas.support.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import org.junit.jupiter.api.Test;

class DevTokensTest {

    private static String payload(String token) {
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }

    @Test
    void tenantTokenCarriesItsOrganisationAndRole() {
        String payload = payload(DevTokens.tenant("acme"));
        assertTrue(payload.contains("\"org\":\"acme\""), payload);
        assertTrue(payload.contains("\"groups\":[\"tenant\"]"), payload);
        assertTrue(payload.contains("\"iss\":\"" + DevTokens.ISSUER + "\""), payload);
    }

    @Test
    void tenantTokenWithoutOrganisationIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DevTokens.mint("tenant", null, "x", java.time.Duration.ofMinutes(5)));
        assertEquals("a tenant token needs an organisation", e.getMessage());
    }

    @Test
    void unknownRoleIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> DevTokens.forRole("superuser"));
    }
}
