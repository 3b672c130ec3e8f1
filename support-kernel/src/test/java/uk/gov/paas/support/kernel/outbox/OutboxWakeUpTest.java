package uk.gov.paas.support.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import jakarta.inject.Inject;
import jakarta.mail.MessagingException;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.kernel.testing.RecordingCallSender;

/**
 * The relays woken by a commit (LISTEN/NOTIFY), with the scheduled sweep off, so anything sent here was sent because a
 * commit woke a relay. Generous deadlines: these assert what happens, not how fast.
 */
@QuarkusTest
@TestProfile(OutboxWakeUpTest.WakeOnCommit.class)
class OutboxWakeUpTest {

    /** The default wake-up, without the sweep (still off, as in every test). */
    public static class WakeOnCommit implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("support.outbox.wake-on-commit", "true", "support.outbox.relay-interval", "off");
        }
    }

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Inject
    Outbox outbox;
    @Inject
    OutboxWakeUp wakeUp;
    @Inject
    RecordingCallSender target;
    @Inject
    MutableClock clock;
    @Inject
    Inbox inbox;
    @Inject
    RecordingInboxHandler inboxHandler;

    @BeforeEach
    void quiet() {
        clock.reset();
        GreenMailTestResource.startSmtp();
        target.reset();
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            OutboxCall.deleteAll();
        });
        await("the listener is connected and both relays are idle",
                () -> wakeUp.listening() && wakeUp.idle(OutboxWakeUp.EMAIL) && wakeUp.idle(OutboxWakeUp.CALL));
    }

    @AfterEach
    void release() {
        target.release();
    }

    @Test
    void aCommittedEmailIsSentWithoutWaitingForAnySweep() throws Exception {
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("woken/1", "oncall@example.org", "[P1 TRIGGERED] Page #1", "Wake up")));
        await("the email reached SMTP", () -> received("[P1 TRIGGERED] Page #1") == 1);
        await("the row is marked sent", () -> QuarkusTransaction.requiringNew().call(
                () -> OutboxMessage.<OutboxMessage>find("idempotencyKey", "woken/1").singleResult().status == OutboxStatus.SENT));
    }

    @Test
    void aStoredInboxItemIsProcessedAndItsEmailSentWithoutWaitingForAnySweep() throws Exception {
        inboxHandler.reset();
        inbox.store(RecordingInboxHandler.KIND, "woken", "woken-item");
        await("the item was processed", () -> inboxHandler.handled().contains("woken-item"));
        await("the email it queued reached SMTP", () -> received("Item woken-item") == 1);
        await("the item is gone", () -> inbox.waiting() == 0);
    }

    @Test
    void aCommittedCallIsMadeWithoutWaitingForAnySweep() {
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall("woken-call/1", RecordingCallSender.TARGET, "page", "{}")));
        await("the call was made", () -> target.timesMade("woken-call/1") == 1);
        await("the row is marked sent", () -> QuarkusTransaction.requiringNew().call(
                () -> OutboxCall.<OutboxCall>find("idempotencyKey", "woken-call/1").singleResult().status == OutboxStatus.SENT));
    }

    @Test
    void aRolledBackEnqueueWakesNothingAndSendsNothing() throws Exception {
        long heardBefore = wakeUp.heard();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            outbox.enqueue(OutgoingEmail.text("rolled-back/1", "oncall@example.org", "Never", "Never sent"));
            outbox.call(new OutgoingCall("rolled-back/2", RecordingCallSender.TARGET, "page", "{}"));
            throw new IllegalStateException("the cause failed");
        }));
        // notifications arrive in commit order: once this later commit's is heard, a rolled-back one would have been too
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("marker/1", "oncall@example.org", "Marker", "Sent")));
        await("the marker email reached SMTP", () -> received("Marker") == 1);
        assertEquals(heardBefore + 1, wakeUp.heard(), "only the committed transaction notified");
        assertEquals(0, received("Never"));
        assertEquals(0, target.timesMade("rolled-back/2"));
    }

    @Test
    void aNotifyFromAnotherReplicaWakesThisOne() throws Exception {
        // another replica: its own connection, its own transaction, rows written and NOTIFY sent as Outbox does
        try (Connection other = connect()) {
            other.setAutoCommit(false);
            try (PreparedStatement email = other.prepareStatement("""
                    insert into outbox_message (idempotency_key, message_id, recipients, subject, text_body, status, attempts, next_attempt_at, created_at)
                    values ('other-replica/1', '<other-replica-1@support.local>', 'oncall@example.org', 'From the other replica', 'Body',
                            'PENDING', 0, now(), now())
                    """);
                 PreparedStatement call = other.prepareStatement("""
                    insert into outbox_call (idempotency_key, target, operation, payload, status, attempts, next_attempt_at, created_at)
                    values ('other-replica/2', ?, 'page', '{}', 'PENDING', 0, now(), now())
                    """);
                 Statement notify = other.createStatement()) {
                email.executeUpdate();
                call.setString(1, RecordingCallSender.TARGET);
                call.executeUpdate();
                notify.execute("select pg_notify('" + OutboxWakeUp.CHANNEL + "', '" + OutboxWakeUp.EMAIL + "')");
                notify.execute("select pg_notify('" + OutboxWakeUp.CHANNEL + "', '" + OutboxWakeUp.CALL + "')");
            }
            other.commit();
        }
        await("the other replica's email reached SMTP", () -> received("From the other replica") == 1);
        await("the other replica's call was made", () -> target.timesMade("other-replica/2") == 1);
    }

    @Test
    void aBurstOfNotificationsDuringARunMakesOneMoreRunNotOneEach() throws Exception {
        long runsBefore = wakeUp.runs(OutboxWakeUp.CALL);
        long heardBefore = wakeUp.heard();
        target.hold();
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall("burst/1", RecordingCallSender.TARGET, "page", "{}")));
        await("the woken run is making its call", () -> target.inFlight() == 1);
        try (Connection other = connect(); Statement notify = other.createStatement()) {
            for (int i = 0; i < 200; i++) {
                // each in its own transaction (autocommit), so PostgreSQL delivers all 200
                notify.execute("select pg_notify('" + OutboxWakeUp.CHANNEL + "', '" + OutboxWakeUp.CALL + "')");
            }
        }
        await("all 201 notifications were heard", () -> wakeUp.heard() == heardBefore + 201);
        target.release();
        await("the relay is idle again", () -> wakeUp.idle(OutboxWakeUp.CALL) && target.timesMade("burst/1") == 1);
        assertEquals(runsBefore + 2, wakeUp.runs(OutboxWakeUp.CALL), "the run in progress and one more after it");
        assertEquals(1, target.made().size());
    }

    @Test
    void theListenerComesBackWhenItsConnectionIsCut() throws Exception {
        try (Connection other = connect(); Statement admin = other.createStatement()) {
            // as a PostgreSQL restart would: the server ends the listening session
            admin.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database()"
                    + " and application_name like '% outbox wake-up'");
        }
        await("the listener noticed", () -> !wakeUp.listening());
        await("the listener is back", wakeUp::listening);
        QuarkusTransaction.requiringNew().run(() -> outbox.enqueue(OutgoingEmail.text("after-cut/1", "oncall@example.org", "After the cut", "Body")));
        await("the email reached SMTP", () -> received("After the cut") == 1);
    }

    private static long received(String subject) {
        return Arrays.stream(GreenMailTestResource.greenMail().getReceivedMessages()).filter(message -> {
            try {
                return subject.equals(message.getSubject());
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).count();
    }

    private static Connection connect() throws SQLException {
        var config = ConfigProvider.getConfig();
        Properties properties = new Properties();
        properties.setProperty("user", config.getOptionalValue("quarkus.datasource.username", String.class).orElse("postgres"));
        config.getOptionalValue("quarkus.datasource.password", String.class).ifPresent(password -> properties.setProperty("password", password));
        return new org.postgresql.Driver().connect(config.getValue("quarkus.datasource.jdbc.url", String.class), properties);
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + PATIENCE.toSeconds() + " s: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what);
            }
        }
        assertTrue(condition.getAsBoolean(), what);
    }
}
