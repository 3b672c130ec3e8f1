package uk.gov.paas.support.escalation.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.kernel.time.Times;

/** The emails this service sends: a page to one person, and the hand-over note to whoever comes on call. */
@ApplicationScoped
public class PageMails {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance noticeText(Notice notice);

        static native TemplateInstance noticeHtml(Notice notice);

        static native TemplateInstance handoverText(Handover handover);

        static native TemplateInstance handoverHtml(Handover handover);
    }

    /** What a page email says, every time already in the zone with UTC beside it. */
    public record Notice(long pageId, String severity, String aka, String status, String summary, String source, String details,
            String link, String personName, String levelDescription, int levelNumber, int levelCount, int round, int rounds,
            String openedAt, String waitedNote, int occurrences, int ackMinutes, String ackBy, String ackLink, String linkExpires) {
    }

    /** One open page in a hand-over note. */
    public record OpenPage(long id, String severity, String status, String summary, String openedAt, String acknowledgedBy) {
    }

    /** The hand-over note. */
    public record Handover(String personName, String rotaName, String shiftStart, String shiftEnd, List<OpenPage> pages) {
    }

    private final SupportCalendar calendar;
    private final TargetsTable targets;

    PageMails(SupportCalendar calendar, TargetsTable targets) {
        this.calendar = calendar;
        this.targets = targets;
    }

    public String when(Instant instant) {
        return Times.forPeople(instant, calendar.zone());
    }

    /** Every notification of a page has an idempotency key under this prefix, so ending the page can cancel what is still queued. */
    public static String keyPrefix(Page page) {
        return "page-" + page.id + "/";
    }

    /** A page notification: the subject carries severity and state, so a phone's lock screen says enough. */
    public OutgoingEmail notice(Page page, Person person, String levelDescription, int levelNumber, int levelCount, int rounds,
            int ackMinutes, Instant now, String ackLink, Instant linkExpires, String waitedNote) {
        Notice notice = new Notice(page.id, page.severity.name(), targets.row(page.severity).aka(), page.status.name(), page.summary,
                page.source, page.details, page.link, person.name, levelDescription, levelNumber, levelCount, page.round + 1, rounds,
                when(page.openedAt), waitedNote, page.occurrences, ackMinutes, when(now.plusSeconds(60L * ackMinutes)), ackLink,
                when(linkExpires));
        String subject = "[" + page.severity.name() + " " + page.status.name() + "] Page #" + page.id + ": " + oneLine(page.summary);
        String key = keyPrefix(page) + "round-" + page.round + "/level-" + page.level + "/person-" + person.id;
        return new OutgoingEmail(key, List.of(person.email), subject, Templates.noticeText(notice).render(),
                Templates.noticeHtml(notice).render(), Map.of("X-Page-Id", Long.toString(page.id)));
    }

    /** The note to whoever comes on call at a handoff, listing the pages still open. */
    public OutgoingEmail handover(long rotaId, String rotaName, Person person, Instant handoff, Instant shiftEnd, List<Page> open) {
        List<OpenPage> pages = open.stream()
                .map(p -> new OpenPage(p.id, p.severity.name(), p.status.name(), p.summary, when(p.openedAt), p.acknowledgedBy))
                .toList();
        Handover handover = new Handover(person.name, rotaName, when(handoff), shiftEnd == null ? "further notice" : when(shiftEnd), pages);
        String subject = "[On call] " + rotaName + " from " + when(handoff) + ": " + (pages.isEmpty() ? "no open pages"
                : pages.size() + " open page" + (pages.size() == 1 ? "" : "s"));
        String key = "rota-" + rotaId + "/handoff-" + handoff.getEpochSecond();
        return new OutgoingEmail(key, List.of(person.email), subject, Templates.handoverText(handover).render(),
                Templates.handoverHtml(handover).render(), Map.of());
    }

    private static String oneLine(String text) {
        String line = text.replaceAll("\\s+", " ").strip();
        return line.length() > 150 ? line.substring(0, 147) + "..." : line;
    }
}
