package uk.gov.paas.support.ticket.mail;

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
import uk.gov.paas.support.kernel.outbox.OutgoingEmail;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketComment;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * One test per ticket email template: both parts are rendered, say what the email is for, and the HTML part escapes
 * what people wrote (subjects, replies, reasons, names). Nothing is stored: the mails are built from tickets in memory.
 */
@QuarkusTest
class TicketMailsTest {

    private static final Instant NOW = Instant.parse("2026-11-02T10:31:00Z");

    @Inject
    TicketMails mails;

    private static Ticket ticket(TicketStatus status) {
        Ticket ticket = new Ticket();
        ticket.id = 42L;
        ticket.subject = "Cannot push " + HOSTILE;
        ticket.requesterEmail = "jo@acme.example";
        ticket.requesterName = "Jo <Ops>";
        ticket.status = status;
        ticket.priority = Severity.P3;
        ticket.statusChangedAt = NOW;
        ticket.threadRoot = "<first@acme.example>";
        return ticket;
    }

    @Test
    void receivedSaysTheReferenceAndTheSlaInBothParts() {
        Ticket ticket = ticket(TicketStatus.NEW);
        ticket.priority = null;
        ticket.firstResponseDueAt = Instant.parse("2026-11-04T10:31:00Z");
        OutgoingEmail email = mails.received(ticket, NOW);
        assertBothParts(email, "Hello Jo <Ops>,", "reference", "#42", "Untriaged, first response within 2 business days",
                "First response by Wed 4 Nov 2026 10:31 GMT", "keep [#42] in the subject", "/console/tickets/42");
        assertEscaped(email);
        assertEquals("[#42 NEW] Cannot push " + HOSTILE, email.subject());
        assertEquals("<first@acme.example>", email.headers().get("In-Reply-To"));
        assertEquals("<first@acme.example>", email.headers().get("References"));
        assertEquals("42", email.headers().get("X-Ticket-Id"));
    }

    @Test
    void slaChangedGivesTheNewServiceLevelWithTheCalendarsHours() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        OutgoingEmail email = mails.slaChanged(ticket, 7L, NOW);
        assertBothParts(email, "This is the service level that now applies", "SLA: P3 (Significant)", "of support hours (");
        assertEscaped(email);
    }

    @Test
    void replyCarriesTheAgentsWordsAsWrittenAndEscapedInHtml() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        TicketComment comment = new TicketComment();
        comment.id = 9L;
        comment.body = "Try again with: cf push " + HOSTILE;
        comment.author = "Grace";
        comment.createdAt = NOW;
        OutgoingEmail email = mails.reply(ticket, comment);
        assertBothParts(email, "Try again with: cf push ", "Grace, GOV.UK PaaS support, Mon 2 Nov 2026 10:31 GMT", "Ticket #42 (OPEN)", "See the ticket and reply online", "/console/tickets/42");
        assertEscaped(email);
    }

    @Test
    void renamedSaysTheOldAndNewNameAndWhy() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        OutgoingEmail email = mails.renamed(ticket, "old & <name>", "clearer " + HOSTILE, 3L, NOW);
        assertBothParts(email, "renamed your ticket #42", "from: old & <name>", "Why: clearer ", "/console/tickets/42");
        assertEscaped(email);
    }

    @Test
    void pendingReminderGivesTheStoredCloseDateNotARecomputedOne() {
        Ticket ticket = ticket(TicketStatus.PENDING);
        ticket.statusStep = Ticket.StatusStep.PENDING_CLOSE;
        ticket.statusStepAt = Instant.parse("2026-11-13T15:45:00Z"); // not statusChangedAt + 7 days: the stored value wins
        OutgoingEmail email = mails.pendingReminder(ticket, NOW);
        assertBothParts(email, "still waiting for your reply on ticket #42", "we will close it on Fri 13 Nov 2026 15:45 GMT");
        assertEscaped(email);
    }

    @Test
    void solvedSaysWhyAndTheStoredClosingDate() {
        Ticket ticket = ticket(TicketStatus.SOLVED);
        ticket.statusStep = Ticket.StatusStep.AUTO_CLOSE;
        ticket.statusStepAt = Instant.parse("2026-12-01T09:00:00Z");
        OutgoingEmail email = mails.solved(ticket, "fixed " + HOSTILE, false, NOW);
        assertBothParts(email, "We have marked ticket #42 as solved", "Why: fixed ", "It closes on Tue 1 Dec 2026 09:00 GMT", "/console/tickets/42");
        assertEscaped(email);
        OutgoingEmail automatic = mails.solved(ticket, null, true, NOW);
        assertBothParts(automatic, "We believed ticket #42 was solved and have not heard otherwise");
        assertFalse(automatic.text().contains("Why:"), automatic.text());
    }

    @Test
    void closedSaysWhyAndThatAReplyOpensAFollowUp() {
        Ticket ticket = ticket(TicketStatus.CLOSED);
        OutgoingEmail email = mails.closed(ticket, "spam " + HOSTILE, false, NOW);
        assertBothParts(email, "We have closed ticket #42", "Why: spam ", "we will open a follow-up ticket", "/console/tickets/42");
        assertEscaped(email);
        assertBothParts(mails.closed(ticket, null, true, NOW), "Ticket #42 has been closed automatically");
    }

    @Test
    void breachGoesToTheAssigneeWithWhatWasMissed() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        OutgoingEmail email = mails.breach(ticket, SlaTimer.Kind.FIRST_RESPONSE, NOW, Instant.parse("2026-11-02T14:31:00Z"), "grace@example.gov.uk");
        assertBothParts(email, "on ticket #42 (OPEN)", "First response was due Mon 2 Nov 2026 14:31 GMT", "/console/tickets/42");
        assertEscaped(email);
        assertEquals(List.of("grace@example.gov.uk"), email.to());
        assertTrue(email.subject().startsWith("[#42 OPEN] SLA breached: first response was due"), email.subject());
    }

    @Test
    void backlogDoneNamesTheCard() {
        Ticket ticket = ticket(TicketStatus.OPEN);
        ticket.backlogCardUrl = "https://trello.example/c/1?a=1&b=2";
        OutgoingEmail email = mails.backlogDone(ticket, NOW);
        assertBothParts(email, "is done", "It was tracked as https://trello.example/c/1?a=1&b=2");
        assertEscaped(email);
    }
}
