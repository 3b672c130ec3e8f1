package uk.gov.paas.support.kernel.outbox;

import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Makes the calls queued for one target service, through that service's REST client (owned by the caller, with its
 * connect and read timeouts; no retry or circuit breaker of its own: the outbox retries, with backoff). A service
 * declares one bean per callee.
 */
public interface CallSender {

    /** The {@link OutgoingCall#target()} this sender makes calls for. */
    String target();

    /**
     * Makes the call, passing {@code call.idempotencyKey} to the receiver, and sorts the answer with {@link #exchange}
     * (the one rule for every sender). Returns a short note of the result for the admin API (e.g. the id created).
     * Throws {@link RejectedCall} as {@code exchange} does, when the receiver refused the request itself (a 4xx other
     * than 401, 403, 408 and 429): retrying cannot help, so the call is dead at once. Any other exception (a 5xx, a
     * 401 or 403 while a token is rotated, a timeout) is retried with backoff.
     * <p>
     * Runs on one of the call relay's caller threads, several calls at once ({@code support.outbox.call-concurrency}),
     * inside the transaction that holds the row's lock and then records the outcome, on a detached copy of the row: it
     * talks to the receiver and must not touch this service's database. What the answer changes here belongs in the
     * step {@link #make} returns.
     */
    String send(OutboxCall call) throws Exception;

    /**
     * What the call relay runs on a caller thread: makes the call and returns what is left to do with the answer, which the
     * relay runs inside the transaction that records the call as sent (again, in a fresh one, if that commit failed). By default {@link #send}, with
     * nothing left but its note. A sender whose answer changes this service's database (e.g. links what the receiver
     * created) overrides this: the call here, the database work in the returned step.
     */
    default Made make(OutboxCall call) throws Exception {
        String note = send(call);
        return () -> note;
    }

    /** A call's answer, still to be recorded: run on the relay's thread, in its transaction; returns the note kept for the admin API. */
    @FunctionalInterface
    interface Made {
        String record() throws Exception;
    }

    /** A receiver's 2xx answer: its status and body. */
    record Answer(int status, String body) {
    }

    /**
     * Makes one call through a REST client and sorts its answer the one way every sender must: a 2xx is returned; a 4xx
     * other than 401, 403, 408 and 429 means the request itself is wrong, so {@link RejectedCall} (dead at once); anything
     * else (5xx, 401/403 from a token being rotated, a timeout) is thrown for the outbox to retry with backoff.
     */
    static Answer exchange(String receiver, Supplier<Response> call) throws RejectedCall {
        Response answered;
        try {
            answered = call.get();
        } catch (WebApplicationException e) {
            // REST clients turn 4xx/5xx answers into exceptions; the status decides between dead and retried
            answered = e.getResponse();
        }
        try (Response response = answered) {
            int status = response.getStatus();
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            if (status >= 200 && status < 300) {
                return new Answer(status, body);
            }
            if (status >= 400 && status < 500 && status != 401 && status != 403 && status != 408 && status != 429) {
                throw new RejectedCall(status + ": " + body);
            }
            throw new IllegalStateException(receiver + " answered " + status + ": " + body);
        }
    }

    /** The receiver refused this request as it is; it goes dead at once and is logged as an error. */
    class RejectedCall extends Exception {
        public RejectedCall(String message) {
            super(message);
        }
    }
}
