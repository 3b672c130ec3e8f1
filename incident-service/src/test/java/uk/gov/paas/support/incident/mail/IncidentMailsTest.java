package uk.gov.paas.support.incident.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.kernel.testing.MailParts.HOSTILE;
import static uk.gov.paas.support.kernel.testing.MailParts.assertBothParts;
import static uk.gov.paas.support.kernel.testing.MailParts.assertEscaped;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * One test per incident email template: the tenant update, the update reminder and missed-update notice, the security
 * notice, the subscription confirm and the review reminder. Both parts are rendered and say what the email is for;
 * the HTML part escapes what people wrote (titles, descriptions, update bodies, component names).
 */
@QuarkusTest
class IncidentMailsTest {

    private static final Instant DECLARED = Instant.parse("2026-11-02T10:00:00Z");

    @Inject
    IncidentMails mails;

    private static Incident incident() {
        Incident incident = new Incident();
        incident.id = 7L;
        incident.title = "Database down " + HOSTILE;
        incident.description = "Writes fail " + HOSTILE;
        incident.severity = Severity.P1;
        incident.status = IncidentStatus.INVESTIGATING;
        incident.declaredAt = DECLARED;
        incident.declaredBy = "Ada <ops>";
        incident.nextUpdateBy = Instant.parse("2026-11-02T11:00:00Z");
        return incident;
    }

    private static Subscriber subscriber() {
        Subscriber subscriber = new Subscriber();
        subscriber.id = 3L;
        subscriber.email = "tenant@example.org";
        subscriber.token = "tok3n";
        return subscriber;
    }

    @Test
    void updateCarriesTheBodyTheComponentsAndTheUnsubscribeLink() {
        TenantUpdate update = new TenantUpdate();
        update.id = 5L;
        update.status = IncidentStatus.INVESTIGATING;
        update.title = "Possible issue being investigated";
        update.body = "We are looking " + HOSTILE;
        update.publishedAt = DECLARED;
        OutgoingEmail email = mails.update(incident(), update, subscriber(), List.of("Postgres & <MySQL>", "Routing"));
        assertBothParts(email, "Possible issue being investigated: Database down ", "We are looking ", "Incident #7, P1 (Critical)",
                "Postgres & <MySQL>, Routing", "/subscriptions/tok3n/unsubscribe");
        assertEscaped(email);
        assertTrue(email.headers().get("List-Unsubscribe").endsWith("/subscriptions/tok3n/unsubscribe>"), email.headers().toString());
        assertTrue(email.subject().startsWith("[Incident #7 INVESTIGATING] Database down"), email.subject());
    }

    @Test
    void reminderSaysWhenTheNextUpdateIsDue() {
        OutgoingEmail email = mails.reminder(incident(), "comms@example.gov.uk");
        assertBothParts(email, "The next tenant update for incident #7 is due at Mon 2 Nov 2026 11:00 GMT", "P1: Database down ",
                "/api/incidents/7");
        assertEscaped(email);
        assertFalse(email.text().contains("page the on-call"), email.text());
        assertTrue(email.subject().startsWith("[Incident #7 INVESTIGATING] Tenant update due at Mon 2 Nov 2026 11:00 GMT"), email.subject());
    }

    @Test
    void missedUpdateSaysItWasDueAndThatTheOnCallIsPaged() {
        OutgoingEmail email = mails.missed(incident(), "lead@example.gov.uk");
        assertBothParts(email, "was due at Mon 2 Nov 2026 11:00 GMT (11:00 UTC) and has not been published",
                "escalation-service has been asked to page the on-call responder", "P1: Database down ");
        assertEscaped(email);
        assertTrue(email.subject().contains("Tenant update overdue"), email.subject());
    }

    @Test
    void securityNoticeSaysWhoDeclaredWhatAndWhen() {
        OutgoingEmail email = mails.security(incident(), "ia@example.gov.uk");
        assertBothParts(email, "A security incident has been declared.", "Incident #7, P1: Database down ",
                "Declared Mon 2 Nov 2026 10:00 GMT", "by Ada <ops>", "Writes fail ");
        assertEscaped(email);
        assertTrue(email.subject().contains("Security incident declared"), email.subject());
    }

    @Test
    void confirmListsTheComponentsAndCarriesBothLinks() {
        OutgoingEmail email = mails.confirm(subscriber(), List.of("Postgres " + HOSTILE, "Routing"), DECLARED);
        assertBothParts(email, "asked for email about incidents affecting", "Postgres ", "Routing", "/subscriptions/tok3n/confirm",
                "/subscriptions/tok3n/unsubscribe");
        assertEscaped(email);
        assertEquals("Confirm your status page subscription", email.subject());
        assertTrue(email.headers().get("List-Unsubscribe").endsWith("/subscriptions/tok3n/unsubscribe>"));
    }

    @Test
    void reviewReminderSaysTheDueDateAndWhetherItIsOverdue() {
        Incident incident = incident();
        incident.status = IncidentStatus.RESOLVED;
        Instant dueBy = Instant.parse("2026-11-09T10:00:00Z");
        OutgoingEmail due = mails.review(incident, dueBy, false, "lead@example.gov.uk");
        assertBothParts(due, "The no-blame review of incident #7 (", "must be held by Mon 9 Nov 2026 10:00 GMT",
                "Attendees: lead, comms, team, delivery manager, product manager, technical architect.");
        assertEscaped(due);
        assertFalse(due.text().contains("has not been recorded as held"), due.text());
        assertTrue(due.subject().startsWith("[Incident #7 RESOLVED] No-blame review due by Mon 9 Nov 2026 10:00 GMT"), due.subject());
        OutgoingEmail overdue = mails.review(incident, dueBy, true, "lead@example.gov.uk");
        assertBothParts(overdue, "and has not been recorded as held.");
        assertTrue(overdue.subject().contains("No-blame review overdue"), overdue.subject());
        assertEquals("incident-7/review-overdue", overdue.idempotencyKey());
    }
}
