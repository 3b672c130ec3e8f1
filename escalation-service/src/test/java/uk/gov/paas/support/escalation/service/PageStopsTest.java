package uk.gov.paas.support.escalation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.IncidentServiceStub;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.outbox.OutboxCallRelay;
import uk.gov.paas.support.kernel.outbox.OutboxMessage;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * Stop what you started: acknowledging or resolving a page cancels its queued notifications in the same transaction
 * (nothing goes out after the commit), a page can be resolved by its dedup key, and an incident's or emergency
 * ticket's page tells incident-service, through the call outbox, who acknowledged or resolved it and when.
 */
@QuarkusTest
class PageStopsTest {

    static final String SERVICE = DevTokens.forRole("service");
    static final String AGENT = DevTokens.forRole("agent");
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T02:00:00Z");

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    OutboxCallRelay calls;

    @BeforeEach
    void onCall() {
        fixtures.reset();
        IncidentServiceStub.reset();
        clock.set(SATURDAY_NIGHT);
        Person ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        Person alan = fixtures.person("Alan Turing", "alan@example.org", true);
        fixtures.weeklyRota("Escalation", RotaPurpose.ESCALATION, LocalDate.parse("2026-11-23"), ada);
        fixtures.weeklyRota("Support", RotaPurpose.SUPPORT, LocalDate.parse("2026-11-23"), alan);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long open(String dedupKey) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("severity", "P1", "summary", "Incident #7: tenant update overdue", "source", "incident-service", "dedupKey", dedupKey))
                .when().post("/api/pages").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static OutboxStatus notificationStatus(long pageId) {
        return QuarkusTransaction.requiringNew().call(() -> OutboxMessage.<OutboxMessage>find("idempotencyKey like ?1", "page-" + pageId + "/%")
                .singleResult().status);
    }

    private static List<OutboxCall> queuedCalls() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>listAll());
    }

    @Test
    void resolvingAPageBeforeItsEmailWentOutCancelsTheEmail() {
        long id = open("incident-7-update-overdue");
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200)
                .body("log.find { it.kind == 'RESOLVED' }.detail", containsString("1 queued notification cancelled"));
        assertEquals(OutboxStatus.CANCELLED, notificationStatus(id));
        assertEquals(0, fixtures.deliver().length, "no escalation email goes out after the resolve committed");
    }

    @Test
    void acknowledgingCancelsWhatIsStillQueuedButNotWhatWasSent() {
        long first = open("alert-1");
        assertEquals(1, fixtures.deliver().length);
        given().auth().oauth2(AGENT).when().post("/api/pages/" + first + "/acknowledge").then().statusCode(200);
        assertEquals(OutboxStatus.SENT, notificationStatus(first));
        long second = open("alert-2");
        given().auth().oauth2(AGENT).when().post("/api/pages/" + second + "/acknowledge").then().statusCode(200);
        assertEquals(OutboxStatus.CANCELLED, notificationStatus(second));
        assertEquals(1, fixtures.deliver().length, "only the first page's email, sent before its acknowledgement");
    }

    @Test
    void resolveByDedupKeyResolvesTheOpenPageOnceAndAnswersEmptyAfterwards() {
        long id = open("ticket-12-emergency");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "ticket-12/resolve-page/1")
                .body(Map.of("dedupKey", "ticket-12-emergency", "reason", "Ticket #12 was solved"))
                .when().post("/api/pages/resolve").then().statusCode(200)
                .body("dedupKey", equalTo("ticket-12-emergency")).body("resolved", hasSize(1))
                .body("resolved[0].id", equalTo((int) id)).body("resolved[0].status", equalTo("RESOLVED"));
        given().auth().oauth2(AGENT).when().get("/api/pages/" + id).then()
                .body("log.find { it.kind == 'RESOLVED' }.detail", containsString("API: Ticket #12 was solved"));
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(Map.of("dedupKey", "ticket-12-emergency"))
                .when().post("/api/pages/resolve").then().statusCode(200).body("resolved", empty());
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(Map.of("dedupKey", "never-opened"))
                .when().post("/api/pages/resolve").then().statusCode(200).body("resolved", empty());
        assertEquals(0, fixtures.deliver().length);
    }

    @Test
    void resolveByDedupKeyRefusesBadInputAndTenants() {
        long id = open("incident-9-update-overdue");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(Map.of("dedupKey", " "))
                .when().post("/api/pages/resolve").then().statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{}").when().post("/api/pages/resolve").then().statusCode(400);
        given().auth().oauth2(DevTokens.tenant("acme")).contentType(ContentType.JSON).body(Map.of("dedupKey", "incident-9-update-overdue"))
                .when().post("/api/pages/resolve").then().statusCode(403);
        given().contentType(ContentType.JSON).body(Map.of("dedupKey", "incident-9-update-overdue"))
                .when().post("/api/pages/resolve").then().statusCode(401);
        assertEquals(PageStatus.TRIGGERED, QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(id)).status);
    }

    @Test
    void anIncidentsPageTellsIncidentServiceWhoAcknowledgedAndResolvedItOnceEach() {
        long id = open("incident-7-update-overdue");
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200);
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200);
        List<OutboxCall> queued = queuedCalls();
        assertEquals(List.of("page-" + id + "/acknowledged", "page-" + id + "/resolved"), queued.stream().map(c -> c.idempotencyKey).sorted().toList());
        assertEquals(2, calls.relayDue().sent());
        List<IncidentServiceStub.Received> received = IncidentServiceStub.received();
        assertEquals(2, received.size());
        IncidentServiceStub.Received ack = received.stream().filter(r -> r.idempotencyKey().endsWith("/acknowledged")).findFirst().orElseThrow();
        assertTrue(ack.body().contains("\"event\":\"ACKNOWLEDGED\""), ack.body());
        assertTrue(ack.body().contains("\"dedupKey\":\"incident-7-update-overdue\""), ack.body());
        assertTrue(ack.body().contains("\"at\":\"2026-11-28T02:00:00Z\""), ack.body());
        assertTrue(ack.body().contains("\"by\":"), ack.body());
        assertTrue(ack.authorization().startsWith("Bearer "), "escalation-service sends its own service token");
    }

    @Test
    void anotherCallersSameIdempotencyKeyOpensItsOwnPage() {
        Map<String, String> body = Map.of("severity", "P1", "summary", "Checkout failing", "source", "pipeline");
        long byService = given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "run-7").body(body)
                .when().post("/api/pages").then().statusCode(201).extract().jsonPath().getLong("id");
        long byAdmin = given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON).header("Idempotency-Key", "run-7")
                .body(Map.of("severity", "P1", "summary", "Admin's page", "source", "admin")).when().post("/api/pages").then().statusCode(201)
                .body("summary", equalTo("Admin's page")).extract().jsonPath().getLong("id");
        assertTrue(byService != byAdmin, "a second caller never gets the first caller's page");
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).header("Idempotency-Key", "run-7").body(body)
                .when().post("/api/pages").then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo((int) byService));
    }

    @Test
    void aPageOfAnyOtherSenderTellsIncidentServiceNothing() {
        long id = open("alertmanager/HighErrorRate");
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/acknowledge").then().statusCode(200);
        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200);
        assertEquals(List.of(), queuedCalls());
    }
}
