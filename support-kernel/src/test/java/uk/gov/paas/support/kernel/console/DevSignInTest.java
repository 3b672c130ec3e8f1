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

    static ConsoleConfig config(String key) {
        return new ConsoleConfig() {
            public String serviceName() {
                return "Test";
            }

            public Links links() {
                return new Links() {
                    public Optional<String> tickets() {
                        return Optional.empty();
                    }

                    public Optional<String> incidents() {
                        return Optional.empty();
                    }

                    public Optional<String> onCall() {
                        return Optional.empty();
                    }
                };
            }

            public boolean devSignIn() {
                return true;
            }

            public Optional<String> devSessionKey() {
                return Optional.of(key);
            }

            public Optional<String> secret() {
                return Optional.empty();
            }

            public java.time.Duration devSessionLength() {
                return java.time.Duration.ofHours(8);
            }
        };
    }

    @Test
    void aSessionEndsAfterItsLengthAndOnlyItsOwnKeySignsIt() {
        java.time.Instant start = java.time.Instant.parse("2026-12-07T09:00:00Z");
        DevSignIn signIn = new DevSignIn(config(KEY), java.time.Clock.fixed(start, java.time.ZoneOffset.UTC));
        String session = signIn.session("tenant", "acme", "jo@acme.example", "Jo");
        assertEquals("acme", signIn.verify(session).orElseThrow().getClaimValue("org"));
        DevSignIn later = new DevSignIn(config(KEY), java.time.Clock.fixed(start.plusSeconds(8 * 3600 - 1), java.time.ZoneOffset.UTC));
        assertTrue(later.verify(session).isPresent(), "still within the shift");
        DevSignIn expired = new DevSignIn(config(KEY), java.time.Clock.fixed(start.plusSeconds(8 * 3600 + 120), java.time.ZoneOffset.UTC));
        assertEquals(Optional.empty(), expired.verify(session), "a session ends after 8 hours");
        DevSignIn otherKey = new DevSignIn(config("another-development-key-of-32-bytes!"), java.time.Clock.fixed(start, java.time.ZoneOffset.UTC));
        assertEquals(Optional.empty(), otherKey.verify(session), "signed with another key: nobody");
        String[] parts = session.split("\\.");
        assertEquals(Optional.empty(), signIn.verify(parts[0] + "." + parts[1] + "x." + parts[2]), "tampered: nobody");
        assertEquals(Optional.empty(), signIn.verify("eyJhbGciOiJub25lIn0." + parts[1] + "."), "alg none: nobody");
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
