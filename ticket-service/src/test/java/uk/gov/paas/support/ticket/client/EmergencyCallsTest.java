package uk.gov.paas.support.ticket.client;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.outbox.OutboxCallRelay;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.service.EmergencyCalls;

/**
 * The emergency email's two outbox calls against stand-in services over real HTTP: incident-service truly down
 * (connection refused) and back on the same port, honouring Idempotency-Key as the real one does.
 */
@QuarkusTest
class EmergencyCallsTest {

    static final String SERVICE = DevTokens.forRole("service");
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T03:00:00Z");

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    OutboxCallRelay calls;

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

    private static int postEmergency(String messageId) {
        String raw = "From: Ada Lovelace <ada@tenant.example>\r\nTo: support@localhost\r\nSubject: [PaaS Emergency Support] Every app is down\r\n"
                + "Message-ID: " + messageId + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nAll our apps return 503 since 02:50.\r\n";
        return given().auth().oauth2(SERVICE).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/intake/email").then().extract().path("ticketId");
    }

    @Test
    void theEmergencyEmailsTraceGoesWithBothOfItsCalls() {
        // the mail gateway's request starts (or here continues) the trace; both outbox calls continue it after the commit
        String traceId = "4bf92f3577b34da6a3ce929d0e0e4736";
        String raw = "From: Ada Lovelace <ada@tenant.example>\r\nTo: support@localhost\r\nSubject: [PaaS Emergency Support] Every app is down\r\n"
                + "Message-ID: <traced@tenant.example>\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\nAll our apps return 503.\r\n";
        given().auth().oauth2(SERVICE).header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                .contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/intake/email").then().statusCode(201);

        calls.relayDue();

        assertEquals(1, ServiceStubs.incidentRequests().size());
        assertTrue(String.valueOf(ServiceStubs.incidentRequests().get(0).traceparent()).startsWith("00-" + traceId + "-"),
                "incident-service is asked in the email's trace: " + ServiceStubs.incidentRequests().get(0).traceparent());
        assertEquals(1, pages().size());
        assertTrue(String.valueOf(pages().get(0).traceparent()).startsWith("00-" + traceId + "-"),
                "escalation-service is asked in the email's trace: " + pages().get(0).traceparent());
    }

    private static OutboxCall call(String target) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("target", target).singleResult());
    }

    private static List<ServiceStubs.Received> pages() {
        return ServiceStubs.escalationRequests().stream().filter(r -> r.path().equals("/api/pages")).toList();
    }

    @Test
    void theEmergencyEmailDeclaresExactlyOneIncidentWithIncidentServiceDownAtFirstAndUpLater() {
        ServiceStubs.incidentDown();
        long id = postEmergency("<down-then-up@tenant.example>");
        assertEquals(id, postEmergency("<down-then-up@tenant.example>"), "the gateway posting twice is the same ticket");

        calls.relayDue();
        OutboxCall declare = call(IncidentCallSender.TARGET);
        assertEquals(OutboxStatus.PENDING, declare.status, "incident-service refused the connection: retried later, not lost");
        assertEquals(1, declare.attempts);
        assertEquals(SATURDAY_NIGHT.plusSeconds(30), declare.nextAttemptAt, "the kernel's backoff: 30 s after the first failure");
        assertTrue(declare.lastError != null && !declare.lastError.isBlank(), "the failure is recorded");
        assertEquals(OutboxStatus.SENT, call(EscalationCallSender.TARGET).status, "the responder is paged even while incident-service is down");
        assertEquals(1, pages().size());
        assertNull(fixtures.stored(id).incidentId);

        ServiceStubs.incidentUp();
        clock.set(SATURDAY_NIGHT.plusSeconds(10));
        calls.relayDue();
        assertEquals(0, ServiceStubs.incidentRequests().size(), "not before the backoff has passed");

        clock.set(SATURDAY_NIGHT.plus(Duration.ofSeconds(31)));
        calls.relayDue();
        calls.relayDue();
        declare = call(IncidentCallSender.TARGET);
        assertEquals(OutboxStatus.SENT, declare.status);
        assertEquals(2, declare.attempts);
        List<ServiceStubs.Declared> incidents = ServiceStubs.incidentsDeclared();
        assertEquals(1, incidents.size(), "exactly one incident");
        String emailKey = EmergencyCalls.emailKey("<down-then-up@tenant.example>");
        assertEquals("ticket-" + id + "/declare-incident/" + emailKey, incidents.get(0).idempotencyKey());
        assertTrue(incidents.get(0).body().contains("\"severity\":\"P1\""), incidents.get(0).body());
        assertTrue(incidents.get(0).body().contains("\"sourceRef\":\"ticket-" + id + "\""), incidents.get(0).body());
        assertTrue(ServiceStubs.incidentRequests().get(0).authorization().startsWith("Bearer "), "ticket-service's own token");
        assertEquals(incidents.get(0).id(), fixtures.stored(id).incidentId, "the ticket is linked to the incident");
        assertEquals(1, pages().size(), "exactly one page");
        assertEquals("ticket-" + id + "/page/" + emailKey, pages().get(0).idempotencyKey());
        assertTrue(pages().get(0).body().contains("\"severity\":\"P1\""), pages().get(0).body());
    }

    @Test
    void aRetryAfterALostAnswerDeclaresNoSecondIncident() {
        long id = postEmergency("<lost-answer@tenant.example>");
        calls.relayDue();
        long first = ServiceStubs.incidentsDeclared().get(0).id();
        // the answer was lost (say a timeout after incident-service committed): an admin retries the call
        QuarkusTransaction.requiringNew().run(() -> OutboxCall.update("status = ?1, nextAttemptAt = ?2 where target = ?3", OutboxStatus.PENDING,
                SATURDAY_NIGHT, IncidentCallSender.TARGET));
        calls.relayDue();
        assertEquals(2, ServiceStubs.incidentRequests().size(), "asked twice");
        assertEquals(1, ServiceStubs.incidentsDeclared().size(), "declared once: the idempotency key went with both");
        assertEquals(first, fixtures.stored(id).incidentId);
        assertTrue(call(IncidentCallSender.TARGET).result.contains("already declared"), call(IncidentCallSender.TARGET).result);
    }

    @Test
    void aRefusalFromIncidentServiceMakesTheCallDeadAtOnce() {
        ServiceStubs.incidentMode(ServiceStubs.IncidentMode.REFUSING);
        long id = postEmergency("<refused@tenant.example>");
        calls.relayDue();
        OutboxCall declare = call(IncidentCallSender.TARGET);
        assertEquals(OutboxStatus.DEAD, declare.status, "a 400 cannot be fixed by retrying");
        assertEquals(1, declare.attempts);
        assertTrue(declare.lastError.contains("400"), declare.lastError);
        assertNull(fixtures.stored(id).incidentId);
        assertEquals(OutboxStatus.SENT, call(EscalationCallSender.TARGET).status, "the page still went");

        clock.set(SATURDAY_NIGHT.plus(Duration.ofHours(2)));
        calls.relayDue();
        assertEquals(1, ServiceStubs.incidentRequests().size(), "a dead call is not retried by itself");
    }
}
