package uk.gov.paas.support.ticket.service;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.reply;
import static uk.gov.paas.support.ticket.TicketApi.status;
import static uk.gov.paas.support.ticket.TicketApi.tenantComment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.SlaBreach;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/** The deadline scan: breaches recorded and emailed once, scheduled status steps with their notices, nothing for closed tickets. */
@QuarkusTest
class TicketScanTest {

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    TicketScan scan;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static List<String> subjects(MimeMessage[] messages) throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage m : messages) {
            subjects.add(m.getAllRecipients()[0] + " | " + m.getSubject());
        }
        return subjects;
    }

    private static long breaches() {
        return QuarkusTransaction.requiringNew().call(() -> SlaBreach.count());
    }

    @Test
    void breachIsRecordedAndEmailedOnceWhenTheScanRunsTwiceAtOnceInTwoThreads() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        as(AGENT).body(Map.of("assignee", "grace@example.gov.uk", "group", "first-line", "reason", "database expertise")).when()
                .post("/api/tickets/" + id + "/assign").then().statusCode(200);
        fixtures.deliver();
        clock.set(Instant.parse("2026-11-25T10:31:00Z"));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return scan.checkDue();
            }));
        }
        start.countDown();
        int handled = 0;
        for (Future<Integer> run : runs) {
            handled += run.get();
        }
        pool.shutdown();
        assertEquals(1, handled, "one thread claims the ticket, the other skips it");
        scan.checkDue();
        assertEquals(1, breaches());
        List<String> breachMails = subjects(fixtures.deliver()).stream().filter(s -> s.contains("SLA breached")).toList();
        assertEquals(List.of("grace@example.gov.uk | [#" + id + " NEW] SLA breached: first response was due Wed 25 Nov 2026 10:30 GMT (10:30 UTC): "
                + "Cannot push my app"), breachMails);
        as(AGENT).when().get("/api/tickets/" + id).then().body("breaches.size()", equalTo(1)).body("sla.firstResponse.state", equalTo("OVERDUE"))
                .body("sla.firstResponse.overdue", equalTo(true));
    }

    @Test
    void breachOfAnUnassignedTicketGoesToItsGroupsAddress() throws Exception {
        create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        clock.set(Instant.parse("2026-11-25T11:00:00Z"));
        scan.checkDue();
        assertTrue(subjects(fixtures.deliver()).stream().anyMatch(s -> s.startsWith("support-triage@localhost | ") && s.contains("SLA breached")));
    }

    @Test
    void aPausedAnsweredSolvedOrClosedTicketIsNeverBreached() {
        long paused = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), paused, "ON_HOLD", null, "Waiting on the IaaS provider");
        long answered = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        reply(clock, Instant.parse("2026-11-25T10:20:00Z"), answered, "On it.", true);
        long solved = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        status(clock, Instant.parse("2026-11-25T10:05:00Z"), solved, "SOLVED", "Duplicate of another ticket", null);
        long closed = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        status(clock, Instant.parse("2026-11-25T10:05:00Z"), closed, "CLOSED", "Spam", null);
        clock.set(Instant.parse("2026-11-25T16:00:00Z"));
        scan.checkDue();
        assertEquals(0, breaches());
        assertTrue(fixtures.queued().stream().noneMatch(q -> q.contains("SLA breached")), "nothing is sent for stopped timers");
        assertNull(fixtures.stored(closed).nextCheckAt);
    }

    @Test
    void aNewNextUpdateTargetCanBreachAgainAfterAnEarlierOneWasBreached() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "Which app?", true);
        tenantComment(clock, Instant.parse("2026-11-25T10:20:00Z"), id, "billing-api in prod");
        clock.set(Instant.parse("2026-11-25T14:30:00Z"));
        scan.checkDue();
        tenantComment(clock, Instant.parse("2026-11-25T14:40:00Z"), id, "Still broken, please help");
        clock.set(Instant.parse("2026-11-26T11:00:00Z"));
        scan.checkDue();
        scan.checkDue();
        assertEquals(2, breaches(), "one breach per next-update target, each once");
    }

    @Test
    void pendingTicketIsRemindedThenClosesAfterSevenDaysWithNotices() throws Exception {
        long id = create(clock, Instant.parse("2026-11-02T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-02T10:30:00Z"), id, "Can you send the app's GUID?", true);
        status(clock, Instant.parse("2026-11-02T10:31:00Z"), id, "PENDING", null, null);
        fixtures.deliver();
        clock.set(Instant.parse("2026-11-05T10:30:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.PENDING, fixtures.stored(id).status, "3 days: not yet");
        clock.set(Instant.parse("2026-11-05T10:32:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.PENDING, fixtures.stored(id).status);
        clock.set(Instant.parse("2026-11-09T10:31:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.CLOSED, fixtures.stored(id).status);
        assertNull(fixtures.stored(id).nextCheckAt, "a closed ticket has nothing left to check");
        List<String> mails = subjects(fixtures.deliver());
        mails = mails.subList(mails.size() - 2, mails.size());
        assertEquals(List.of("jo@acme.example | [#" + id + " PENDING] Cannot push my app", "jo@acme.example | [#" + id + " CLOSED] Cannot push my app"),
                mails);
        MimeMessage[] all = fixtures.deliver();
        String reminder = TicketFixtures.text(all[all.length - 2]);
        assertTrue(reminder.contains("we will close it on Mon 9 Nov 2026 10:31 GMT"), reminder);
        assertTrue(TicketFixtures.text(all[all.length - 1]).contains("closed automatically"));
    }

    @Test
    void believedSolvedBecomesSolvedAfterFourDaysAndSolvedClosesAfterTwentyEight() {
        long id = create(clock, Instant.parse("2026-11-02T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-02T10:30:00Z"), id, "We have fixed the route.", true);
        status(clock, Instant.parse("2026-11-02T10:31:00Z"), id, "PENDING_BELIEVED_SOLVED", null, null);
        clock.set(Instant.parse("2026-11-06T10:30:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.PENDING_BELIEVED_SOLVED, fixtures.stored(id).status);
        clock.set(Instant.parse("2026-11-06T10:31:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status);
        clock.set(Instant.parse("2026-12-04T10:30:59Z"));
        scan.checkDue();
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status);
        clock.set(Instant.parse("2026-12-04T10:31:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.CLOSED, fixtures.stored(id).status);
        assertEquals(Arrays.asList("jo@acme.example | [#" + id + " SOLVED] Cannot push my app", "jo@acme.example | [#" + id + " CLOSED] Cannot push my app"),
                fixtures.queued().subList(fixtures.queued().size() - 2, fixtures.queued().size()));
        as(AGENT).when().get("/api/tickets/" + id + "/audit").then().log().ifValidationFails().body("findAll { it.action == 'STATUS' }.detail",
                org.hamcrest.Matchers.hasItems("PENDING_BELIEVED_SOLVED -> SOLVED (automatic)", "SOLVED -> CLOSED (automatic)"));
    }

    @Test
    void aTenantReplyWhilePendingCancelsTheScheduledClose() {
        long id = create(clock, Instant.parse("2026-11-02T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-02T10:31:00Z"), id, "PENDING", null, null);
        tenantComment(clock, Instant.parse("2026-11-03T09:00:00Z"), id, "Here is the GUID: 1234");
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status);
        assertNull(fixtures.stored(id).statusStepAt);
        clock.set(Instant.parse("2026-11-20T10:00:00Z"));
        scan.checkDue();
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status);
    }
}
