package uk.gov.paas.support.kernel.work;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiConsumer;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import uk.gov.paas.support.kernel.problem.ProblemMapper;

/**
 * The one way scheduled work claims what is due: one row at a time, each in its own transaction, with
 * {@code FOR UPDATE SKIP LOCKED}, so replicas (or threads) never handle the same row twice and one failing row
 * never blocks the others. The query must select one id column of rows due at {@code :now}, using a partial index,
 * ordered by due time, {@code limit 1 for update skip locked}; so the work costs what is due, not what is stored.
 * On shutdown no further row is claimed, and the rows being handled are waited for (a few seconds at most), so a
 * rolling update never cuts a row's transaction off as the database pool closes.
 */
@ApplicationScoped
public class DueWork {

    private static final Logger LOG = Logger.getLogger(DueWork.class);

    /** How long a shutdown waits for the rows being handled. */
    private static final long STOP_WAIT_SECONDS = 10;

    private final EntityManager entityManager;
    private final Clock clock;
    /** Held for reading while a row is handled; the shutdown takes it for writing, so it waits for them. */
    private final ReentrantReadWriteLock handling = new ReentrantReadWriteLock();
    private volatile boolean stopping;

    DueWork(EntityManager entityManager, Clock clock) {
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /**
     * Claims due rows one by one and hands each id and "now" to {@code handle}, inside the claiming transaction,
     * until none is due or {@code limit} were handled. Returns how many were handled.
     */
    public int handleEach(String what, String claimSql, int limit, BiConsumer<Long, Instant> handle) {
        int handled = 0;
        while (handled < limit && !stopping) {
            Instant now = clock.instant();
            Optional<Long> one;
            if (!handling.readLock().tryLock()) {
                break; // shutting down
            }
            try {
                one = QuarkusTransaction.requiringNew().call(() -> {
                    @SuppressWarnings("unchecked")
                    List<Number> ids = entityManager.createNativeQuery(claimSql).setParameter("now", now).getResultList();
                    if (ids.isEmpty()) {
                        return Optional.<Long>empty();
                    }
                    long id = ids.get(0).longValue();
                    handle.accept(id, now);
                    return Optional.of(id);
                });
            } catch (RuntimeException e) {
                if (ProblemMapper.databaseUnavailable(e)) {
                    LOG.warnf("%s: the database is unavailable (%s); what is due is retried on the next run", what, e.getMessage());
                } else {
                    LOG.errorf(e, "%s failed; what is due is retried on the next run", what);
                }
                break;
            } finally {
                handling.readLock().unlock();
            }
            if (one.isEmpty()) {
                break;
            }
            handled++;
        }
        return handled;
    }

    void stop(@Observes ShutdownEvent shutdown) {
        stopping = true;
        try {
            if (handling.writeLock().tryLock(STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                handling.writeLock().unlock();
            } else {
                LOG.warnf("Scheduled work still running after %d s of shutdown; its row's transaction rolls back", STOP_WAIT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Serialises, until the current transaction ends, every transaction that asks for the same key: two requests
     * with one Idempotency-Key (or one deduplication key) at once still make one thing.
     */
    public void lock(String key) {
        entityManager.createNativeQuery("select count(*) from (select pg_advisory_xact_lock(hashtextextended(:key, 0))) locked")
                .setParameter("key", key).getSingleResult();
    }
}
