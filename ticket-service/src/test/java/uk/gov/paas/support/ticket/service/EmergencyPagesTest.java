package uk.gov.paas.support.ticket.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.outbox.OutboxCallRelay;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * A solved or closed emergency ticket resolves its page: unsent page requests are cancelled in the transaction of the
 * move, and a resolve goes to escalation-service (the stub over real HTTP) once per solve, by an agent or by the scan.
 */
@QuarkusTest
class EmergencyPagesTest {

    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T03:00:00Z");

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    OutboxCallRelay calls;
    @Inject
    Outbox outbox;
    @Inject
    TicketScan scan;

    @BeforeEach
    void empty() {
        fixtures.reset();
        ServiceStubs.reset();
        clock.set(SATURDAY_NIGHT);
    }

    @AfterEach
    void realTime() {
        clock.reset();
        ServiceStubs.reset();
    }

    private static long email(String subject, String messageId, String inReplyTo) {
        String raw = "From: Ada Lovelace <ada@tenant.example>\r\nTo: support@localhost\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId + "\r\n"
                + (inReplyTo == null ? "" : "In-Reply-To: " + inReplyTo + "\r\n") + "Content-Type: text/plain; charset=UTF-8\r\n\r\nAll our apps return 503.\r\n";
        return given().auth().oauth2(DevTokens.forRole("service")).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/intake/email").then().statusCode(201).extract().jsonPath().getLong("ticketId");
    }

    private static long emergency(String messageId) {
        return email("[PaaS Emergency Support] Every app is down", messageId, null);
    }

    private static void move(long id, String status, String reason) {
        Map<String, Object> body = new HashMap<>(Map.of("status", status));
        if (reason != null) {
            body.put("reason", reason);
        }
        as(AGENT).body(body).when().post("/api/tickets/" + id + "/status").then().statusCode(200);
    }

    private static List<OutboxCall> callsOf(long id) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>list("idempotencyKey like ?1 order by id", "ticket-" + id + "/%"));
    }

    private static List<OutboxCall> resolves(long id) {
        return callsOf(id).stream().filter(c -> c.operation.equals("resolve-page")).toList();
    }

    private static OutboxCall pageCall(long id) {
        return callsOf(id).stream().filter(c -> c.operation.equals("page")).findFirst().orElseThrow();
    }

    private static List<String> actions(long id) {
        return QuarkusTransaction.requiringNew().call(() -> TicketEvent.of(id).stream().map(e -> e.action).toList());
    }

    @Test
    void solvingWhileEscalationServiceIsDownCancelsTheUnsentPageAndResolvesOnceItIsBack() {
        ServiceStubs.escalationMode(ServiceStubs.Mode.FAILING);
        long id = emergency("<solved-while-down@tenant.example>");
        calls.relayDue();
        assertEquals(OutboxStatus.PENDING, pageCall(id).status, "escalation-service failed: the page waits for a retry");
        assertEquals(1, pageCall(id).attempts);

        move(id, "SOLVED", "A false alarm: the tenant's own DNS");
        OutboxCall page = pageCall(id);
        assertEquals(OutboxStatus.CANCELLED, page.status, "nobody is woken for a ticket already solved");
        assertTrue(page.lastError.contains("solved"), page.lastError);
        List<OutboxCall> resolves = resolves(id);
        assertEquals(1, resolves.size());
        assertEquals(OutboxStatus.PENDING, resolves.get(0).status);
        assertTrue(resolves.get(0).idempotencyKey.startsWith("ticket-" + id + "/resolve-page/"), resolves.get(0).idempotencyKey);
        assertTrue(actions(id).contains(EmergencyCalls.RESOLVE_EVENT), actions(id).toString());
        assertEquals(OutboxStatus.SENT, callsOf(id).stream().filter(c -> c.operation.equals("declare")).findFirst().orElseThrow().status,
                "the incident is incident-service's to resolve: its declaration is not ticket-service's to cancel");

        ServiceStubs.escalationMode(ServiceStubs.Mode.UP);
        clock.set(SATURDAY_NIGHT.plus(Duration.ofMinutes(5)));
        calls.relayDue();
        calls.relayDue();
        List<ServiceStubs.Received> asked = ServiceStubs.resolveRequests();
        assertEquals(1, asked.size(), "one resolve");
        assertEquals(resolves.get(0).idempotencyKey, asked.get(0).idempotencyKey(), "with its idempotency key");
        assertTrue(asked.get(0).authorization().startsWith("Bearer "), "ticket-service's own token");
        assertTrue(asked.get(0).body().contains("\"dedupKey\":\"ticket-" + id + "-emergency\""), asked.get(0).body());
        assertTrue(asked.get(0).body().contains("\"reason\":\"Ticket #" + id + " was solved: A false alarm: the tenant's own DNS\""), asked.get(0).body());
        assertEquals(0, ServiceStubs.pageRequests().size(), "the cancelled page never went");
        assertEquals(OutboxStatus.SENT, resolves(id).get(0).status);
        assertTrue(resolves(id).get(0).result.contains("no open page"), resolves(id).get(0).result);
    }

    @Test
    void eachSolveResolvesThePageOnceAndClosingASolvedTicketSendsNothingMore() {
        long id = emergency("<solved-twice@tenant.example>");
        calls.relayDue();
        assertEquals(1, ServiceStubs.pageRequests().size(), "paged");

        move(id, "SOLVED", "Router restarted");
        assertEquals(OutboxStatus.SENT, pageCall(id).status, "a page already sent is not cancelled");
        calls.relayDue();
        assertEquals(1, ServiceStubs.resolveRequests().size());
        assertTrue(resolves(id).get(0).result.contains("resolved page 1 RESOLVED"), resolves(id).get(0).result);

        // the tenant replies (no emergency): the ticket reopens, and is solved again
        email("Re: [#" + id + " SOLVED] Every app is down", "<solved-twice-2@tenant.example>", "<solved-twice@tenant.example>");
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status);
        move(id, "SOLVED", "Really fixed now");
        assertEquals(2, resolves(id).size(), "a second solve resolves again, under its own key");
        assertFalse(resolves(id).get(0).idempotencyKey.equals(resolves(id).get(1).idempotencyKey));

        move(id, "CLOSED", "Done");
        assertEquals(2, resolves(id).size(), "SOLVED -> CLOSED ends no work: nothing more to resolve");
        calls.relayDue();
        assertEquals(2, ServiceStubs.resolveRequests().size());
        assertEquals(1, ServiceStubs.pageRequests().size(), "still one page");
    }

    @Test
    void closingAnEmergencyTicketCancelsOnlyItsOwnPageRequests() {
        long id = emergency("<neighbour@tenant.example>");
        // a call of ticket #<id>0, whose key shares the digits: the slash after the id keeps it out of the prefix
        QuarkusTransaction.requiringNew().run(() -> outbox.call(new OutgoingCall("ticket-" + id + "0/page/0123456789abcdef", "escalation-service",
                "page", "{}")));
        move(id, "CLOSED", "Duplicate of another ticket");
        assertEquals(OutboxStatus.CANCELLED, pageCall(id).status);
        OutboxCall neighbour = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("idempotencyKey",
                "ticket-" + id + "0/page/0123456789abcdef").singleResult());
        assertEquals(OutboxStatus.PENDING, neighbour.status, "another ticket's page is untouched");
        assertEquals(1, resolves(id).size());
        assertTrue(resolves(id).get(0).payload.contains("Ticket #" + id + " was closed: Duplicate of another ticket"), resolves(id).get(0).payload);
    }

    @Test
    void solvingAnOrdinaryTicketResolvesNothingEvenWhenAnAgentTaggedItOutOfHours() {
        long plain = email("[PaaS Support] Quota please", "<plain@tenant.example>", null);
        long tagged = email("[PaaS Support] Logs missing", "<tagged@tenant.example>", null);
        as(AGENT).body(Map.of("priority", "P1", "tags", List.of("paas_outofhours"))).when().post("/api/tickets/" + tagged + "/triage").then()
                .statusCode(200);
        move(plain, "SOLVED", "Quota raised");
        move(tagged, "CLOSED", "Logs are back");
        assertEquals(List.of(), callsOf(plain));
        assertEquals(List.of(), callsOf(tagged), "the tag alone is not an emergency: nobody was paged, so nothing to resolve");
        calls.relayDue();
        assertEquals(0, ServiceStubs.resolveRequests().size());
        assertFalse(actions(plain).contains(EmergencyCalls.RESOLVE_EVENT));
    }

    @Test
    void theScanSolvingABelievedSolvedEmergencyTicketResolvesItsPage() {
        long id = emergency("<scan@tenant.example>");
        calls.relayDue();
        move(id, "PENDING_BELIEVED_SOLVED", null);
        assertEquals(0, resolves(id).size(), "believed solved is not solved yet");

        clock.set(SATURDAY_NIGHT.plus(Duration.ofDays(4)).plusSeconds(1));
        scan.checkDue();
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status);
        assertEquals(1, resolves(id).size());
        assertTrue(resolves(id).get(0).payload.contains("Ticket #" + id + " was solved: automatically, no reply from the tenant within 4 days"),
                resolves(id).get(0).payload);
        calls.relayDue();
        assertEquals(1, ServiceStubs.resolveRequests().size());
        assertTrue(resolves(id).get(0).result.contains("resolved page 1 RESOLVED"), resolves(id).get(0).result);
    }
}
