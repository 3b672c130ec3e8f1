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

    /**
     * Emails one email relay sends at once, each on its own caller thread over its own SMTP connection (1: one after
     * another, in queue order, on the relay's thread). A replica killed mid-send may resend up to this many emails, each
     * with its Message-ID, once their leases pass.
     */
    @WithDefault("4")
    int emailConcurrency();

    /**
     * Rows one relay run sends at most before it yields to the next wake-up or sweep (each row is claimed, sent and
     * recorded on its own, so this only bounds how long one run lasts).
     */
    @WithDefault("10000")
    int maxPerRun();

    /**
     * How long a relay's claim on a row lasts: the relay commits the claim (and the attempt) before it sends, and
     * another relay may claim the row again once this has passed, so a row whose relay was killed mid-send is sent
     * again after it. It must be longer than the slowest send ({@code support.smtp.connect-timeout} plus twice the
     * read timeout, checked at start-up; a REST client's timeouts) and than a recording retried while PostgreSQL is away.
     */
    @WithDefault("PT2M")
    Duration claimFor();

    /**
     * Failed attempts after which an email is dead (listed and retryable through the admin API). Calls are never
     * given up on a receiver that fails or cannot be reached (their effect must not be lost): a call is dead only
     * when the receiver refused the request itself.
     */
    @WithDefault("8")
    int maxAttempts();

    /** Delay after the first failure; it doubles with each further failure. */
    @WithDefault("PT30S")
    Duration backoffBase();

    /** Longest delay between two attempts of an email. */
    @WithDefault("PT1H")
    Duration backoffMax();

    /**
     * Longest delay between two attempts of a call: a page must go out soon after its receiver is back, however long
     * it was away.
     */
    @WithDefault("PT1M")
    Duration callBackoffMax();

    /**
     * Sends of one email that got no answer within the read timeout after which it is parked (DEAD, for an operator to
     * look at and retry): the server may have taken each of them, so each retry may be one more copy.
     */
    @WithDefault("2")
    int parkAfterTimeouts();

    /**
     * A row still pending this long after it was queued is overdue: it shows in readiness detail and in
     * {@code support_outbox_overdue}, and an error is logged every {@link #overdueLogEvery()} while any is.
     */
    @WithDefault("PT5M")
    Duration overdueAfter();

    /** How often the error line about overdue rows is repeated while there are any. */
    @WithDefault("PT5M")
    Duration overdueLogEvery();

    /**
     * On shutdown (SIGTERM), how long the relays may take to finish the sends in flight and record them; none is
     * started after the signal. Keep it below the pod's termination grace period (30 s) less its preStop wait.
     */
    @WithDefault("PT20S")
    Duration stopWithin();

    /**
     * Threads of one replica that process {@link Inbox} items at once (each claims the oldest item no other is on whose
     * key has nothing older waiting, so items of one key stay in order). Each holds a database connection while it works.
     */
    @WithDefault("2")
    int inboxWorkers();

    /** Domain part of the stable Message-ID derived from each idempotency key. */
    @WithDefault("support.local")
    String messageIdDomain();
}
