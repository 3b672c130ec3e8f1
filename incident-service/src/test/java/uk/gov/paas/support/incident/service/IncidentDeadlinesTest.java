package uk.gov.paas.support.incident.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** Deadlines stored when each event happens, the reminder and the missed-update page, with the clock set by the test. */
@QuarkusTest
class IncidentDeadlinesTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    DeadlineScan scan;
    @Inject
    MutableClock clock;

    long api;
    long database;

    @BeforeEach
    void components() {
        fixtures.reset();
        api = fixtures.component("API");
        database = fixtures.component("Database");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long declare(String severity, Instant at) {
        clock.set(at);
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("title", "Apps cannot reach the database", "severity", severity, "componentIds", List.of(database)))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private void update(long id, Instant at, List<Long> components) {
        clock.set(at);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("template", "IDENTIFIED", "body", "A failed disk on the primary.", "componentIds", components))
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
    }

    private Incident stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(id));
    }

    private long pageCalls() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", DeadlineScan.ESCALATION));
    }

    /** Every row of the targets table, in and out of hours (London; 23-30 Nov 2026 is GMT). */
    @ParameterizedTest(name = "{0} declared {1}: period {2}, respond by {3}; an update at {4} makes the next due {5}")
    @CsvSource({
            // in hours, Monday 23 Nov 10:00
            "P1, 2026-11-23T10:00:00Z, IN_HOURS,                2026-11-23T10:20:00Z, 2026-11-23T10:15:00Z, 2026-11-23T11:15:00Z",
            "P2, 2026-11-23T10:00:00Z, IN_HOURS,                2026-11-23T10:30:00Z, 2026-11-23T10:15:00Z, 2026-11-23T12:15:00Z",
            "P3, 2026-11-23T10:00:00Z, IN_HOURS,                2026-11-23T12:00:00Z, 2026-11-23T11:00:00Z, 2026-11-23T15:00:00Z",
            "P4, 2026-11-23T10:00:00Z, IN_HOURS,                2026-11-24T10:00:00Z, 2026-11-23T16:00:00Z, 2026-11-25T16:00:00Z",
            // a P1 at 03:00 on a Saturday: 24/7, 40 minutes to respond, hourly updates
            "P1, 2026-11-28T03:00:00Z, OUT_OF_HOURS_OVERNIGHT,  2026-11-28T03:40:00Z, 2026-11-28T03:30:00Z, 2026-11-28T04:30:00Z",
            // out of hours P2-P4 are not worked: their clocks start at Monday's 09:00 opening
            "P2, 2026-11-28T03:00:00Z, OUT_OF_HOURS_OVERNIGHT,  2026-11-30T09:30:00Z, 2026-11-30T09:10:00Z, 2026-11-30T11:10:00Z",
            "P3, 2026-11-28T11:00:00Z, OUT_OF_HOURS_WAKING,     2026-11-30T11:00:00Z, 2026-11-30T10:00:00Z, 2026-11-30T14:00:00Z",
            "P4, 2026-11-28T11:00:00Z, OUT_OF_HOURS_WAKING,     2026-11-30T17:00:00Z, 2026-11-30T16:00:00Z, 2026-12-02T16:00:00Z",
            // a P2 at 16:45 on a Friday: 15 minutes that evening, 15 on Monday morning
            "P2, 2026-11-27T16:45:00Z, IN_HOURS,                2026-11-30T09:15:00Z, 2026-11-30T09:00:00Z, 2026-11-30T11:00:00Z",
            // a P4 across Christmas: 7 h on Thursday 24 Dec, then 1 h on Tuesday 29 Dec (Boxing Day substitute on Monday 28)
            "P4, 2026-12-24T10:00:00Z, IN_HOURS,                2026-12-29T10:00:00Z, 2026-12-29T09:30:00Z, 2026-12-31T09:30:00Z",
    })
    void declarationStoresTheTargetsAndAPublicUpdateResetsTheNextUpdate(String severity, Instant at, String period, Instant respondBy,
            Instant updateAt, Instant nextUpdateBy) {
        long id = declare(severity, at);
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("periodAtDeclaration", equalTo(period))
                .body("respondBy", equalTo(respondBy.toString()))
                // before the first update, the first is due by respond-by
                .body("nextUpdateBy", equalTo(respondBy.toString()));
        given().auth().oauth2(AGENT).queryParam("severity", severity).queryParam("at", at.toString()).when().get("/api/incidents/targets")
                .then().statusCode(200).body("period", equalTo(period)).body("respondBy", equalTo(respondBy.toString()));
        update(id, updateAt, List.of(database));
        assertEquals(nextUpdateBy, stored(id).nextUpdateBy);
    }

    @Test
    void theCommsPersonIsRemindedThenAMissedUpdateTellsTheLeadAndPagesOnce() throws Exception {
        long id = declare("P1", Instant.parse("2026-11-28T03:00:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("commsEmail", "comms@example.org", "commsName", "Casey Comms"))
                .when().put("/api/incidents/" + id + "/team").then().statusCode(200);
        update(id, Instant.parse("2026-11-28T03:20:00Z"), List.of(database));
        assertEquals(Instant.parse("2026-11-28T04:20:00Z"), stored(id).nextUpdateBy);

        clock.set(Instant.parse("2026-11-28T04:04:59Z"));
        assertEquals(0, scan.checkDue(), "the reminder goes 15 minutes before, not earlier");
        clock.set(Instant.parse("2026-11-28T04:05:00Z"));
        assertEquals(1, scan.checkDue());
        clock.set(Instant.parse("2026-11-28T04:10:00Z"));
        assertEquals(0, scan.checkDue(), "one reminder per deadline");
        MimeMessage[] mail = fixtures.deliver();
        assertEquals(List.of("comms@example.org"), IncidentFixtures.recipients(mail));
        assertTrue(mail[0].getSubject().contains("Tenant update due"), mail[0].getSubject());

        clock.set(Instant.parse("2026-11-28T04:20:00Z"));
        assertEquals(1, scan.checkDue(), "a deadline at 04:20 is acted on at 04:20, not at the next hour");
        clock.set(Instant.parse("2026-11-28T05:00:00Z"));
        scan.checkDue();
        assertEquals(1, pageCalls(), "one page request per missed deadline");
        OutboxCall call = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("target", DeadlineScan.ESCALATION).singleResult());
        assertEquals("incident-" + id + "/missed-update-2026-11-28T04:20:00Z", call.idempotencyKey);
        assertTrue(call.payload.contains("\"severity\":\"P1\""), call.payload);
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then()
                .body("timeline.kind", hasItem("REMINDER")).body("timeline.kind", hasItem("MISSED_UPDATE")).body("timeline.kind", hasItem("PAGE"));

        update(id, Instant.parse("2026-11-28T05:10:00Z"), List.of(database));
        clock.set(Instant.parse("2026-11-28T06:10:00Z"));
        scan.checkDue();
        scan.checkDue();
        assertEquals(2, pageCalls(), "the next missed deadline is a new page request");
    }

    @Test
    void twoSchedulerThreadsRacingOnOneMissedDeadlineRequestOnePage() throws Exception {
        for (int i = 0; i < 10; i++) {
            declare("P1", Instant.parse("2026-11-28T03:00:00Z"));
        }
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> a = threads.submit(() -> {
                start.await();
                return scan.checkDue();
            });
            Future<Integer> b = threads.submit(() -> {
                start.await();
                return scan.checkDue();
            });
            start.countDown();
            assertEquals(10, a.get() + b.get(), "each due incident handled by one thread");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(10, pageCalls());
    }

    @Test
    void nothingFiresForAResolvedIncident() throws Exception {
        long id = declare("P1", Instant.parse("2026-11-28T03:00:00Z"));
        clock.set(Instant.parse("2026-11-28T03:10:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("agreedBy", "Dana Delivery (delivery manager)"))
                .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        clock.set(Instant.parse("2026-11-28T12:00:00Z"));
        assertEquals(0, scan.checkDue());
        assertEquals(0, pageCalls());
        assertEquals(0, fixtures.deliver().length);
    }

    @Test
    void anUpdateNamingNoComponentIsRefusedAndNothingIsSent() throws Exception {
        fixtures.subscriber("tenant@example.org", true, database);
        long id = declare("P2", Instant.parse("2026-11-23T10:00:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("template", "INVESTIGATING", "componentIds", List.of()))
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("componentIds")).body("detail", org.hamcrest.Matchers.containsString("would notify nobody"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> TenantUpdate.count()));
        assertEquals(0, fixtures.deliver().length);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("template", "INVESTIGATING", "internal", true))
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201).body("internal", equalTo(true));
        assertEquals(0, fixtures.deliver().length, "an internal update notifies nobody");
        assertEquals(Instant.parse("2026-11-23T10:30:00Z"), stored(id).nextUpdateBy, "and does not reset the deadline");
    }

    @Test
    void eachConfirmedSubscriberGetsExactlyOneEmailPerPublicUpdate() throws Exception {
        fixtures.subscriber("both@example.org", true, api, database);
        fixtures.subscriber("db@example.org", true, database);
        fixtures.subscriber("api-only@example.org", true, api);
        fixtures.subscriber("unconfirmed@example.org", false, database);
        long id = declare("P1", Instant.parse("2026-11-23T10:00:00Z"));
        update(id, Instant.parse("2026-11-23T10:10:00Z"), List.of(api, database));
        update(id, Instant.parse("2026-11-23T10:40:00Z"), List.of(database));
        MimeMessage[] mail = fixtures.deliver();
        List<String> to = IncidentFixtures.recipients(mail);
        assertEquals(2, to.stream().filter("both@example.org"::equals).count(), "one email per update, though subscribed to both components");
        assertEquals(2, to.stream().filter("db@example.org"::equals).count());
        assertEquals(1, to.stream().filter("api-only@example.org"::equals).count());
        assertTrue(!to.contains("unconfirmed@example.org"));
        for (MimeMessage m : mail) {
            assertTrue(m.getSubject().startsWith("[Incident #" + id + " IDENTIFIED]"), m.getSubject());
            assertTrue(m.getHeader("List-Unsubscribe")[0].contains("/subscriptions/"), "unsubscribe link");
        }
        given().auth().oauth2(AGENT).when().get("/api/components").then().body("find { it.name == 'Database' }.state", equalTo("PARTIAL_OUTAGE"));
    }

    @Test
    void aSeverityChangeRecordsTheReasonAndRecomputesTheTargets() {
        long id = declare("P3", Instant.parse("2026-11-23T10:00:00Z"));
        clock.set(Instant.parse("2026-11-23T10:30:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("severity", "P1", "reason", "All tenants affected"))
                .when().post("/api/incidents/" + id + "/severity").then().statusCode(200)
                .body("severity", equalTo("P1")).body("respondBy", equalTo("2026-11-23T10:50:00Z"))
                .body("timeline.text", hasItem(org.hamcrest.Matchers.containsString("P3 -> P1: All tenants affected")));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("severity", "P1"))
                .when().post("/api/incidents/" + id + "/severity").then().statusCode(400).body("errors[0].field", equalTo("reason"));
    }
}
