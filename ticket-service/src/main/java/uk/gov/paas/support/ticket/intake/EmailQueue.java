package uk.gov.paas.support.ticket.intake;

import java.util.Base64;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import uk.gov.paas.support.kernel.outbox.Inbox;
import uk.gov.paas.support.kernel.outbox.InboxHandler;
import uk.gov.paas.support.ticket.config.IntakeConfig;

/**
 * Inbound email taken in with {@code Prefer: respond-async}: the raw message, read once to refuse what is unreadable,
 * is stored in the {@link Inbox} (committed) and answered 202, and {@link EmailIntake#receive} processes it moments
 * later, exactly as it would have in the request (threading, robots, emergencies, duplicates by Message-ID). One
 * sender's emails are processed in the order they arrived.
 */
@ApplicationScoped
public class EmailQueue implements InboxHandler {

    private static final Logger LOG = Logger.getLogger(EmailQueue.class);

    public static final String KIND = "email";

    private final Inbox inbox;
    private final EmailIntake intake;
    private final IntakeConfig config;

    EmailQueue(Inbox inbox, EmailIntake intake, IntakeConfig config) {
        this.inbox = inbox;
        this.intake = intake;
        this.config = config;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /** Stores the raw email (already read once: it is readable), committed before this returns. */
    public void take(InboundEmail email, byte[] raw) {
        inbox.store(KIND, email.from().toLowerCase(Locale.ROOT), Base64.getEncoder().encodeToString(raw));
    }

    @Override
    public void handle(InboxItem item) {
        InboundEmail email = InboundEmail.parse(Base64.getDecoder().decode(item.payload()), config.maxMessageBytes(), config.maxBodyChars());
        EmailIntake.Outcome outcome = intake.receive(email);
        LOG.infof("Queued email %s from the intake of %s: %s%s", email.messageId(), item.receivedAt(), outcome.action(),
                outcome.ticketId() == null ? "" : " ticket " + outcome.ticketId());
    }
}
