package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.escalation.client.IncidentCallSender;
import uk.gov.paas.support.escalation.client.PageEvent;
import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.PageLogEntry.Kind;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.mail.PageMails;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.idempotency.IdempotentRequests;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/** Opens pages (idempotently, deduplicated), acknowledges and resolves them. Escalation itself is the engine's. */
@ApplicationScoped
@Transactional
public class PageService {

    private static final Logger LOG = Logger.getLogger(PageService.class);

    /**
     * What to page about. {@code dedupKey} null: a fresh key, so the page is never merged with another.
     * {@code gradedBecause} says why it has its priority (a routing key's grading, or who asked for it).
     */
    public record NewPage(Severity severity, String summary, String source, String dedupKey, String details, String link, Long policyId,
            String gradedBecause) {
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
    private final Outbox outbox;
    private final ObjectMapper json;
    private final IdempotentRequests requests;

    PageService(Clock clock, EscalationEngine engine, PageMetrics metrics, TargetsTable targets, DueWork work, Outbox outbox, ObjectMapper json,
            IdempotentRequests requests) {
        this.requests = requests;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
        this.engine = engine;
        this.metrics = metrics;
        this.targets = targets;
        this.work = work;
    }

    /**
     * Opens a page, or adds an occurrence to the open page with the same deduplication key in this scope. A repeated
     * idempotency key answers the page of the first request and changes nothing (kernel IdempotentRequests). Same-key
     * and same-dedup-key requests are serialised with transaction-scoped advisory locks, so two at once still make one page.
     */
    public Opened open(NewPage request, String scope, IdempotencyKeys.Key idempotencyKey, String openedBy) {
        return requests.once(idempotencyKey, "page", id -> Page.<Page>findByIdOptional(id).map(p -> new Opened(p, Outcome.REPLAYED)),
                () -> open(request, scope, openedBy), opened -> opened.page().id);
    }

    private Opened open(NewPage request, String scope, String openedBy) {
        Instant now = clock.instant();
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
            LOG.infof("Page %d triggered, %s, by %s", opened.page().id, opened.page().severity.name(), openedBy);
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
        page.gradedBecause = request.gradedBecause();
        page.policyId = policy.id;
        page.level = 0;
        page.round = 0;
        page.occurrences = 1;
        page.lastOccurrenceAt = now;
        page.openedAt = now;
        page.openedBy = openedBy;
        page.persistAndFlush();
        PageLogEntry.write(page, now, Kind.OPENED, null, null, request.severity().name() + " (" + targets.row(request.severity()).aka()
                + ") opened by " + openedBy + " from " + request.source() + ", policy '" + policy.name + "'"
                + (request.gradedBecause() == null ? "" : "; " + request.gradedBecause()));
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
                PageLogEntry.write(page, now, Kind.ACKNOWLEDGED, null, null, "Acknowledged by " + by + " (" + via + "): no further notifications"
                        + cancelNotifications(page, "acknowledged by " + by));
                metrics.acknowledged(page.severity, Duration.between(page.openedAt, now));
                tellIncidentService(page, "ACKNOWLEDGED", by, now);
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
            PageLogEntry.write(page, now, Kind.RESOLVED, null, null, "Resolved by " + by + " (" + via + ")"
                    + cancelNotifications(page, "resolved by " + by));
            tellIncidentService(page, "RESOLVED", by, now);
        }
        return page;
    }

    /**
     * Resolves every open page opened through the API with this deduplication key (an incident resolved, an emergency
     * ticket solved). Resolving is idempotent: a key with no open page resolves nothing and answers an empty list.
     */
    public List<Page> resolveByDedupKey(String dedupKey, String by, String via) {
        lock("dedup\n" + Page.API_SCOPE + "\n" + dedupKey);
        List<Page> open = Page.list("dedupScope = ?1 and dedupKey = ?2 and status <> ?3", Page.API_SCOPE, dedupKey, PageStatus.RESOLVED);
        return open.stream().map(p -> resolve(p.id, by, via)).toList();
    }

    /**
     * Cancels the page's notifications still queued in the outbox (other holders of a role, a resend after a failed
     * attempt), in this transaction: once it commits, nobody is emailed about this page again. A notification being
     * sent at this moment is waited for, not cut off.
     */
    private String cancelNotifications(Page page, String why) {
        int cancelled = outbox.cancelEmails(PageMails.keyPrefix(page), "page " + page.id + " " + why + " before this was sent");
        return cancelled == 0 ? "" : "; " + cancelled + " queued notification" + (cancelled == 1 ? "" : "s") + " cancelled";
    }

    /** Pages an incident or an emergency ticket asked for: their dedup keys name it ({@code incident-7-...}, {@code ticket-12-...}). */
    static final java.util.regex.Pattern INCIDENT_OR_TICKET = java.util.regex.Pattern.compile("(incident|ticket)-\\d{1,18}-.+");

    /** Queues the acknowledgement or resolve for the incident's timeline, in this transaction (never lost, sent once). */
    private void tellIncidentService(Page page, String event, String by, Instant at) {
        if (!Page.API_SCOPE.equals(page.dedupScope) || !INCIDENT_OR_TICKET.matcher(page.dedupKey).matches()) {
            return;
        }
        PageEvent payload = new PageEvent(page.id, page.dedupKey, event, by, at, page.summary);
        try {
            outbox.call(new OutgoingCall("page-" + page.id + "/" + event.toLowerCase(java.util.Locale.ROOT), IncidentCallSender.TARGET,
                    IncidentCallSender.PAGE_EVENT, json.writeValueAsString(payload)));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("a page event always serialises", e);
        }
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
