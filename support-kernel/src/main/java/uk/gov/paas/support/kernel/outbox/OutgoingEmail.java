package uk.gov.paas.support.kernel.outbox;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An email to send through the outbox. The idempotency key names the cause (for example
 * {@code ticket-42/reply-7}); enqueueing the same key twice sends one email.
 */
public record OutgoingEmail(String idempotencyKey, List<String> to, String subject, String text, String html,
        Map<String, String> headers) {

    public OutgoingEmail {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("an idempotency key is 1 to 200 characters");
        }
        to = List.copyOf(Objects.requireNonNull(to, "to"));
        if (to.isEmpty() || to.stream().anyMatch(address -> address == null || address.isBlank() || address.contains(","))) {
            throw new IllegalArgumentException("an email needs at least one recipient, each a single address");
        }
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(text, "text");
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        if (headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Message-ID"))) {
            throw new IllegalArgumentException("the outbox sets Message-ID itself, from the idempotency key");
        }
    }

    /** A plain-text email with no extra headers. */
    public static OutgoingEmail text(String idempotencyKey, String to, String subject, String text) {
        return new OutgoingEmail(idempotencyKey, List.of(to), subject, text, null, Map.of());
    }
}
