package uk.gov.paas.support.kernel.outbox;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The SMTP server the outbox relay sends through (env SMTP_HOST, SMTP_PORT, SMTP_USERNAME, SMTP_PASSWORD, MAIL_FROM). */
@ConfigMapping(prefix = "support.smtp")
public interface SmtpConfig {

    /** SMTP host. */
    @WithDefault("localhost")
    String host();

    /** SMTP port: 25 or 587 with STARTTLS, 465 with ssl=true. */
    @WithDefault("25")
    int port();

    /** User name, when the server needs authentication. */
    Optional<String> username();

    /** Password, with username. */
    Optional<String> password();

    /** Sender address (also the envelope sender). */
    @WithDefault("support@localhost")
    String from();

    /** STARTTLS: OPTIONAL (when the server offers it), REQUIRED, or DISABLED. */
    @WithDefault("OPTIONAL")
    StartTls startTls();

    /** Implicit TLS from the first byte (port 465). */
    @WithDefault("false")
    boolean ssl();

    /** Longest wait to open a connection. */
    @WithDefault("PT10S")
    Duration connectTimeout();

    /** Longest wait for any one answer from the server (or to write a command); past it the send fails and is retried. */
    @WithDefault("PT15S")
    Duration readTimeout();

    enum StartTls {
        OPTIONAL, REQUIRED, DISABLED
    }
}
