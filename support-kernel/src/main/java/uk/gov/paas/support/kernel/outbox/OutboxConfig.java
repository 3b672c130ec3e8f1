package uk.gov.paas.support.kernel.outbox;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the outbox relay sends, retries and gives up. */
@ConfigMapping(prefix = "support.outbox")
public interface OutboxConfig {

    /**
     * How often the relays sweep for due emails and calls ("off" disables the scheduled sweep, as tests do). With
     * {@link #wakeOnCommit()} the sweep is the safety net (retries after a backoff, a wake-up missed while the listener
     * reconnects); without it, the sweep is what sends.
     */
    @WithDefault("5s")
    String relayInterval();

    /**
     * Wakes the relays as soon as a transaction that queued an email or a call commits, in every replica: the queueing
     * transaction sends a PostgreSQL NOTIFY on the channel {@code support_outbox} (delivered only on commit), and each
     * service holds one connection of its own (outside the pool) that LISTENs and runs the right relay on a worker thread,
     * coalescing bursts. Off in tests, which drive the relays directly.
     */
    @WithDefault("true")
    boolean wakeOnCommit();

    /** Calls one call relay makes at once (each on its own caller thread; their outcomes are recorded on the relay's thread). */
    @WithDefault("8")
    int callConcurrency();

    /** Rows one relay transaction claims at a time. */
    @WithDefault("50")
    int batchSize();

    /** Most batches one relay run sends before yielding to the next tick. */
    @WithDefault("200")
    int maxBatchesPerRun();

    /** Failed attempts after which an email or a call is dead (listed and retryable through the admin API). */
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
