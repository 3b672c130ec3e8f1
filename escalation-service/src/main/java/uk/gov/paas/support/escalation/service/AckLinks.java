package uk.gov.paas.support.escalation.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.runtime.Startup;

import uk.gov.paas.support.escalation.config.EscalationConfig;

/**
 * Signed, expiring acknowledgement links: {@code /ack/<page>.<person>.<expiry>.<signature>}. The signature covers
 * the page, so a link acknowledges that one page only; anyone holding it may use it, as an email link must work
 * without logging in.
 */
@ApplicationScoped
@Startup // a missing or short secret stops start-up, not the first page at 3 a.m.
public class AckLinks {

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,18})\\.(\\d{1,18})\\.(\\d{1,12})\\.([A-Za-z0-9_-]{43})");

    /** What a well-formed, correctly signed token says; it may have expired. */
    public record AckToken(long pageId, long personId, Instant expiresAt) {
        public boolean expiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }
    }

    private final EscalationConfig config;
    private final byte[] key;

    AckLinks(EscalationConfig config) {
        this.config = config;
        String secret = config.ackLinks().secret();
        if (secret.length() < 32) {
            throw new IllegalStateException("support.escalation.ack-links.secret (ACK_LINK_SECRET) must be at least 32 characters");
        }
        this.key = secret.getBytes(StandardCharsets.UTF_8);
    }

    /** The link for one person to acknowledge one page, working until {@code now} plus the configured validity. */
    public String link(long pageId, long personId, Instant now) {
        long expires = now.plus(config.ackLinks().validity()).getEpochSecond();
        String payload = pageId + "." + personId + "." + expires;
        return stripSlash(config.publicUrl()) + "/ack/" + payload + "." + sign(payload);
    }

    /** The token's claims if it is well formed and signed by us; empty for anything else. */
    public Optional<AckToken> verify(String token) {
        Matcher m = TOKEN.matcher(token == null ? "" : token);
        if (!m.matches()) {
            return Optional.empty();
        }
        String payload = m.group(1) + "." + m.group(2) + "." + m.group(3);
        byte[] expected = sign(payload).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, m.group(4).getBytes(StandardCharsets.US_ASCII))) {
            return Optional.empty();
        }
        return Optional.of(new AckToken(Long.parseLong(m.group(1)), Long.parseLong(m.group(2)),
                Instant.ofEpochSecond(Long.parseLong(m.group(3)))));
    }

    private String sign(String payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] signature = mac.doFinal(("ack:" + payload).getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
