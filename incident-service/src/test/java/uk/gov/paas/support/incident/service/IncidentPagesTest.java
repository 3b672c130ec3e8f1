package uk.gov.paas.support.incident.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.outbox.OutboxCallRelay;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * Stop what you started: resolving an incident resolves, through the call outbox, the pages it asked for and the
 * emergency page of its ticket, and cancels page requests not yet sent; acknowledged and resolved pages come back onto
 * the timeline (who, when), once each; a ticket has one open incident however many emergency emails declare it.
 */
@QuarkusTest
class IncidentPagesTest {

    static final String AGENT = DevTokens.forRole("agent");
    static final String SERVICE = DevTokens.forRole("service");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    DeadlineScan scan;
    @Inject
    OutboxCallRelay calls;
    @Inject
    MutableClock clock;

    long database;

    @BeforeEach
    void components() {
        fixtures.reset();
        EscalationStub.reset();
        database = fixtures.component("Database");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        EscalationStub.mode(EscalationStub.Mode.UP);
    }

    private long declare(Map<String, Object> body, int status) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(body).when().post("/api/incidents")
                .then().statusCode(status).extract().jsonPath().getLong("id");
    }

    private void resolve(long id) {
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("agreedBy", "Pat Product"))
                .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);
    }

    private static List<OutboxCall> callsOf(String prefix) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>list("idempotencyKey like ?1 order by id", prefix + "%"));
    }

    private static List<String> timeline(long id, TimelineEntry.Kind kind) {
        return QuarkusTransaction.requiringNew().call(() -> TimelineEntry.of(id).stream().filter(e -> e.kind == kind).map(e -> e.text).toList());
    }

    @Test
    void resolvingAnIncidentWhosePageRequestIsStillQueuedCancelsItAndResolvesThePage() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long id = declare(Map.of("title", "Database down", "severity", "P1", "componentIds", List.of(database)), 201);
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        assertEquals(1, scan.checkDue(), "the first update was missed: a page request is queued");
        EscalationStub.mode(EscalationStub.Mode.FAILING);
        calls.relayDue();
        assertEquals(OutboxStatus.PENDING, callsOf("incident-" + id + "/missed-update-").get(0).status, "escalation-service is down: it waits to retry");
        EscalationStub.mode(EscalationStub.Mode.UP);

        resolve(id);
        List<OutboxCall> page = callsOf("incident-" + id + "/missed-update-");
        assertEquals(OutboxStatus.CANCELLED, page.get(0).status, "a page request not yet sent is never sent after the resolve");
        List<OutboxCall> resolves = callsOf("incident-" + id + "/resolve-page/");
        assertEquals(List.of("incident-" + id + "/resolve-page/incident-" + id + "-update-overdue"), resolves.stream().map(c -> c.idempotencyKey).toList());
        calls.relayDue();
        assertEquals(0, EscalationStub.pages().stream().filter(p -> p.idempotencyKey().startsWith("incident-" + id + "/missed")).count());
        assertEquals(1, EscalationStub.resolves().size());
        assertTrue(EscalationStub.resolves().get(0).body().contains("\"dedupKey\":\"incident-" + id + "-update-overdue\""));
        assertTrue(timeline(id, TimelineEntry.Kind.PAGE).stream().anyMatch(t -> t.contains("1 page request not yet sent cancelled")),
                timeline(id, TimelineEntry.Kind.PAGE).toString());
    }

    @Test
    void resolvingAnIncidentFromAnEmergencyTicketResolvesTheTicketsPageToo() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long id = declare(Map.of("title", "Emergency email: all apps down", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-12"), 201);
        resolve(id);
        assertEquals(1, calls.relayDue().sent());
        assertEquals(1, EscalationStub.resolves().size());
        EscalationStub.Received resolve = EscalationStub.resolves().get(0);
        assertEquals("incident-" + id + "/resolve-page/ticket-12-emergency", resolve.idempotencyKey());
        assertTrue(resolve.body().contains("\"dedupKey\":\"ticket-12-emergency\""), resolve.body());
        resolve(id);
        assertEquals(0, calls.relayDue().claimed(), "resolving again queues nothing more");
    }

    @Test
    void aTicketNamedByItsBareNumberIsFoundToo() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long id = declare(Map.of("title", "Declared by hand from ticket 13", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "13"), 201);
        resolve(id);
        assertEquals(1, calls.relayDue().sent());
        assertTrue(EscalationStub.resolves().get(0).body().contains("\"dedupKey\":\"ticket-13-emergency\""));
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("pageId", 11, "dedupKey", "ticket-13-emergency", "event", "RESOLVED", "by", "Ada", "at", "2026-11-28T03:05:00Z"))
                .when().post("/api/incidents/page-events").then().statusCode(200).body("incidents", equalTo(List.of((int) id)));
    }

    @Test
    void anIncidentThatNeverPagedAsksNothingOfEscalationService() {
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
        long id = declare(Map.of("title", "Slow logs", "severity", "P3", "componentIds", List.of(database)), 201);
        resolve(id);
        assertEquals(List.of(), callsOf("incident-" + id + "/"));
    }

    @Test
    void anAcknowledgedAndResolvedPageGoesOnTheTimelineOnceEach() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long id = declare(Map.of("title", "Database down", "severity", "P1", "componentIds", List.of(database)), 201);
        Map<String, Object> ack = Map.of("pageId", 5, "dedupKey", "incident-" + id + "-update-overdue", "event", "ACKNOWLEDGED",
                "by", "Ada Lovelace", "at", "2026-11-28T03:45:00Z", "summary", "Incident #" + id + ": tenant update overdue");
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "page-5/acknowledged").body(ack)
                    .when().post("/api/incidents/page-events").then().statusCode(200).body("incidents", equalTo(List.of((int) id)));
        }
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("pageId", 5, "dedupKey", "incident-" + id + "-update-overdue", "event", "RESOLVED", "by", "incident-service",
                        "at", "2026-11-28T04:00:00Z"))
                .when().post("/api/incidents/page-events").then().statusCode(200);
        List<String> pages = timeline(id, TimelineEntry.Kind.PAGE);
        assertEquals(1, pages.stream().filter(t -> t.startsWith("Page #5 acknowledged by Ada Lovelace, Sat 28 Nov 2026 03:45 GMT")).count(), pages.toString());
        assertEquals(1, pages.stream().filter(t -> t.startsWith("Page #5 resolved by incident-service")).count(), pages.toString());
    }

    @Test
    void theEmergencyTicketsPageGoesOnTheTimelineOfTheIncidentDeclaredFromIt() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long id = declare(Map.of("title", "Emergency email", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-44"), 201);
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("pageId", 9, "dedupKey", "ticket-44-emergency", "event", "ACKNOWLEDGED", "by", "Ada Lovelace", "at", "2026-11-28T03:05:00Z"))
                .when().post("/api/incidents/page-events").then().statusCode(200).body("incidents", equalTo(List.of((int) id)));
        assertEquals(1, timeline(id, TimelineEntry.Kind.PAGE).stream().filter(t -> t.startsWith("Page #9 acknowledged by Ada Lovelace")).count());
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("pageId", 10, "dedupKey", "alertmanager/HighErrorRate", "event", "ACKNOWLEDGED", "by", "Ada", "at", "2026-11-28T03:05:00Z"))
                .when().post("/api/incidents/page-events").then().statusCode(200).body("incidents", empty());
    }

    @Test
    void pageEventsAreForServicesAndRefuseBadInput() {
        Map<String, Object> ack = Map.of("pageId", 5, "dedupKey", "incident-1-update-overdue", "event", "ACKNOWLEDGED", "by", "Ada", "at", "2026-11-28T03:05:00Z");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(ack).when().post("/api/incidents/page-events").then().statusCode(403);
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(Map.of("pageId", 5, "dedupKey", "x", "event", "SNOOZED", "by", "Ada",
                "at", "2026-11-28T03:05:00Z")).when().post("/api/incidents/page-events").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{}").when().post("/api/incidents/page-events").then().statusCode(400);
    }

    @Test
    void anotherCallersSameIdempotencyKeyDeclaresItsOwnIncident() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long byService = given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "decl-1")
                .body(Map.of("title", "Service's incident", "severity", "P2")).when().post("/api/incidents").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        long byAgent = given().auth().oauth2(AGENT).contentType(ContentType.JSON).header("Idempotency-Key", "decl-1")
                .body(Map.of("title", "Agent's incident", "severity", "P2")).when().post("/api/incidents").then().statusCode(201)
                .body("title", equalTo("Agent's incident")).extract().jsonPath().getLong("id");
        assertTrue(byService != byAgent, "a second caller never gets the first caller's incident");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "decl-1")
                .body(Map.of("title", "Service's incident", "severity", "P2")).when().post("/api/incidents").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) byService));
    }

    @Test
    void aSecondDeclarationForTheSameTicketJoinsItsOpenIncident() {
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        long first = declare(Map.of("title", "Emergency email: all apps down", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-77"), 201);
        long second = given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "ticket-77/emergency-b/declare-incident")
                .body(Map.of("title", "Emergency email: still down", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-77"))
                .when().post("/api/incidents").then().statusCode(200).extract().jsonPath().getLong("id");
        assertEquals(first, second);
        assertTrue(timeline(first, TimelineEntry.Kind.NOTE).stream().anyMatch(t -> t.contains("Another declaration from the same ticket (ticket-77)")));
        resolve(first);
        long third = declare(Map.of("title", "Emergency email: down again", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-77"), 201);
        assertTrue(third != first, "once the incident is resolved, a new emergency declares a new one");
    }
}
