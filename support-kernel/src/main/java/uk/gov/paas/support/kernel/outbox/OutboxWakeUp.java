package uk.gov.paas.support.kernel.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;

/**
 * Wakes the relays when a transaction that queued an email or a call commits, in this replica or any other.
 * {@link Outbox} NOTIFYs {@value #CHANNEL} in the queueing transaction; PostgreSQL delivers a NOTIFY only on commit,
 * to every session listening. Here one connection of its own (opened from the datasource's URL and credentials, so it
 * takes no pool slot and is never enlisted in a transaction) LISTENs, and each notification runs its relay on that
 * relay's own thread, never on a request thread. Bursts coalesce: a wake-up while a run is queued is absorbed, and one
 * arriving during a run makes exactly one more run after it, so 200 commits make a few runs, not 200. When the
 * connection drops (PostgreSQL restarted) it reconnects with backoff and then runs both relays once; meanwhile the
 * scheduled sweep ({@code support.outbox.relay-interval}) sends, as it always does for retries after a backoff.
 */
@ApplicationScoped
public class OutboxWakeUp {

    private static final Logger LOG = Logger.getLogger(OutboxWakeUp.class);

    /** The PostgreSQL notification channel; the payload names the relay. */
    public static final String CHANNEL = "support_outbox";
    public static final String EMAIL = "email";
    public static final String CALL = "call";

    /** How long one wait for notifications lasts: the longest a shutdown waits for the listener. */
    private static final int POLL_MILLIS = 500;
    /** How often a quiet connection is checked, so one cut without a word (a network partition) is noticed. */
    private static final Duration HEARTBEAT = Duration.ofSeconds(30);
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final OutboxConfig config;
    private final String jdbcUrl;
    private final Optional<String> user;
    private final Optional<String> password;
    private final String applicationName;
    private final Coalescing emails;
    private final Coalescing calls;
    private final Coalescing intake;
    private final Inbox inbox;
    private final OutboxRelay emailRelay;
    private final OutboxCallRelay callRelay;
    private final AtomicLong heard = new AtomicLong();
    private volatile boolean running;
    private volatile boolean listening;
    private volatile Thread listener;

    OutboxWakeUp(OutboxConfig config, OutboxRelay emailRelay, OutboxCallRelay callRelay, Inbox inbox, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password,
            @ConfigProperty(name = "quarkus.application.name") String applicationName) {
        this.config = config;
        this.emailRelay = emailRelay;
        this.callRelay = callRelay;
        this.jdbcUrl = jdbcUrl;
        this.user = user;
        this.password = password;
        this.applicationName = applicationName;
        this.emails = new Coalescing("outbox-email-relay", emailRelay::relayDue);
        this.calls = new Coalescing("outbox-call-relay", callRelay::relayDue);
        this.inbox = inbox;
        this.intake = new Coalescing("inbox-worker", inbox::processDue);
        Gauge.builder("support.outbox.wake.listening", this, wakeUp -> wakeUp.listening ? 1 : 0)
                .description("1 while this replica listens for outbox commits (0: only the scheduled sweep sends)").register(registry);
    }

    void start(@Observes StartupEvent started) {
        if (!config.wakeOnCommit()) {
            LOG.infof("Outbox wake-on-commit is off: only the scheduled sweep sends (support.outbox.relay-interval=%s)", config.relayInterval());
            return;
        }
        running = true;
        Thread thread = new Thread(this::listen, "outbox-wake-up");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    /**
     * On shutdown (SIGTERM: a rolling update), before the database pool and the EntityManagerFactory close: the relays
     * claim nothing more, finish and record what they have in flight (within {@code support.outbox.stop-within}), and the
     * listener stops. Rows not yet claimed stay pending for the other replicas, which a NOTIFY or their sweep sends.
     */
    void stop(@Observes ShutdownEvent stopping) {
        emailRelay.loop().beginStop();
        callRelay.loop().beginStop();
        inbox.beginStop();
        running = false;
        Thread thread = listener;
        if (thread != null) {
            try {
                thread.join(2 * POLL_MILLIS + 1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        long until = System.nanoTime() + config.stopWithin().toNanos();
        boolean emailsStopped = emailRelay.loop().awaitStopped(config.stopWithin());
        boolean callsStopped = callRelay.loop().awaitStopped(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
        inbox.awaitStopped(Duration.ofNanos(Math.max(0, until - System.nanoTime())));
        emails.stop();
        calls.stop();
        intake.stop();
        if (emailsStopped && callsStopped) {
            LOG.info("Outbox relays stopped: every send in flight was recorded");
        }
    }

    /** True while the LISTEN connection is up. */
    public boolean listening() {
        return listening;
    }

    /** Notifications heard since start (for tests and diagnosis). */
    long heard() {
        return heard.get();
    }

    /** Relay runs a wake-up started, per relay (for tests and diagnosis). */
    long runs(String relay) {
        return (EMAIL.equals(relay) ? emails : calls).runs.get();
    }

    /** Neither running nor queued, per relay (for tests). */
    boolean idle(String relay) {
        Coalescing coalescing = EMAIL.equals(relay) ? emails : calls;
        return !coalescing.queued.get() && !coalescing.running;
    }

    private void listen() {
        Duration retry = FIRST_RETRY;
        boolean lostBefore = false;
        while (running) {
            try (Connection connection = connect()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                PGConnection postgres = connection.unwrap(PGConnection.class);
                listening = true;
                retry = FIRST_RETRY;
                if (lostBefore) {
                    LOG.infof("Outbox wake-up: listening on %s again", CHANNEL);
                }
                // whatever committed while nobody listened goes now, not at the next sweep
                emails.wake();
                calls.wake();
                intake.wake();
                long quietSince = System.nanoTime();
                while (running) {
                    PGNotification[] notifications = postgres.getNotifications(POLL_MILLIS);
                    if (notifications != null && notifications.length > 0) {
                        for (PGNotification notification : notifications) {
                            heard.incrementAndGet();
                            wake(notification.getParameter());
                        }
                        quietSince = System.nanoTime();
                    } else if (System.nanoTime() - quietSince > HEARTBEAT.toNanos()) {
                        if (!connection.isValid(5)) {
                            throw new SQLException("the LISTEN connection stopped answering");
                        }
                        quietSince = System.nanoTime();
                    }
                }
            } catch (SQLException | RuntimeException e) {
                listening = false;
                if (!running) {
                    break;
                }
                lostBefore = true;
                LOG.warnf("Outbox wake-up: no LISTEN connection (%s); trying again in %d s, the scheduled sweep (%s) sends meanwhile",
                        RelayLoop.describe(e), retry.toSeconds(), config.relayInterval());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
        listening = false;
    }

    private void wake(String relay) {
        if (EMAIL.equals(relay)) {
            emails.wake();
        } else if (CALL.equals(relay)) {
            calls.wake();
        } else if (Inbox.WAKE.equals(relay)) {
            intake.wake();
        } else {
            // an unknown payload (a newer replica during a rollout?) is safest answered by running all three
            emails.wake();
            calls.wake();
            intake.wake();
        }
    }

    private Connection connect() throws SQLException {
        Properties properties = new Properties();
        user.ifPresent(name -> properties.setProperty("user", name));
        password.filter(secret -> !secret.isEmpty()).ifPresent(secret -> properties.setProperty("password", secret));
        properties.setProperty("ApplicationName", applicationName + " outbox wake-up");
        properties.setProperty("connectTimeout", "10");
        properties.setProperty("tcpKeepAlive", "true");
        Connection connection = new org.postgresql.Driver().connect(jdbcUrl, properties);
        if (connection == null) {
            throw new SQLException("quarkus.datasource.jdbc.url is not a PostgreSQL URL: " + jdbcUrl);
        }
        return connection;
    }

    private void sleep(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (running && System.nanoTime() < until) {
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, (until - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One relay's thread: wake-ups while a run is queued are absorbed; one during a run queues exactly one more. */
    static final class Coalescing {

        private final String name;
        private final Runnable relay;
        private final ExecutorService thread;
        private final AtomicBoolean queued = new AtomicBoolean();
        private final AtomicLong runs = new AtomicLong();
        private volatile boolean running;

        Coalescing(String name, Runnable relay) {
            this.name = name;
            this.relay = relay;
            this.thread = Executors.newSingleThreadExecutor(RelayLoop.daemonThreads(name + "-"));
        }

        void wake() {
            if (queued.compareAndSet(false, true)) {
                try {
                    thread.execute(this::runOnce);
                } catch (RejectedExecutionException stopping) {
                    queued.set(false);
                }
            }
        }

        private void runOnce() {
            running = true;
            // from here on a wake-up queues one more run, which sees whatever committed after this one claimed
            queued.set(false);
            runs.incrementAndGet();
            try {
                relay.run();
            } catch (RuntimeException e) {
                LOG.warnf("Outbox wake-up: %s run failed (the sweep retries): %s", name, RelayLoop.describe(e));
            } finally {
                running = false;
            }
        }

        void stop() {
            thread.shutdown();
            try {
                if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
                    thread.shutdownNow();
                }
            } catch (InterruptedException e) {
                thread.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }
}
