package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.util.Date;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;

/**
 * Talks SMTP for the outbox relay: synchronously, on the sending thread, with a timeout on every connect, read
 * and write, so a send either finishes or fails within a known time. There is no connection pool: a batch (one sending
 * thread's share of a relay run, {@link OutboxRelay#open}) opens one
 * connection, reuses it for its emails, drops it after any failure, and closes it at the end.
 *
 * <p>Every email it sends is automatic, so each carries {@code Auto-Submitted: auto-generated} (RFC 3834): mail
 * systems and auto-responders then know not to answer it, which keeps out-of-office replies and bounces from looping.
 */
@ApplicationScoped
public class SmtpSender {

    private final SmtpConfig config;
    private final Clock clock;
    private final Session session;

    SmtpSender(SmtpConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        Properties properties = new Properties();
        String protocol = config.ssl() ? "smtps" : "smtp";
        String prefix = "mail." + protocol + ".";
        properties.put("mail.transport.protocol", protocol);
        properties.put(prefix + "host", config.host());
        properties.put(prefix + "port", Integer.toString(config.port()));
        properties.put(prefix + "from", config.from());
        properties.put(prefix + "auth", Boolean.toString(config.username().isPresent()));
        properties.put(prefix + "connectiontimeout", Long.toString(config.connectTimeout().toMillis()));
        properties.put(prefix + "timeout", Long.toString(config.readTimeout().toMillis()));
        properties.put(prefix + "writetimeout", Long.toString(config.readTimeout().toMillis()));
        properties.put(prefix + "starttls.enable", Boolean.toString(config.startTls() != SmtpConfig.StartTls.DISABLED));
        properties.put(prefix + "starttls.required", Boolean.toString(config.startTls() == SmtpConfig.StartTls.REQUIRED));
        this.session = Session.getInstance(properties);
    }

    /** A connection for one batch of sends; close it when the batch is done. */
    public Batch batch() {
        return new Batch();
    }

    /** One SMTP connection, opened at the first send. */
    public final class Batch implements AutoCloseable {

        private Transport transport;

        /** Sends one row; throws when the server refuses it, fails, or does not answer in time. */
        public void send(OutboxMessage message) throws MessagingException {
            MimeMessage mime = toMime(message);
            try {
                if (transport == null) {
                    transport = session.getTransport();
                    transport.connect(config.host(), config.port(), config.username().orElse(null), config.password().orElse(null));
                }
                transport.sendMessage(mime, mime.getAllRecipients());
            } catch (MessagingException | RuntimeException e) {
                // after any failure the connection's state is unknown: the next send starts on a fresh one
                close();
                throw e;
            }
        }

        @Override
        public void close() {
            Transport open = transport;
            transport = null;
            if (open != null) {
                try {
                    open.close();
                } catch (MessagingException | RuntimeException ignored) {
                    // QUIT failed: the socket is closed anyway
                }
            }
        }
    }

    private MimeMessage toMime(OutboxMessage message) throws MessagingException {
        String messageId = message.messageId;
        MimeMessage mime = new MimeMessage(session) {
            @Override
            protected void updateMessageID() throws MessagingException {
                // the stable Message-ID of the idempotency key, so a resend is recognisably the same email
                setHeader("Message-ID", messageId);
            }
        };
        mime.setFrom(new InternetAddress(config.from()));
        mime.setRecipients(Message.RecipientType.TO, InternetAddress.parse(message.recipients));
        mime.setSubject(message.subject, "UTF-8");
        mime.setSentDate(Date.from(clock.instant()));
        // every email the outbox sends is automatic (RFC 3834); a row's own headers may still say auto-replied
        mime.setHeader("Auto-Submitted", "auto-generated");
        if (message.htmlBody == null) {
            mime.setText(message.textBody, "UTF-8");
        } else {
            MimeBodyPart text = new MimeBodyPart();
            text.setText(message.textBody, "UTF-8");
            MimeBodyPart html = new MimeBodyPart();
            html.setText(message.htmlBody, "UTF-8", "html");
            mime.setContent(new MimeMultipart("alternative", text, html));
        }
        if (message.headers != null) {
            for (String line : message.headers.split("\n")) {
                int colon = line.indexOf(':');
                mime.setHeader(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
            }
        }
        mime.saveChanges();
        return mime;
    }
}
