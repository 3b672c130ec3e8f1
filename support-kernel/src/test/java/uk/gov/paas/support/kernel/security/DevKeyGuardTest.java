package uk.gov.paas.support.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class DevKeyGuardTest {

    private static final String DEV_KEY = DevKeyGuard.readKey(DevKeyGuard.DEV_KEY_RESOURCE);

    @Test
    void prodRefusesTheDevelopmentKeyByLocationOrByContent() {
        assertEquals(1, DevKeyGuard.violations(List.of("prod"), "dev-jwt/dev-public-key.pem", DEV_KEY, "https://idp.example/realms/paas").size());
        assertEquals(1, DevKeyGuard.violations(List.of("prod"), "/etc/keys/copied.pem", DEV_KEY, "https://idp.example/realms/paas").size(),
                "a copy of the dev key under another name is still the dev key");
    }

    @Test
    void prodRefusesTheDevelopmentIssuer() {
        List<String> problems = DevKeyGuard.violations(List.of("prod"), "https://idp.example/jwks", null, "https://support.local/dev");
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("JWT_ISSUER"));
    }

    @Test
    void anyProfileOutsideDevTestAndLocalRefusesIt() {
        assertEquals(2, DevKeyGuard.violations(List.of("staging"), "dev-jwt/dev-public-key.pem", DEV_KEY, "https://support.local/dev").size());
    }

    @Test
    void developmentProfilesAcceptIt() {
        for (String profile : List.of("dev", "test", "local")) {
            assertTrue(DevKeyGuard.violations(List.of(profile), "dev-jwt/dev-public-key.pem", DEV_KEY, "https://support.local/dev").isEmpty());
        }
    }

    @Test
    void prodAcceptsTheProvidersKey() {
        assertTrue(DevKeyGuard.violations(List.of("prod"), "https://idp.example/realms/paas/protocol/openid-connect/certs", null,
                "https://idp.example/realms/paas").isEmpty());
    }
}
