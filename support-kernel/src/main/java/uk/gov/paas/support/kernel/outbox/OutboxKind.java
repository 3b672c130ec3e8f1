package uk.gov.paas.support.kernel.outbox;

import java.util.concurrent.Callable;

/**
 * One kind of outgoing effect (an email, a call): its send step; its table and caller threads are given to its
 * {@link RelayLoop} ({@link RelayLoop.Table}). Everything else (claiming due rows,
 * counting attempts, backing off, marking rows sent or dead, the meters and the logs) is the one {@link RelayLoop}'s.
 */
interface OutboxKind<R extends OutboxRow> {

    /** Opens what the sends of one batch share (one SMTP connection, say); the loop closes it when they are done. */
    Sending<R> open();

    /**
     * True when the row's effect must not be lost (a call: declare an incident, page, resolve a page): it is retried,
     * with backoff capped at {@code support.outbox.call-backoff-max}, for as long as its receiver fails or cannot be
     * reached, and is dead only when the receiver refused the request itself. False (an email): dead after
     * {@code support.outbox.max-attempts}.
     */
    default boolean neverGivenUp() {
        return false;
    }

    /**
     * True when a send that got no answer in time may still have been taken, so that each retry may deliver another
     * copy the receiver cannot recognise (an email): after {@code support.outbox.park-after-timeouts} such sends the row
     * is parked for an operator. False when the receiver honours the idempotency key (a call), so a retry is harmless.
     */
    default boolean parksAfterTimeouts() {
        return false;
    }

    /** What a failed attempt leaves in the row's {@code last_error}. */
    default String describeFailure(R row, Exception e) {
        return RelayLoop.describe(e);
    }

    /** Keeps what the receiver answered, for the admin API (calls keep it; emails have nothing to keep). */
    default void keepNote(R row, String note) {
    }

    /** The row as logs name it, after the kind: its id and idempotency key, and whatever else tells an operator which one it is. */
    default String label(R row) {
        return row.id + " (" + row.idempotencyKey + ")";
    }

    /** The send step of one batch. */
    @FunctionalInterface
    interface Sending<R> extends AutoCloseable {

        /**
         * Prepares one row's attempt, on the relay's thread (the row is managed): what the returned step reads must be
         * copied here when the kind has caller threads, for it runs on one. The step makes the
         * send and returns what is left to record on the relay's thread; it throws {@link CallSender.RejectedCall} when
         * the receiver refused the request itself (the row is dead at once) and anything else to be retried.
         */
        Callable<CallSender.Made> attempt(R row);

        @Override
        default void close() {
        }
    }
}
