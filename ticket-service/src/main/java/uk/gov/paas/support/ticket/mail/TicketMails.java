package uk.gov.paas.support.ticket.mail;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.kernel.time.Times;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketComment;
import uk.gov.paas.support.ticket.service.TicketSla;

/**
 * Every email ticket-service sends, from Qute templates (plain text and HTML). Subjects carry the ticket id and
 * state ({@code [#12 OPEN] Subject}); the {@code [#12 ...]} token and the In-Reply-To/References headers make a
 * tenant's reply thread back onto the ticket. Internal notes have no template: they are never sent.
 */
@ApplicationScoped
public class TicketMails {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance receivedText(Notice notice);

        static native TemplateInstance receivedHtml(Notice notice);

        static native TemplateInstance slaText(Notice notice);

        static native TemplateInstance slaHtml(Notice notice);

        static native TemplateInstance replyText(Notice notice);

        static native TemplateInstance replyHtml(Notice notice);

        static native TemplateInstance renamedText(Notice notice);

        static native TemplateInstance renamedHtml(Notice notice);

        static native TemplateInstance pendingReminderText(Notice notice);

        static native TemplateInstance pendingReminderHtml(Notice notice);

        static native TemplateInstance solvedText(Notice notice);

        static native TemplateInstance solvedHtml(Notice notice);

        static native TemplateInstance closedText(Notice notice);

        static native TemplateInstance closedHtml(Notice notice);

        static native TemplateInstance breachText(Notice notice);

        static native TemplateInstance breachHtml(Notice notice);

        static native TemplateInstance backlogDoneText(Notice notice);

        static native TemplateInstance backlogDoneHtml(Notice notice);
    }

    /**
     * What every ticket email shows. {@code text} is the reply or reason; {@code sla} the SLA lines; {@code automatic}
     * says the service acted by itself (auto-close, auto-solve).
     */
    public record Notice(long ticketId, String status, String subject, String requesterName, String text, String previousSubject,
            List<String> sla, boolean automatic, String author, String at, String link) {
    }

    private final SupportCalendar calendar;
    private final TargetsTable table;
    private final TicketConfig config;
    private final TicketSla sla;

    TicketMails(SupportCalendar calendar, TargetsTable table, TicketConfig config, TicketSla sla) {
        this.calendar = calendar;
        this.table = table;
        this.config = config;
        this.sla = sla;
    }

    public String when(Instant instant) {
        return Times.forPeople(instant, calendar.zone());
    }

    /** The subject of every email about a ticket: id and state first, so people and the intake both recognise it. */
    public static String subject(Ticket ticket) {
        return "[#" + ticket.id + " " + ticket.status.name() + "] " + ticket.subject;
    }

    /** The acknowledgement, with the SLA that applies. */
    public OutgoingEmail received(Ticket ticket, Instant now) {
        Notice notice = notice(ticket, null, null, false, null, now);
        return tenant(ticket, "received", Templates.receivedText(notice), Templates.receivedHtml(notice));
    }

    /** The priority was set or changed: the SLA that now applies. */
    public OutgoingEmail slaChanged(Ticket ticket, long eventId, Instant now) {
        Notice notice = notice(ticket, null, null, false, null, now);
        return tenant(ticket, "sla-" + eventId, Templates.slaText(notice), Templates.slaHtml(notice));
    }

    /** An agent's public reply. */
    public OutgoingEmail reply(Ticket ticket, TicketComment comment) {
        Notice notice = notice(ticket, comment.body, null, false, comment.author, comment.createdAt);
        return tenant(ticket, "reply-" + comment.id, Templates.replyText(notice), Templates.replyHtml(notice));
    }

    public OutgoingEmail renamed(Ticket ticket, String previousSubject, String reason, long eventId, Instant now) {
        Notice notice = notice(ticket, reason, previousSubject, false, null, now);
        return tenant(ticket, "renamed-" + eventId, Templates.renamedText(notice), Templates.renamedHtml(notice));
    }

    /** The reminder, sent once the automatic close is stored: the date it gives is the stored {@code statusStepAt}. */
    public OutgoingEmail pendingReminder(Ticket ticket, Instant now) {
        Notice notice = notice(ticket, null, null, true, null, ticket.statusStepAt);
        return tenant(ticket, "pending-reminder-" + ticket.statusChangedAt.getEpochSecond(), Templates.pendingReminderText(notice),
                Templates.pendingReminderHtml(notice));
    }

    /**
     * Solved by an agent (with the reason) or by itself after the believed-solved period; either way the tenant may reopen.
     * Sent after the move, so the closing date is the automatic close stored on the ticket ({@code statusStepAt}).
     */
    public OutgoingEmail solved(Ticket ticket, String reason, boolean automatic, Instant now) {
        Notice notice = notice(ticket, reason, null, automatic, null, ticket.statusStepAt);
        return tenant(ticket, "solved-" + now.getEpochSecond(), Templates.solvedText(notice), Templates.solvedHtml(notice));
    }

    /** Closed by an agent (with the reason) or by itself; a reply to a closed ticket opens a follow-up. */
    public OutgoingEmail closed(Ticket ticket, String reason, boolean automatic, Instant now) {
        Notice notice = notice(ticket, reason, null, automatic, null, now);
        return tenant(ticket, "closed", Templates.closedText(notice), Templates.closedHtml(notice));
    }

    public OutgoingEmail backlogDone(Ticket ticket, Instant now) {
        Notice notice = notice(ticket, ticket.backlogCardUrl, null, false, null, now);
        return tenant(ticket, "backlog-done-" + now.getEpochSecond(), Templates.backlogDoneText(notice), Templates.backlogDoneHtml(notice));
    }

    /** To the assignee, or the group's address: a target was missed. Keyed per target, so it goes once. */
    public OutgoingEmail breach(Ticket ticket, SlaTimer.Kind target, Instant startedAt, Instant dueAt, String to) {
        String what = target == SlaTimer.Kind.FIRST_RESPONSE ? "First response" : "Next update";
        Notice notice = new Notice(ticket.id, ticket.status.name(), ticket.subject, ticket.requesterName, what, null, List.of(), true,
                null, when(dueAt), link(ticket));
        String subject = "[#" + ticket.id + " " + ticket.status.name() + "] SLA breached: " + what.toLowerCase() + " was due " + when(dueAt)
                + ": " + ticket.subject;
        return new OutgoingEmail("ticket-" + ticket.id + "/breach-" + target + "-" + startedAt.getEpochSecond(), List.of(to), subject,
                Templates.breachText(notice).render(), Templates.breachHtml(notice).render(), Map.of());
    }

    private Notice notice(Ticket ticket, String text, String previousSubject, boolean automatic, String author, Instant at) {
        return new Notice(ticket.id, ticket.status.name(), ticket.subject, ticket.requesterName == null ? ticket.requesterEmail : ticket.requesterName,
                text, previousSubject, sla(ticket), automatic, author, at == null ? null : when(at), link(ticket));
    }

    private List<String> sla(Ticket ticket) {
        List<String> lines = new java.util.ArrayList<>();
        if (ticket.priority == null) {
            lines.add("SLA: " + sla.policy(null));
        } else {
            var row = table.row(ticket.priority);
            lines.add("SLA: " + sla.policy(ticket.priority) + ", first response within " + row.inHours().respond()
                    + " and updates every " + row.inHours().update() + (row.inHours().clock() == uk.gov.paas.support.kernel.targets.TargetClock.ROUND_THE_CLOCK
                            ? ", day and night" : " of support hours (" + calendar.describeHours() + ")"));
        }
        if (ticket.firstResponseMetAt == null && ticket.firstResponseDueAt != null) {
            lines.add("First response by " + when(ticket.firstResponseDueAt));
        }
        if (ticket.nextUpdateDueAt != null) {
            lines.add("Next update by " + when(ticket.nextUpdateDueAt));
        }
        return lines;
    }

    private String link(Ticket ticket) {
        return config.ticketPage(ticket.id);
    }

    /** To the requester, replying to the thread's first message so mail clients keep one conversation. */
    private OutgoingEmail tenant(Ticket ticket, String event, TemplateInstance text, TemplateInstance html) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (ticket.threadRoot != null) {
            headers.put("In-Reply-To", ticket.threadRoot);
            headers.put("References", ticket.threadRoot);
        }
        headers.put("X-Ticket-Id", Long.toString(ticket.id));
        return new OutgoingEmail("ticket-" + ticket.id + "/" + event, List.of(ticket.requesterEmail), subject(ticket), text.render(), html.render(),
                headers);
    }
}
