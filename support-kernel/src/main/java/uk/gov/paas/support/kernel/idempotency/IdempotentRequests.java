package uk.gov.paas.support.kernel.idempotency;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongFunction;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.work.DueWork;

/**
 * The one idempotent-request mechanism: a request with an {@code Idempotency-Key} makes its resource once, and a
 * retry answers the first result. Look up or claim, in the caller's transaction: requests with the same key are
 * serialised until that transaction ends (an advisory lock), so a concurrent duplicate waits and answers the first
 * result once it commits (or makes the resource itself if the first rolled back); a key recorded for another route
 * or kind of resource answers 409. Keys are kept for {@link IdempotencyConfig#keepFor()}; older ones answer nothing
 * and are purged ({@link #purge()}).
 */
@ApplicationScoped
public class IdempotentRequests {

    private static final Logger LOG = Logger.getLogger(IdempotentRequests.class);
    private static final int PURGE_BATCH = 10_000;

    private final DueWork work;
    private final Clock clock;
    private final IdempotencyConfig config;
    private final EntityManager entityManager;

    IdempotentRequests(DueWork work, Clock clock, IdempotencyConfig config, EntityManager entityManager) {
        this.work = work;
        this.clock = clock;
        this.config = config;
        this.entityManager = entityManager;
    }

    /**
     * Makes the result once per key. With no key, {@code first} runs. With a key already answered (within the keeping
     * time), {@code replay} is given the first result's resource id and its answer is returned; nothing else runs. If
     * that resource is gone ({@code replay} answers empty), or the key is new, {@code first} runs and the key is
     * recorded with {@code resourceId} of its result, in the same transaction.
     *
     * @param kind what the resource is ("ticket", "incident", "page"); a key recorded for another kind answers 409
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public <T> T once(IdempotencyKeys.Key key, String kind, LongFunction<Optional<T>> replay, Supplier<T> first, ToLongFunction<T> resourceId) {
        if (key == null) {
            return first.get();
        }
        work.lock("idempotent-request\n" + key.digest());
        Instant now = clock.instant();
        IdempotentRequest seen = IdempotentRequest.findById(key.digest());
        if (seen != null) {
            if (!seen.route.equals(key.route()) || !seen.resourceKind.equals(kind)) {
                throw ApiProblem.conflict("This Idempotency-Key already answered another kind of request");
            }
            if (seen.createdAt.isAfter(now.minus(config.keepFor()))) {
                Optional<T> answered = replay.apply(seen.resourceId);
                if (answered.isPresent()) {
                    return answered.get();
                }
            }
            seen.delete();
            entityManager.flush();
        }
        T made = first.get();
        IdempotentRequest claim = new IdempotentRequest();
        claim.keyDigest = key.digest();
        claim.route = key.route();
        claim.resourceKind = kind;
        claim.resourceId = resourceId.applyAsLong(made);
        claim.createdAt = now;
        claim.persist();
        return made;
    }

    /** Deletes the keys older than the keeping time, in batches; returns how many went. Safe in several replicas at once. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public int purge() {
        Instant before = clock.instant().minus(config.keepFor());
        int purged = 0;
        int batch;
        do {
            batch = entityManager.createNativeQuery("""
                    delete from idempotent_request where key_digest in
                        (select key_digest from idempotent_request where created_at < :before limit :batch for update skip locked)
                    """).setParameter("before", before).setParameter("batch", PURGE_BATCH).executeUpdate();
            purged += batch;
        } while (batch == PURGE_BATCH);
        if (purged > 0) {
            LOG.infof("Purged %d idempotency key(s) older than %s", purged, config.keepFor());
        }
        return purged;
    }
}
