package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.gov.paas.support.kernel.outbox.Inbox;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;

/**
 * POST /api/intake/email with {@code Prefer: respond-async}, as a gateway taking a burst sends it: a readable email is
 * stored and answered 202 before anything else happens, then processed exactly as the synchronous intake would have.
 */
@QuarkusTest
class EmailQueueTest {

    static final String ADA = "Ada Lovelace <ada@tenant.example>";

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;
    @Inject
    Inbox inbox;

    @BeforeEach
    void empty() {
        fixtures.reset();
        ServiceStubs.reset();
        clock.set(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long count(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                .getSingleResult()).longValue());
    }

    private static ValidatableResponse postAsync(String raw, String prefer) {
        return given().auth().oauth2(Emails.SERVICE).contentType("message/rfc822").header("Prefer", prefer)
                .body(raw.getBytes(StandardCharsets.UTF_8)).when().post("/api/intake/email").then();
    }

    private List<Ticket> tickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>list("order by id"));
    }

    @Test
    void anEmailIsStoredAndAnswered202ThenOpensItsTicketAsTheSynchronousIntakeWould() {
        postAsync(Emails.from(ADA).subject("[PaaS Support] Cannot push my app").messageId("<queued@tenant.example>").text("cf push fails.").raw(),
                "respond-async, wait=5")
                .statusCode(202).header("Preference-Applied", "respond-async").body("status", equalTo("queued"))
                .body("messageId", equalTo("<queued@tenant.example>"));
        assertEquals(0, count("ticket"), "nothing but the store happens in the request");
        assertEquals(1, inbox.waiting());

        assertEquals(1, inbox.processDue());
        List<Ticket> tickets = tickets();
        assertEquals(1, tickets.size());
        Ticket ticket = fixtures.stored(tickets.get(0).id);
        assertEquals("Cannot push my app", ticket.subject);
        assertEquals("acme", ticket.organisation);
        assertEquals("<queued@tenant.example>", ticket.threadRoot);
        assertEquals(List.of("ada@tenant.example | [#" + ticket.id + " NEW] Cannot push my app"), fixtures.queued(), "acknowledged");
        assertEquals(0, inbox.waiting());
    }

    @Test
    void anUnreadableEmailIsStill400AndNothingIsStored() {
        postAsync("this is not an email at all", "respond-async").statusCode(400);
        postAsync(Emails.from("nobody").subject("[PaaS Support] No address").text("x").raw(), "respond-async").statusCode(400);
        assertEquals(0, inbox.waiting());
    }

    @Test
    void theSameEmailQueuedTwiceMakesOneTicketAndAReplyQueuedAfterItsOriginalThreadsOntoIt() {
        String original = Emails.from(ADA).subject("[PaaS Support] Slow builds").messageId("<orig@tenant.example>").text("Builds are slow.").raw();
        postAsync(original, "respond-async").statusCode(202);
        postAsync(original, "respond-async").statusCode(202);
        postAsync(Emails.from(ADA).subject("Re: [PaaS Support] Slow builds").messageId("<reply@tenant.example>")
                .header("In-Reply-To", "<orig@tenant.example>").text("Still slow today.").raw(), "respond-async").statusCode(202);

        assertEquals(3, inbox.processDue());
        assertEquals(1, count("ticket"), "the duplicate made nothing, the reply no new ticket");
        assertEquals(1, count("ticket_comment"), "the reply is the ticket's one comment");
        assertEquals("Still slow today.", QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select body from ticket_comment").getSingleResult()));
    }

    @Test
    void aQueuedEmergencyEmailIsP1AndQueuesExactlyOneIncidentAndOnePage() {
        postAsync(Emails.from(ADA).subject("[PaaS Emergency Support] Production is down").messageId("<sos-q@tenant.example>")
                .text("Every app returns 503.").raw(), "respond-async").statusCode(202);
        assertEquals(0, count("outbox_call"));
        assertEquals(1, inbox.processDue());
        assertEquals(Severity.P1, tickets().get(0).priority);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", "incident-service")));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", "escalation-service")));
    }

    @Test
    void withoutRespondAsyncTheIntakeAnswersWhatItDidAsBefore() {
        postAsync(Emails.from(ADA).subject("[PaaS Support] Now").messageId("<now@tenant.example>").text("x").raw(), "return=minimal")
                .statusCode(201).body("action", equalTo("CREATED"));
        assertEquals(0, inbox.waiting());
    }

    @Test
    void preferIsReadAsRfc7240Says() {
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("respond-async"));
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("return=minimal, Respond-Async ; x=1"));
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("wait=10,respond-async"));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync(null));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("respond-asyncx"));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("return=respond-async"));
    }
}
