package uk.gov.paas.support.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** The token parser every request uses remembers what it verified, and nothing else, and not for longer than it may. */
@QuarkusTest
class VerifiedTokensTest {

    @Inject
    JWTParser parser;
    @Inject
    JWTAuthContextInfo authContextInfo;

    @Test
    void requestsAreAuthenticatedByTheRememberingParser() {
        assertInstanceOf(VerifiedTokens.class, parser, "Quarkus's JWT validator injects this parser");
    }

    @Test
    void theSameTokenIsVerifiedOnceAndThenServedFromMemory() throws Exception {
        String token = DevTokens.forRole("agent");
        JsonWebToken first = parser.parse(token);
        JsonWebToken second = parser.parse(token);
        assertSame(first, second, "the second request with the token costs no verification");
        assertEquals(List.of("agent"), List.copyOf(second.getGroups()));
        assertNotSame(first, parser.parse(DevTokens.forRole("agent")), "another token is verified on its own");
    }

    @Test
    void aTokenThatFailsVerificationIsNeverRemembered() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String forged = DevTokens.sign(claims(600), generator.generateKeyPair().getPrivate());
        int before = ((VerifiedTokens) parser).remembered();
        assertThrows(ParseException.class, () -> parser.parse(forged));
        assertThrows(ParseException.class, () -> parser.parse(forged), "refused again, not served from memory");
        assertEquals(before, ((VerifiedTokens) parser).remembered());

        String good = DevTokens.sign(claims(600));
        parser.parse(good);
        String tampered = good.substring(0, good.lastIndexOf('.') + 1) + "AAAA" + good.substring(good.lastIndexOf('.') + 5);
        assertThrows(ParseException.class, () -> parser.parse(tampered), "another text is another token, verified afresh");
    }

    @Test
    void aRememberedTokenIsVerifiedAgainOnceItHasExpiredOrAfterFiveMinutes() throws Exception {
        MutableClock clock = new MutableClock();
        clock.set(Instant.now());
        VerifiedTokens tokens = new VerifiedTokens(authContextInfo, clock);
        String shortLived = DevTokens.sign(claims(60));
        JsonWebToken first = tokens.parse(shortLived);
        assertSame(first, tokens.parse(shortLived));
        clock.advance(Duration.ofSeconds(61));
        // past its expiry: not served from memory, verified again from scratch (by the machine's time it is still
        // valid, so smallrye-jwt accepts it, as it would with no memory at all)
        assertNotSame(first, tokens.parse(shortLived));

        String longLived = DevTokens.forRole("agent");
        JsonWebToken remembered = tokens.parse(longLived);
        clock.advance(Duration.ofMinutes(4));
        assertSame(remembered, tokens.parse(longLived), "within five minutes");
        clock.advance(Duration.ofMinutes(1));
        assertNotSame(remembered, tokens.parse(longLived), "verified again after five minutes, though it lasts 12 hours");
    }

    private static JwtClaims claims(long secondsToLive) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer("https://support.local/dev");
        claims.setSubject("dev-agent@support.local");
        claims.setClaim("upn", "dev-agent@support.local");
        claims.setStringListClaim("groups", List.of("agent"));
        claims.setIssuedAtToNow();
        NumericDate expiry = NumericDate.now();
        expiry.addSeconds(secondsToLive);
        claims.setExpirationTime(expiry);
        claims.setJwtId(UUID.randomUUID().toString());
        return claims;
    }
}
