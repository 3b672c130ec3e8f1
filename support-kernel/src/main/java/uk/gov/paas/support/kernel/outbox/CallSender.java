package uk.gov.paas.support.kernel.outbox;

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

    /** The receiver refused this request as it is; it goes dead at once and is logged as an error. */
    class RejectedCall extends Exception {
        public RejectedCall(String message) {
            super(message);
        }
    }
}
