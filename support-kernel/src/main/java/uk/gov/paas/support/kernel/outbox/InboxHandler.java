package uk.gov.paas.support.kernel.outbox;

/**
 * Processes one {@link Inbox} item of its kind. A CDI bean; the inbox finds it by {@link #kind()}. It runs inside the
 * transaction that also deletes the item, so what it writes commits exactly once, with the item gone; anything it
 * throws rolls all of it back and the item is tried again after a backoff (items of the same ordering key wait for it).
 */
public interface InboxHandler {

    /** The kind of item this handles, as {@link Inbox#store} was given it. */
    String kind();

    void handle(InboxItem item);

    /** One item taken in: its kind, ordering key and payload as stored, when it was received and how often it was tried before. */
    record InboxItem(long id, String kind, String orderingKey, String payload, java.time.Instant receivedAt, int attempts) {
    }
}
