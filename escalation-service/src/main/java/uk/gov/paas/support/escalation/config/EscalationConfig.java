package uk.gov.paas.support.escalation.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of paging and escalation. */
@ConfigMapping(prefix = "support.escalation")
public interface EscalationConfig {

    /** The address people reach this service at, for links in emails (acknowledgement, calendar feeds). */
    String publicUrl();

    /** Acknowledgement links in page emails. */
    AckLinks ackLinks();

    /** How often due escalations are checked ({@code 15s}; {@code off} in tests, which call the engine). */
    String scanInterval();

    /** How often due rota handoffs are checked. */
    String handoverInterval();

    /** At most this many due pages handled per scan; the rest wait for the next scan. */
    @WithDefault("100")
    int batchSize();

    /** Load a small demo directory into an empty database at start-up (the local run only; refused in prod). */
    @WithDefault("false")
    boolean demoDirectory();

    interface AckLinks {
        /** HMAC key signing the links; at least 32 characters. A new key invalidates every link already sent. */
        String secret();

        /** How long a link works after its email was sent. */
        @WithDefault("PT12H")
        Duration validity();
    }
}
