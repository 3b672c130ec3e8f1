package uk.gov.paas.support.kernel.outbox;

import java.util.function.Supplier;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;

/**
 * Makes the calls queued for one target service, through that service's REST client (owned by the caller, with
 * its timeout, retry and circuit breaker). A service declares one bean per callee.
 */
public interface CallSender {

    /** The {@link OutgoingCall#target()} this sender makes calls for. */
    String target();

    /**
     * Makes the call, passing {@code call.idempotencyKey} to the receiver. Returns a short note of the result for
     * the admin API (e.g. the id created). Throws {@link RejectedCall} when the receiver refused the request itself
     * (a 4xx other than 408/429): retrying cannot help, so the call is dead at once. Any other exception is retried.
     */
    String send(OutboxCall call) throws Exception;

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
