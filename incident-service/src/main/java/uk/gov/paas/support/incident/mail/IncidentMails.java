package uk.gov.paas.support.incident.mail;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.kernel.time.Times;

/**
 * Every email incident-service sends, each with a plain-text and an HTML part from the type-safe Qute templates in
 * {@code src/main/resources/templates/IncidentMails/} (the HTML ones escape what people wrote). Subjects carry the
 * incident id and state.
 */
@ApplicationScoped
public class IncidentMails {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance updateText(UpdateNotice notice);

        static native TemplateInstance updateHtml(UpdateNotice notice);

        static native TemplateInstance deadlineText(DeadlineNotice notice);

        static native TemplateInstance deadlineHtml(DeadlineNotice notice);

        static native TemplateInstance securityText(SecurityNotice notice);

        static native TemplateInstance securityHtml(SecurityNotice notice);

        static native TemplateInstance confirmText(List<String> components, String confirmUrl, String unsubscribeUrl);

        static native TemplateInstance confirmHtml(List<String> components, String confirmUrl, String unsubscribeUrl);

        static native TemplateInstance reviewText(ReviewNotice notice);

        static native TemplateInstance reviewHtml(ReviewNotice notice);
    }

    /** A tenant update as a subscriber reads it. */
    public record UpdateNotice(long incidentId, String status, String severity, String aka, String title, String updateTitle, String body,
            String publishedAt, List<String> components, String statusPageUrl, String unsubscribeUrl) {
    }

    /** A reminder that an update is due, or the notice that it was missed. */
    public record DeadlineNotice(long incidentId, String severity, String title, boolean missed, String dueAt, String incidentUrl) {
    }

    public record SecurityNotice(long incidentId, String severity, String title, String description, String declaredAt, String declaredBy) {
    }

    /** The no-blame review is due soon, or overdue. */
    public record ReviewNotice(long incidentId, String title, String dueBy, boolean overdue) {
    }

    private final SupportCalendar calendar;
    private final TargetsTable targets;
    private final IncidentConfig config;

    IncidentMails(SupportCalendar calendar, TargetsTable targets, IncidentConfig config) {
        this.calendar = calendar;
        this.targets = targets;
        this.config = config;
    }

    public String when(Instant instant) {
        return Times.forPeople(instant, calendar.zone());
    }

    private String base() {
        String url = config.publicUrl();
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** One public update to one subscriber; the key makes a retry or a second publication of the same update send nothing more. */
    public OutgoingEmail update(Incident incident, TenantUpdate update, Subscriber subscriber, List<String> componentNames) {
        UpdateNotice notice = updateNotice(incident, update.status.name(), update.title, update.body, update.publishedAt, componentNames,
                base() + "/subscriptions/" + subscriber.token + "/unsubscribe");
        return new OutgoingEmail("incident-" + incident.id + "/update-" + update.id + "/subscriber-" + subscriber.id, List.of(subscriber.email),
                updateSubject(incident, update.status.name()), Templates.updateText(notice).render(), Templates.updateHtml(notice).render(),
                Map.of("List-Unsubscribe", "<" + notice.unsubscribeUrl() + ">"));
    }

    /** A tenant update's email as {@link #update} would write it, before it is sent: its subject and plain text. */
    public record UpdatePreview(String subject, String text) {
    }

    /**
     * What a subscriber would read if this update were published at {@code at}, through the same notice, subject and
     * template as {@link #update}; each subscriber's own unsubscribe link stands where {@code unsubscribeLink} is.
     */
    public UpdatePreview updatePreview(Incident incident, String status, String updateTitle, String body, Instant at, List<String> componentNames,
            String unsubscribeLink) {
        UpdateNotice notice = updateNotice(incident, status, updateTitle, body, at, componentNames, unsubscribeLink);
        return new UpdatePreview(updateSubject(incident, status), Templates.updateText(notice).render());
    }

    private UpdateNotice updateNotice(Incident incident, String status, String updateTitle, String body, Instant publishedAt, List<String> componentNames,
            String unsubscribeUrl) {
        return new UpdateNotice(incident.id, status, incident.severity.name(), targets.row(incident.severity).aka(), incident.title, updateTitle, body,
                when(publishedAt), componentNames, base() + "/status", unsubscribeUrl);
    }

    private static String updateSubject(Incident incident, String status) {
        return "[Incident #" + incident.id + " " + status + "] " + incident.title;
    }

    public OutgoingEmail reminder(Incident incident, String to) {
        return deadline(incident, to, false, "incident-" + incident.id + "/reminder-" + incident.nextUpdateBy.getEpochSecond());
    }

    public OutgoingEmail missed(Incident incident, String to) {
        return deadline(incident, to, true, "incident-" + incident.id + "/missed-" + incident.nextUpdateBy.getEpochSecond());
    }

    private OutgoingEmail deadline(Incident incident, String to, boolean missed, String key) {
        DeadlineNotice notice = new DeadlineNotice(incident.id, incident.severity.name(), incident.title, missed, when(incident.nextUpdateBy),
                base() + "/api/incidents/" + incident.id);
        String subject = "[Incident #" + incident.id + " " + incident.status.name() + "] " + (missed ? "Tenant update overdue" : "Tenant update due")
                + " at " + when(incident.nextUpdateBy) + ": " + incident.title;
        return new OutgoingEmail(key, List.of(to), subject, Templates.deadlineText(notice).render(),
                Templates.deadlineHtml(notice).render(), Map.of());
    }

    /** The confirm link of a new subscription (keyed per request, so asking again sends a fresh one). */
    public OutgoingEmail confirm(Subscriber subscriber, List<String> componentNames, Instant now) {
        String base = base() + "/subscriptions/" + subscriber.token;
        String confirmUrl = base + "/confirm";
        String unsubscribeUrl = base + "/unsubscribe";
        return new OutgoingEmail("subscriber-" + subscriber.id + "/confirm-" + now.toEpochMilli(), List.of(subscriber.email),
                "Confirm your status page subscription", Templates.confirmText(componentNames, confirmUrl, unsubscribeUrl).render(),
                Templates.confirmHtml(componentNames, confirmUrl, unsubscribeUrl).render(), Map.of("List-Unsubscribe", "<" + unsubscribeUrl + ">"));
    }

    public OutgoingEmail security(Incident incident, String to) {
        SecurityNotice notice = new SecurityNotice(incident.id, incident.severity.name(), incident.title, incident.description,
                when(incident.declaredAt), incident.declaredBy);
        return new OutgoingEmail("incident-" + incident.id + "/security-notice/" + to.toLowerCase(), List.of(to),
                "[Incident #" + incident.id + " " + incident.status.name() + "] Security incident declared: " + incident.title,
                Templates.securityText(notice).render(), Templates.securityHtml(notice).render(), Map.of());
    }

    /** To the incident lead: the review is due by {@code dueBy}, or overdue. One of each per incident. */
    public OutgoingEmail review(Incident incident, Instant dueBy, boolean overdue, String to) {
        ReviewNotice notice = new ReviewNotice(incident.id, incident.title, when(dueBy), overdue);
        return new OutgoingEmail("incident-" + incident.id + "/review-" + (overdue ? "overdue" : "due"), List.of(to),
                "[Incident #" + incident.id + " RESOLVED] No-blame review " + (overdue ? "overdue" : "due") + " by " + when(dueBy) + ": "
                        + incident.title,
                Templates.reviewText(notice).render(), Templates.reviewHtml(notice).render(), Map.of());
    }
}
