package uk.gov.paas.support.escalation.rest;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.kernel.time.Times;

/** Pages as the API shows them: instants in UTC with the local time beside them. */
@ApplicationScoped
public class PageViews {

    public record LogView(Instant at, String atLocal, PageLogEntry.Kind kind, Integer level, Long personId, String detail) {
    }

    /** {@code level} is 1-based: the level last notified, or the one a waiting page will notify. */
    public record PageView(long id, PageStatus status, String severity, String severityName, String gradedBecause, String summary,
            String source, String dedupKey, String details, String link, long policyId, int level, int round, Instant dueAt, String dueAtLocal,
            int occurrences, Instant lastOccurrenceAt, Instant openedAt, String openedAtLocal, String openedBy, Instant acknowledgedAt,
            String acknowledgedAtLocal, String acknowledgedBy, Instant resolvedAt, String resolvedAtLocal, String resolvedBy,
            List<LogView> log) {
    }

    private final SupportCalendar calendar;
    private final TargetsTable targets;

    PageViews(SupportCalendar calendar, TargetsTable targets) {
        this.calendar = calendar;
        this.targets = targets;
    }

    public PageView summary(Page page) {
        return view(page, null);
    }

    public PageView withLog(Page page) {
        return view(page, PageLogEntry.ofPage(page.id).stream()
                .map(e -> new LogView(e.at, local(e.at), e.kind, e.level, e.personId, e.detail)).toList());
    }

    private PageView view(Page page, List<LogView> log) {
        return new PageView(page.id, page.status, page.severity.name(), targets.row(page.severity).aka(), page.gradedBecause, page.summary,
                page.source,
                page.dedupKey, page.details, page.link, page.policyId, page.level + 1, page.round + 1, page.dueAt, local(page.dueAt),
                page.occurrences, page.lastOccurrenceAt, page.openedAt, local(page.openedAt), page.openedBy, page.acknowledgedAt,
                local(page.acknowledgedAt), page.acknowledgedBy, page.resolvedAt, local(page.resolvedAt), page.resolvedBy, log);
    }

    private String local(Instant instant) {
        return Times.local(instant, calendar.zone());
    }
}
