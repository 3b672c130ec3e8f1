package uk.gov.paas.support.kernel.outbox;

import java.util.Objects;

/**
 * A call to another service that must happen even if that service is down now: {@code target} names the
 * {@link CallSender} that makes it, {@code operation} what to do, {@code payload} its JSON body. The idempotency key
 * names the cause (for example {@code incident-7/missed-update-2026-11-28T02:00:00Z}); queueing it twice makes one
 * call, and the receiver gets the key so a retry after a timeout changes nothing there either.
 */
public record OutgoingCall(String idempotencyKey, String target, String operation, String payload) {

    public OutgoingCall {
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        if (idempotencyKey.isBlank() || idempotencyKey.length() > 200) {
            throw new IllegalArgumentException("an idempotency key is 1 to 200 characters");
        }
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(payload, "payload");
    }
}
