package uk.gov.paas.support.kernel.outbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.kernel.tracing.Traces;

/**
 * Writes emails (and calls) into the outbox, inside the caller's transaction, so they are sent if and only if the change
 * commits; the commit wakes the relays ({@link OutboxWakeUp}).
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final OutboxConfig config;
    private final Clock clock;
    private final TransactionSynchronizationRegistry transactions;

    Outbox(EntityManager entityManager, OutboxConfig config, Clock clock, TransactionSynchronizationRegistry transactions) {
        this.entityManager = entityManager;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Queues an email. MANDATORY: an email queued outside the transaction of its cause could be sent for a
     * change that rolled back. A second call with the same idempotency key leaves the first row unchanged. One insert
     * and nothing read back: every ticket's create queues its acknowledgement here.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void enqueue(OutgoingEmail email) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into outbox_message (idempotency_key, message_id, recipients, subject, text_body, html_body, headers,
                                            status, attempts, next_attempt_at, created_at, traceparent)
                values (:key, :messageId, :recipients, :subject, :text, :html, :headers, 'PENDING', 0, :now, :now, :traceparent)
                on conflict (idempotency_key) do nothing
                """)
                .setParameter("key", email.idempotencyKey())
                .setParameter("messageId", messageId(email.idempotencyKey()))
                .setParameter("recipients", String.join(",", email.to()))
                .setParameter("subject", email.subject())
                .setParameter("text", email.text())
                .setParameter("html", email.html())
                .setParameter("headers", headerLines(email.headers()))
                .setParameter("now", now)
                .setParameter("traceparent", Traces.currentTraceparent())
                .executeUpdate();
        wakeOnCommit(OutboxWakeUp.EMAIL);
    }

    /**
     * Queues a call to another service, in the caller's transaction, so it is made if and only if the change commits,
     * and made later (retried with backoff) if the other service is down now. The same key queues one call.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public OutboxCall call(OutgoingCall call) {
        Instant now = clock.instant();
        entityManager.createNativeQuery("""
                insert into outbox_call (idempotency_key, target, operation, payload, status, attempts, next_attempt_at, created_at, traceparent)
                values (:key, :target, :operation, :payload, 'PENDING', 0, :now, :now, :traceparent)
                on conflict (idempotency_key) do nothing
                """)
                .setParameter("key", call.idempotencyKey())
                .setParameter("target", call.target())
                .setParameter("operation", call.operation())
                .setParameter("payload", call.payload())
                .setParameter("now", now)
                .setParameter("traceparent", Traces.currentTraceparent())
                .executeUpdate();
        wakeOnCommit(OutboxWakeUp.CALL);
        return OutboxCall.<OutboxCall>find("idempotencyKey", call.idempotencyKey()).singleResult();
    }

    /**
     * Cancels every still-pending email whose idempotency key starts with {@code keyPrefix}, in the caller's
     * transaction, and says why. A row a relay is sending right now is locked: this waits for that send's outcome, so
     * once the caller commits, nothing under the prefix is sent any more. Returns how many were cancelled.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelEmails(String keyPrefix, String why) {
        return cancel("outbox_message", keyPrefix, why);
    }

    /** As {@link #cancelEmails}, for queued calls to other services. */
    @Transactional(Transactional.TxType.MANDATORY)
    public int cancelCalls(String keyPrefix, String why) {
        return cancel("outbox_call", keyPrefix, why);
    }

    private int cancel(String table, String keyPrefix, String why) {
        if (keyPrefix == null || keyPrefix.isBlank()) {
            throw new IllegalArgumentException("a cancel names a key prefix; a blank one would cancel everything");
        }
        String like = keyPrefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return entityManager.createNativeQuery("update " + table + """
                 set status = 'CANCELLED', cancelled_at = :now, last_error = :why
                where status = 'PENDING' and idempotency_key like :prefix escape '\\'
                """)
                .setParameter("now", clock.instant())
                .setParameter("why", why.length() > 1000 ? why.substring(0, 1000) : why)
                .setParameter("prefix", like)
                .executeUpdate();
    }

    /**
     * Asks PostgreSQL to wake the relays of every replica when this transaction commits (a NOTIFY is delivered on commit
     * only, so a rollback wakes nobody); once per transaction and relay, however many rows it queues.
     */
    private void wakeOnCommit(String relay) {
        if (!config.wakeOnCommit()) {
            return;
        }
        String asked = "support-outbox-wake-" + relay;
        if (transactions.getResource(asked) != null) {
            return;
        }
        entityManager.createNativeQuery("select count(*) from (select pg_notify(:channel, :relay)) woken")
                .setParameter("channel", OutboxWakeUp.CHANNEL)
                .setParameter("relay", relay)
                .getSingleResult();
        transactions.putResource(asked, Boolean.TRUE);
    }

    /** The same key always gives the same Message-ID, so a resend after a crash is recognisably the same email. */
    public String messageId(String idempotencyKey) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(idempotencyKey.getBytes(StandardCharsets.UTF_8));
            return "<" + HexFormat.of().formatHex(digest, 0, 16) + "@" + config.messageIdDomain() + ">";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String headerLines(Map<String, String> headers) {
        return headers.isEmpty() ? null
                : headers.entrySet().stream().map(h -> h.getKey() + ": " + h.getValue()).collect(Collectors.joining("\n"));
    }
}
