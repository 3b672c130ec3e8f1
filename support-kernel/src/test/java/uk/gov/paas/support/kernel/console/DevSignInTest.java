package uk.gov.paas.support.kernel.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

/** The development sign-in exists only in development profiles, and the sign-in form sends nobody off this console. */
class DevSignInTest {

    static final String KEY = "a-development-key-of-at-least-32-bytes";

    @Test
    void switchedOnOutsideTheDevelopmentProfilesItRefusesStartUp() {
        for (List<String> profiles : List.<List<String>>of(List.of("prod"), List.of("staging"), List.of(), List.of("local", "prod"), List.of("custom"))) {
            Optional<String> refused = DevSignIn.violation(profiles, true, KEY);
            assertTrue(refused.isPresent(), profiles.toString());
            assertTrue(refused.get().contains("support.console.dev-sign-in"), refused.get());
        }
        for (List<String> profiles : List.of(List.of("dev"), List.of("test"), List.of("local"))) {
            assertEquals(Optional.empty(), DevSignIn.violation(profiles, true, KEY), profiles.toString());
        }
        assertEquals(Optional.empty(), DevSignIn.violation(List.of("prod"), false, null), "off: nothing to refuse");
        assertTrue(DevSignIn.violation(List.of("local"), true, "short").isPresent(), "a short key is refused");
    }

    @Test
    void theFormOnlyEverReturnsToAPathOfThisConsole() {
        assertEquals("/console/tickets/7?done=x", SignInResource.safeNext("/console/tickets/7?done=x"));
        for (String next : new String[] {null, "", "https://evil.example/console", "//evil.example/console", "/\\evil.example", "/api/tickets",
                "/console\r\nSet-Cookie: x=y", "/console/sign-in", "/console/sign-out", "javascript:alert(1)", "/console/../evil"}) {
            assertEquals("/console", SignInResource.safeNext(next), String.valueOf(next));
        }
    }
}
