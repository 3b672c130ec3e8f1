package uk.gov.paas.support.escalation.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.kernel.testing.MailParts.HOSTILE;
import static uk.gov.paas.support.kernel.testing.MailParts.assertBothParts;
import static uk.gov.paas.support.kernel.testing.MailParts.assertEscaped;

import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * One test per escalation email template: the page notice and the hand-over note. Both parts are rendered and say what
 * the email is for; the HTML part escapes what monitoring or people wrote (summaries, details, names).
 */
@QuarkusTest
class PageMailsTest {

    private static final Instant NOW = Instant.parse("2026-11-02T02:00:00Z");

    @Inject
    PageMails mails;

    private static Page page() {
        Page page = new Page();
        page.id = 11L;
        page.severity = Severity.P1;
        page.status = PageStatus.TRIGGERED;
        page.summary = "Disk full " + HOSTILE;
        page.source = "alertmanager";
        page.details = "host=db-1 " + HOSTILE;
        page.link = "https://grafana.example/d/1?a=1&b=2";
        page.openedAt = NOW;
        page.occurrences = 2;
        return page;
    }

    private static Person person() {
        Person person = new Person();
        person.id = 4L;
        person.name = "Ada <on call>";
        person.email = "ada@example.gov.uk";
        return person;
    }

    @Test
    void noticeCarriesTheAcknowledgementLinkAndTheAlertInBothParts() {
        OutgoingEmail email = mails.notice(page(), person(), "escalation rota", 1, 3, 2, 15, NOW, "https://esc.example/ack/t0k",
                NOW.plusSeconds(12 * 3600), null);
        assertBothParts(email, "P1 (Critical) page #11, TRIGGERED", "Disk full ", "Ada <on call>, you are paged as level 1 of 3 (escalation rota), round 1 of 2",
                "Acknowledge within 15 minutes, by Mon 2 Nov 2026 02:15 GMT", "https://esc.example/ack/t0k", "host=db-1 ",
                "https://grafana.example/d/1?a=1&b=2");
        assertEscaped(email);
        assertEquals("11", email.headers().get("X-Page-Id"));
        assertTrue(email.subject().startsWith("[P1 TRIGGERED] Page #11: Disk full"), email.subject());
    }

    @Test
    void handoverListsTheOpenPagesOrSaysThereAreNone() {
        Page open = page();
        open.acknowledgedBy = "Grace";
        OutgoingEmail email = mails.handover(1L, "Escalation " + HOSTILE, person(), NOW, NOW.plusSeconds(7 * 86400), List.of(open));
        assertBothParts(email, "Ada <on call>, you are on call for", "from Mon 2 Nov 2026 02:00 GMT", "Open pages (1)", "#11",
                "Disk full ", "acknowledged by Grace");
        assertEscaped(email);
        assertTrue(email.subject().endsWith("1 open page"), email.subject());
        OutgoingEmail none = mails.handover(1L, "Support", person(), NOW, null, List.of());
        assertBothParts(none, "No pages are open.", "until further notice");
        assertTrue(none.subject().endsWith("no open pages"), none.subject());
    }
}
