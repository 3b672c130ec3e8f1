package uk.gov.paas.support.kernel.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;

/**
 * The bearer-token parser every request's authentication uses (Quarkus's JWT validator injects a {@link JWTParser}):
 * smallrye-jwt's own, verifying signature, issuer and expiry, with, for {@link #parse(String)} only, the tokens it accepted remembered for a while, so
 * that a caller sending the same token on every request (monitoring, another service, an agent's session) costs one
 * RSA verification, not one per request. In the benchmark's profile, parsing and verifying the token was 14% of a
 * ticket create's CPU.
 *
 * <p>Fail closed: only a token that verified is remembered, under its exact text; a remembered token is served until
 * its own expiry or {@link #KEEP_AT_MOST} after it was verified, whichever comes first (so a signing key withdrawn
 * from the provider stops being honoured within minutes, as with a JWKS refresh); then it is verified again from
 * scratch. A failure is never remembered. At most {@link #MAX_TOKENS} are kept; past that the memory is emptied.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens extends DefaultJWTParser {

    /** How long a verified token is served without verifying it again, at most. */
    static final Duration KEEP_AT_MOST = Duration.ofMinutes(5);
    /** How many verified tokens are kept at most (a few MB). */
    static final int MAX_TOKENS = 4096;

    /** The machine's time, like the verifier's: a token's expiry is real time, not the settable clock of tests. */
    private final Clock clock;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(JsonWebToken token, Instant until) {
    }

    @Inject
    VerifiedTokens(JWTAuthContextInfo authContextInfo) {
        this(authContextInfo, Clock.systemUTC());
    }

    /** With a clock of its own, for tests of expiry that need not wait for it. */
    VerifiedTokens(JWTAuthContextInfo authContextInfo, Clock clock) {
        super(authContextInfo);
        this.clock = clock;
    }

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        Instant now = clock.instant();
        Verified known = verified.get(token);
        if (known != null) {
            if (now.isBefore(known.until())) {
                return known.token();
            }
            verified.remove(token, known);
        }
        JsonWebToken fresh = super.parse(token);
        long expiresAt = fresh.getExpirationTime();
        if (expiresAt > 0) {
            Instant until = Instant.ofEpochSecond(expiresAt);
            Instant latest = now.plus(KEEP_AT_MOST);
            until = until.isAfter(latest) ? latest : until;
            if (now.isBefore(until)) {
                if (verified.size() >= MAX_TOKENS) {
                    verified.clear();
                }
                verified.put(token, new Verified(fresh, until));
            }
        }
        return fresh;
    }

    /** How many verified tokens are remembered now (tests). */
    int remembered() {
        return verified.size();
    }
}
