package uk.gov.paas.support.kernel.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay sends, retries and gives up. */
@ConfigMapping(prefix = "support.outbox")
public interface OutboxConfig {

    /** How often the relay looks for due emails ("off" disables the scheduled relay, as tests do). */
    @WithDefault("5s")
    String relayInterval();

    /** Calls one call relay makes at once (each on its own caller thread; their outcomes are recorded on the relay's thread). */
    @WithDefault("8")
    int callConcurrency();

    /** Rows one relay transaction claims at a time. */
    @WithDefault("50")
    int batchSize();

    /** Most batches one relay run sends before yielding to the next tick. */
    @WithDefault("200")
    int maxBatchesPerRun();

    /** Failed attempts after which an email is dead (listed and retryable through the admin API). */
    @WithDefault("8")
    int maxAttempts();

    /** Delay after the first failure; it doubles with each further failure. */
    @WithDefault("PT30S")
    Duration backoffBase();

    /** Longest delay between two attempts. */
    @WithDefault("PT1H")
    Duration backoffMax();

    /** Domain part of the stable Message-ID derived from each idempotency key. */
    @WithDefault("support.local")
    String messageIdDomain();
}
