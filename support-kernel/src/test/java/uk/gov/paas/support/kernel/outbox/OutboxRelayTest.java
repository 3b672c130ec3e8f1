package uk.gov.paas.support.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.transaction.TransactionalException;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.ConfigOverride;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MutableClock;

@QuarkusTest
class OutboxRelayTest {

    @Inject
    Outbox outbox;
    @Inject
    OutboxRelay relay;
    @Inject
    OutboxConfig config;
    @Inject
    MutableClock clock;
    @Inject
    io.micrometer.core.instrument.MeterRegistry registry;
    @Inject
    jakarta.persistence.EntityManager entityManager;
    @Inject
    SmtpSender smtp;
    @Inject
    SmtpConfig smtpConfig;
    @Inject
    io.opentelemetry.api.trace.Tracer tracer;

    /** The email relay of another replica: the same table and SMTP server, its own claims. */
    private OutboxRelay anotherReplica() {
        return new OutboxRelay(entityManager, smtp, smtpConfig, config, clock, registry, tracer);
    }

    private double gauge(String name) {
        return registry.get(name).tag("kind", "email").gauge().value();
    }

    @BeforeEach
    void emptyOutboxAndMailbox() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.deleteAll());
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        GreenMailTestResource.startSmtp();
        clock.reset();
    }

    private void enqueueInOneTransaction(int count, String prefix) {
        QuarkusTransaction.requiringNew().run(() -> IntStream.range(0, count).forEach(i ->
                outbox.enqueue(OutgoingEmail.text(prefix + "/" + i, "tenant" + i + "@example.org", "[#" + i + "] Ticket received", "Body " + i))));
    }

    private static MimeMessage[] received() {
        return GreenMailTestResource.greenMail().getReceivedMessages();
    }

    private static Set<String> messageIds(MimeMessage[] messages) throws Exception {
        Set<String> ids = new HashSet<>();
        for (MimeMessage message : messages) {
            ids.add(message.getMessageID());
        }
        return ids;
    }

    @Test
    void twoRelaysRacingOverFiveHundredEmailsDeliverEachExactlyOnce() throws Exception {
        enqueueInOneTransaction(500, "race");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        OutboxRelay other = anotherReplica();
        try {
            java.util.function.Function<OutboxRelay, Callable<OutboxRelay.RelayResult>> oneRelay = replica -> () -> {
                OutboxRelay.RelayResult total = new OutboxRelay.RelayResult(0, 0, 0);
                OutboxRelay.RelayResult last;
                do {
                    last = replica.relayDue();
                    total = total.plus(last);
                } while (last.claimed() > 0);
                return total;
            };
            List<Future<OutboxRelay.RelayResult>> runs = List.of(pool.submit(oneRelay.apply(relay)), pool.submit(oneRelay.apply(other)));
            int sent = 0;
            List<Integer> perRelay = new ArrayList<>();
            for (Future<OutboxRelay.RelayResult> run : runs) {
                OutboxRelay.RelayResult result = run.get();
                sent += result.sent();
                perRelay.add(result.sent());
                assertEquals(0, result.failed());
            }
            assertEquals(500, sent, "both relays together sent each row once");
            assertTrue(perRelay.stream().allMatch(n -> n > 0), "both relays took part: " + perRelay);
        } finally {
            pool.shutdownNow();
        }
        MimeMessage[] messages = received();
        assertEquals(500, messages.length, "SMTP received each email exactly once");
        assertEquals(500, messageIds(messages).size(), "500 distinct Message-IDs");
        assertEquals(500, OutboxMessage.count("status", OutboxStatus.SENT));
    }

    @Test
    void parallelSendersOfTwoReplicasDeliverEachEmailOnceOverAConnectionPerSender() throws Exception {
        enqueueInOneTransaction(400, "parallel");
        OutboxConfig fourAtOnce = ConfigOverride.of(OutboxConfig.class, config, Map.of("emailConcurrency", 4));
        OutboxRelay one = new OutboxRelay(entityManager, smtp, smtpConfig, fourAtOnce, clock, registry, tracer);
        OutboxRelay two = new OutboxRelay(entityManager, smtp, smtpConfig, fourAtOnce, clock, registry, tracer);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<OutboxRelay.RelayResult>> runs = List.of(pool.submit(one::relayDue), pool.submit(two::relayDue));
            int sent = 0;
            for (Future<OutboxRelay.RelayResult> run : runs) {
                OutboxRelay.RelayResult result = run.get();
                assertEquals(0, result.failed());
                sent += result.sent();
            }
            assertEquals(400, sent, "the two relays' eight senders sent each row once");
        } finally {
            pool.shutdownNow();
        }
        MimeMessage[] messages = received();
        assertEquals(400, messages.length, "SMTP received each email exactly once");
        assertEquals(400, messageIds(messages).size());
        assertEquals(400, OutboxMessage.count("status", OutboxStatus.SENT));
        assertEquals(400L, OutboxMessage.<OutboxMessage>listAll().stream().filter(m -> m.attempts == 1).count(), "one attempt each");
    }

    @Test
    void smtpDownThenUpDeliversEverythingOnce() throws Exception {
        enqueueInOneTransaction(20, "outage");
        GreenMailTestResource.stopSmtp();

        OutboxRelay.RelayResult duringOutage = relay.relayDue();
        assertEquals(20, duringOutage.failed());
        assertEquals(0, duringOutage.sent());
        OutboxMessage first = OutboxMessage.find("idempotencyKey", "outage/0").firstResult();
        assertEquals(1, first.attempts);
        assertEquals(clock.instant().plus(config.backoffBase()), first.nextAttemptAt, "retried after the base backoff");
        assertNotNull(first.lastError);

        assertEquals(0, relay.relayDue().claimed(), "nothing is retried before its backoff has passed");
        assertEquals(20, gauge("support.outbox.pending"));

        clock.advance(config.backoffBase());
        relay.relayDue(); // SMTP still down: a second failed round
        assertEquals(20, gauge("support.outbox.pending"));
        assertEquals(config.backoffBase().toSeconds(), gauge("support.outbox.oldest.pending.age.seconds"), "queued 30 s ago");

        GreenMailTestResource.startSmtp();
        clock.advance(config.backoffBase().multipliedBy(2));
        OutboxRelay.RelayResult afterOutage = relay.relayDue();
        assertEquals(20, afterOutage.sent());
        assertEquals(0, gauge("support.outbox.pending"));
        assertEquals(0, gauge("support.outbox.oldest.pending.age.seconds"));
        assertEquals(0, relay.relayDue().claimed(), "a second run finds nothing left to send");
        assertEquals(20, received().length);
        assertEquals(20, messageIds(received()).size());
    }

    @Test
    void aSendAfterTheSmtpHostCutItsConnectionsIsDeliveredAtOnce() throws Exception {
        // a pooled connection the host has cut must never be reused: that send would hang until the mailer timeout
        for (int round = 0; round < 5; round++) {
            String key = "after-cut/" + round;
            QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text(key, "tenant@example.org", "Round", "Body")));
            OutboxRelay.RelayResult result = relay.relayDue();
            assertEquals(new OutboxRelay.RelayResult(1, 0, 0), result, "round " + round + ": sent at the first attempt");
            GreenMailTestResource.stopSmtp();
            GreenMailTestResource.startSmtp();
        }
    }

    @Test
    void aHungSmtpServerCostsOneTimedOutSendPerRunAndTheRetryKeepsTheMessageId() throws Exception {
        enqueueInOneTransaction(3, "hang");
        GreenMailTestResource.stallSmtp();

        OutboxRelay.RelayResult duringHang = relay.relayDue();
        assertEquals(new OutboxRelay.RelayResult(0, 1, 0), duringHang, "one send timed out; the rest of the batch was not tried");
        OutboxMessage timedOut = OutboxMessage.find("attempts", 1).firstResult();
        assertTrue(timedOut.lastError.contains("may have been delivered"), timedOut.lastError);
        assertEquals(clock.instant().plus(config.backoffBase()), timedOut.nextAttemptAt);
        assertEquals(2, OutboxMessage.count("attempts = 0 and status = ?1", OutboxStatus.PENDING), "released untried, due at once");

        GreenMailTestResource.startSmtp();
        assertEquals(2, relay.relayDue().sent(), "the released emails go out on the next run");
        clock.advance(config.backoffBase());
        assertEquals(1, relay.relayDue().sent(), "the timed-out one is retried after its backoff");
        assertEquals(3, received().length);
        assertTrue(messageIds(received()).contains(timedOut.messageId), "the resend carries the first attempt's Message-ID");
    }

    @Test
    void rolledBackTransactionSendsNothing() {
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(OutgoingEmail.text("rolled-back/1", "tenant@example.org", "Never", "Never sent"));
            throw new IllegalStateException("the change that caused the email failed");
        }));
        assertEquals(0, relay.relayDue().claimed());
        assertEquals(0, OutboxMessage.count());
        assertEquals(0, received().length);
    }

    @Test
    void enqueueOutsideATransactionIsRefused() {
        assertThrows(TransactionalException.class,
                () -> outbox.enqueue(OutgoingEmail.text("no-tx/1", "tenant@example.org", "Orphan", "No transaction")));
        assertEquals(0, OutboxMessage.count());
    }

    @Test
    void theSameIdempotencyKeyQueuesAndSendsOneEmail() {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("dup/1", "tenant@example.org", "First", "First")));
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("dup/1", "tenant@example.org", "Second", "Second")));
        assertEquals(1, relay.relayDue().sent());
        assertEquals(1, received().length);
        assertEquals(1, OutboxMessage.count());
    }

    @Test
    void sentEmailCarriesTheStableMessageIdOfItsKeyAndItsContent() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(new OutgoingEmail("stable/1", List.of("a@example.org", "b@example.org"),
                "[#42] Reply", "Plain body", "<p>HTML body</p>", java.util.Map.of("In-Reply-To", "<earlier@example.org>"))));
        relay.relayDue();
        MimeMessage[] messages = received();
        assertEquals(2, messages.length, "one copy per recipient mailbox");
        MimeMessage message = messages[0];
        assertEquals(outbox.messageId("stable/1"), message.getMessageID());
        assertEquals(outbox.messageId("stable/1"), outbox.messageId("stable/1"));
        assertEquals("[#42] Reply", message.getSubject());
        assertEquals("<earlier@example.org>", message.getHeader("In-Reply-To")[0]);
        assertEquals(2, Arrays.stream(message.getAllRecipients()).count());
        String raw = com.icegreen.greenmail.util.GreenMailUtil.getWholeMessage(message);
        assertTrue(raw.contains("Plain body") && raw.contains("<p>HTML body</p>"), "text and HTML parts are both sent");
    }

    @Test
    void emailGoesDeadAfterTheLastAttemptAndIsNotRetriedUntilAnAdminAsks() {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("dead/1", "tenant@example.org", "Doomed", "Body")));
        GreenMailTestResource.stopSmtp();
        for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
            assertEquals(1, relay.relayDue().claimed(), "attempt " + attempt);
            clock.advance(config.backoffMax());
        }
        OutboxMessage dead = OutboxMessage.find("idempotencyKey", "dead/1").firstResult();
        assertEquals(OutboxStatus.DEAD, dead.status);
        assertEquals(config.maxAttempts(), dead.attempts);
        assertEquals(0, relay.relayDue().claimed(), "a dead email is not retried on its own");
    }

    @Test
    void backoffDoublesFromTheBaseAndStopsAtTheCap() {
        Duration base = config.backoffBase();
        assertEquals(base, relay.backoff(1));
        assertEquals(base.multipliedBy(2), relay.backoff(2));
        assertEquals(base.multipliedBy(4), relay.backoff(3));
        assertEquals(config.backoffMax(), relay.backoff(40));
    }
}
