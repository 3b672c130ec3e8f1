package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.PageLogEntry.Kind;
import uk.gov.paas.support.escalation.domain.PageRequest;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/** Opens pages (idempotently, deduplicated), acknowledges and resolves them. Escalation itself is the engine's. */
@ApplicationScoped
@Transactional
public class PageService {

    /** What to page about. {@code dedupKey} null: a fresh key, so the page is never merged with another. */
    public record NewPage(Severity severity, String summary, String source, String dedupKey, String details, String link, Long policyId) {
    }

    /** How a request was answered: a new page, an occurrence added to the open one, or a repeat of an earlier request. */
    public enum Outcome {
        CREATED, OCCURRENCE, REPLAYED
    }

    public record Opened(Page page, Outcome outcome) {
    }

    /** What an acknowledgement did. */
    public enum AckOutcome {
        ACKNOWLEDGED, ALREADY_ACKNOWLEDGED, ALREADY_RESOLVED
    }

    private final Clock clock;
    private final EscalationEngine engine;
    private final PageMetrics metrics;
    private final TargetsTable targets;
    private final DueWork work;

    PageService(Clock clock, EscalationEngine engine, PageMetrics metrics, TargetsTable targets, DueWork work) {
        this.clock = clock;
        this.engine = engine;
        this.metrics = metrics;
        this.targets = targets;
        this.work = work;
    }

    /**
     * Opens a page, or adds an occurrence to the open page with the same deduplication key in this scope. A repeated
     * idempotency key answers the page of the first request and changes nothing. Same-key requests are serialised
     * with transaction-scoped advisory locks, so two at once still make one page.
     */
    public Opened open(NewPage request, String scope, String idempotencyKey, String openedBy) {
        Instant now = clock.instant();
        if (idempotencyKey != null) {
            lock("idempotency\n" + idempotencyKey);
            Optional<PageRequest> seen = PageRequest.findByIdOptional(idempotencyKey);
            if (seen.isPresent()) {
                return new Opened(Page.findById(seen.get().pageId), Outcome.REPLAYED);
            }
        }
        String dedupKey = request.dedupKey() != null ? request.dedupKey() : UUID.randomUUID().toString();
        lock("dedup\n" + scope + "\n" + dedupKey);
        Optional<Page> open = Page.openByDedupKey(scope, dedupKey);
        Opened opened;
        if (open.isPresent()) {
            Page page = open.get();
            page.occurrences++;
            page.lastOccurrenceAt = now;
            PageLogEntry.write(page, now, Kind.OCCURRENCE, null, null,
                    "Triggered again by " + openedBy + " (occurrence " + page.occurrences + "); no new notification");
            opened = new Opened(page, Outcome.OCCURRENCE);
        } else {
            opened = new Opened(create(request, scope, dedupKey, openedBy, now), Outcome.CREATED);
        }
        if (idempotencyKey != null) {
            PageRequest seen = new PageRequest();
            seen.idempotencyKey = idempotencyKey;
            seen.pageId = opened.page().id;
            seen.createdAt = now;
            seen.persist();
        }
        return opened;
    }

    private Page create(NewPage request, String scope, String dedupKey, String openedBy, Instant now) {
        EscalationPolicy policy = request.policyId() == null
                ? EscalationPolicy.defaultPolicy().orElseThrow(() -> ApiProblem.conflict("No default escalation policy is set up"))
                : EscalationPolicy.<EscalationPolicy>findByIdOptional(request.policyId())
                        .orElseThrow(() -> ApiProblem.invalidField("policyId", "there is no escalation policy " + request.policyId()));
        Page page = new Page();
        page.dedupScope = scope;
        page.dedupKey = dedupKey;
        page.status = PageStatus.TRIGGERED;
        page.severity = request.severity();
        page.summary = request.summary();
        page.source = request.source();
        page.details = request.details();
        page.link = request.link();
        page.policyId = policy.id;
        page.level = 0;
        page.round = 0;
        page.occurrences = 1;
        page.lastOccurrenceAt = now;
        page.openedAt = now;
        page.openedBy = openedBy;
        page.persistAndFlush();
        PageLogEntry.write(page, now, Kind.OPENED, null, null, request.severity().name() + " (" + targets.row(request.severity()).aka()
                + ") opened by " + openedBy + " from " + request.source() + ", policy '" + policy.name + "'");
        metrics.opened(page.severity);
        engine.start(page, now);
        return page;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Page> find(long id) {
        return Page.findByIdOptional(id);
    }

    /** Stops escalation. Acknowledging twice is harmless; a resolved page has nothing to acknowledge. */
    public AckOutcome acknowledge(long pageId, String by, String via) {
        Page page = lockPage(pageId);
        Instant now = clock.instant();
        switch (page.status) {
            case RESOLVED:
                return AckOutcome.ALREADY_RESOLVED;
            case ACKNOWLEDGED:
                return AckOutcome.ALREADY_ACKNOWLEDGED;
            default:
                page.status = PageStatus.ACKNOWLEDGED;
                page.acknowledgedAt = now;
                page.acknowledgedBy = by;
                page.dueAt = null;
                PageLogEntry.write(page, now, Kind.ACKNOWLEDGED, null, null, "Acknowledged by " + by + " (" + via + "): no further notifications");
                metrics.acknowledged(page.severity, Duration.between(page.openedAt, now));
                return AckOutcome.ACKNOWLEDGED;
        }
    }

    /** Closes the page; resolving twice is harmless. */
    public Page resolve(long pageId, String by, String via) {
        Page page = lockPage(pageId);
        if (page.status != PageStatus.RESOLVED) {
            Instant now = clock.instant();
            page.status = PageStatus.RESOLVED;
            page.resolvedAt = now;
            page.resolvedBy = by;
            page.dueAt = null;
            PageLogEntry.write(page, now, Kind.RESOLVED, null, null, "Resolved by " + by + " (" + via + ")");
        }
        return page;
    }

    private Page lockPage(long pageId) {
        Page page = Page.findById(pageId, LockModeType.PESSIMISTIC_WRITE);
        if (page == null) {
            throw ApiProblem.notFound("There is no page " + pageId);
        }
        return page;
    }

    private void lock(String key) {
        work.lock(key);
    }
}
