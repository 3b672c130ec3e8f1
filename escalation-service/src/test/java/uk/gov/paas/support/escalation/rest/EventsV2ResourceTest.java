package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
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
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** The PagerDuty-compatible intake, over real HTTP, against the real database and SMTP server. */
@QuarkusTest
class EventsV2ResourceTest {

    static final String ADMIN = DevTokens.forRole("admin");
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T02:00:00Z");

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;

    String routingKey;

    @BeforeEach
    void integration() {
        fixtures.reset();
        clock.set(SATURDAY_NIGHT);
        Person ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        Person alan = fixtures.person("Alan Turing", "alan@example.org", true);
        fixtures.weeklyRota("Escalation", RotaPurpose.ESCALATION, LocalDate.parse("2026-11-23"), ada);
        fixtures.weeklyRota("Support", RotaPurpose.SUPPORT, LocalDate.parse("2026-11-23"), alan);
        routingKey = given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "Alertmanager"))
                .when().post("/api/admin/routing-keys").then().statusCode(201)
                .body("severityMapping.critical", equalTo("P1")).body("severityMapping.info", equalTo("P4"))
                .extract().jsonPath().getString("routingKey");
        assertEquals(32, routingKey.length());
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Posts the event, then lets the inbox worker process what was stored (it runs moments after the 202). */
    private io.restassured.response.Response send(String body) {
        io.restassured.response.Response response = given().contentType(ContentType.JSON).body(body).when().post("/v2/enqueue");
        fixtures.intake();
        return response;
    }

    private String event(String action, String dedupKey, String severity) {
        return """
                {"routing_key": "%s", "event_action": "%s"%s,
                 "payload": {"summary": "Example alert on host1.example.com", "source": "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                             "severity": "%s", "timestamp": "2015-07-17T08:42:58.315+0000", "component": "postgres", "group": "prod-datapipe",
                             "class": "deploy", "custom_details": {"ping time": "1500ms", "load avg": 0.75}},
                 "client": "Sample Monitoring Service", "client_url": "https://monitoring.example.com",
                 "links": [{"href": "http://acme.pagerduty.com/incidents/PNW5OI1", "text": "An incident"}],
                 "images": [{"src": "https://chart.googleapis.com/chart?chs=600x400", "href": "https://example.com/", "alt": "An example link with an image"}]}
                """.formatted(routingKey, action, dedupKey == null ? "" : ", \"dedup_key\": \"" + dedupKey + "\"", severity);
    }

    @Test
    void aCriticalTriggerPagesAsP1AndAnswersLikePagerDuty() throws Exception {
        send(event("trigger", "srv01/HTTP", "critical")).then().statusCode(202).contentType(ContentType.JSON)
                .body("status", equalTo("success")).body("message", equalTo("Event processed")).body("dedup_key", equalTo("srv01/HTTP"));
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", "srv01/HTTP").singleResult());
        assertEquals("P1", page.severity.name());
        assertEquals("Example alert on host1.example.com", page.summary);
        assertEquals("https://monitoring.example.com", page.link);
        assertTrue(page.details.contains("ping time"), page.details);
        assertEquals(List.of("ada@example.org"), EscalationFixtures.recipients(fixtures.deliver()));
    }

    @Test
    void alertmanagerTwentyFiveTriggersThenResolvesWithTheSameDedupKey() throws Exception {
        String trigger = uk.gov.paas.support.escalation.intake.EventsV2ParserTest.resource("alertmanager-0.25-trigger.json").replace("ROUTINGKEY", routingKey);
        String resolve = uk.gov.paas.support.escalation.intake.EventsV2ParserTest.resource("alertmanager-0.25-resolve.json").replace("ROUTINGKEY", routingKey);
        String dedupKey = given().header("User-Agent", "Alertmanager/0.25.0").contentType("application/json").body(trigger)
                .when().post("/v2/enqueue").then().statusCode(202).body("status", equalTo("success")).extract().jsonPath().getString("dedup_key");
        fixtures.intake();
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", dedupKey).singleResult());
        assertEquals("P1", page.severity.name());
        assertEquals("[FIRING:1] HighErrorRate api (production critical)", page.summary);
        assertTrue(page.details.contains("num_firing"), page.details);
        assertEquals(List.of("ada@example.org"), EscalationFixtures.recipients(fixtures.deliver()));
        given().header("User-Agent", "Alertmanager/0.25.0").contentType("application/json").body(resolve)
                .when().post("/v2/enqueue").then().statusCode(202).body("dedup_key", equalTo(dedupKey));
        fixtures.intake();
        assertEquals(PageStatus.RESOLVED, QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(page.id)).status);
    }

    @Test
    void theEventIsStoredAndAnsweredBeforeItsPageOpensAndATriggerAndItsResolveAreProcessedInOrder() {
        given().contentType(ContentType.JSON).body(event("trigger", "storm/1", "critical")).post("/v2/enqueue").then().statusCode(202)
                .body("dedup_key", equalTo("storm/1"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Page.count("dedupKey", "storm/1")), "answered before any page opens");
        given().contentType(ContentType.JSON).body("{\"routing_key\": \"" + routingKey + "\", \"event_action\": \"resolve\", \"dedup_key\": \"storm/1\"}")
                .post("/v2/enqueue").then().statusCode(202);
        assertEquals(2, fixtures.intake());
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", "storm/1").singleResult());
        assertEquals(PageStatus.RESOLVED, page.status, "the resolve was processed after its trigger");
    }

    @Test
    void anEventInUtf16IsStoredAsTheSameEvent() {
        given().contentType("application/json").body(event("trigger", "utf16/1", "critical").replace("Example alert", "Exemple d’alerte")
                .getBytes(java.nio.charset.StandardCharsets.UTF_16)).post("/v2/enqueue").then().statusCode(202);
        assertEquals(1, fixtures.intake());
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", "utf16/1").singleResult());
        assertEquals("Exemple d’alerte on host1.example.com", page.summary);
    }

    @Test
    void aTriggerWithoutADedupKeyGetsOneBack() {
        String dedupKey = send(event("trigger", null, "critical")).then().statusCode(202).extract().jsonPath().getString("dedup_key");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Page.count("dedupKey", dedupKey)));
    }

    @Test
    void repeatedTriggersAddOccurrencesThenAcknowledgeAndResolveByDedupKey() throws Exception {
        send(event("trigger", "disk/sda1", "critical")).then().statusCode(202);
        send(event("trigger", "disk/sda1", "critical")).then().statusCode(202);
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", "disk/sda1").singleResult());
        assertEquals(2, page.occurrences);
        assertEquals(1, fixtures.deliver().length);

        send("{\"routing_key\": \"" + routingKey + "\", \"event_action\": \"acknowledge\", \"dedup_key\": \"disk/sda1\"}")
                .then().statusCode(202).body("dedup_key", equalTo("disk/sda1"));
        assertEquals(PageStatus.ACKNOWLEDGED, QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(page.id)).status);
        send("{\"routing_key\": \"" + routingKey + "\", \"event_action\": \"resolve\", \"dedup_key\": \"disk/sda1\"}").then().statusCode(202);
        assertEquals(PageStatus.RESOLVED, QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(page.id)).status);
        send("{\"routing_key\": \"" + routingKey + "\", \"event_action\": \"resolve\", \"dedup_key\": \"never-seen\"}").then().statusCode(202);
    }

    @Test
    void severitiesMapThroughTheRoutingKeyAndAWarningOutOfHoursWaits() {
        send(event("trigger", "warn-1", "warning")).then().statusCode(202);
        Page page = QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", "warn-1").singleResult());
        assertEquals("P3", page.severity.name());
        assertEquals(PageStatus.WAITING, page.status);
    }

    @Test
    void anUnknownOrRevokedRoutingKeyIsAnInvalidEventAndPagesNobody() {
        String unknown = event("trigger", "x", "critical").replace(routingKey, "0123456789abcdef0123456789abcdef");
        send(unknown).then().statusCode(400).body("status", equalTo("invalid event")).body("errors", hasItem("Invalid routing key"));
        // accepted once, so the intake remembers the key; revoking it through this replica forgets it at once
        send(event("trigger", "before-revoke", "critical")).then().statusCode(202);
        long id = given().auth().oauth2(ADMIN).when().get("/api/admin/routing-keys").then().extract().jsonPath().getLong("[0].id");
        given().auth().oauth2(ADMIN).when().delete("/api/admin/routing-keys/" + id).then().statusCode(200);
        send(event("trigger", "x", "critical")).then().statusCode(400).body("errors", hasItem("Invalid routing key"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Page.count("dedupKey", "x")));
    }

    @Test
    void anInvalidEventIsA400InPagerDutysShapeAndPagesNobody() {
        send("{\"routing_key\": \"" + routingKey + "\", \"event_action\": \"trigger\", \"payload\": {\"source\": \"x\"}}")
                .then().statusCode(400).contentType(ContentType.JSON)
                .body("status", equalTo("invalid event")).body("message", equalTo("Event object is invalid"));
        send("not json").then().statusCode(400).body("status", equalTo("Unrecognized object"))
                .body("message", equalTo("Event object format is unrecognized")).body("errors", hasItem("JSON parse error"));
        send(event("snooze", "x", "critical")).then().statusCode(400).body("errors", hasItem(org.hamcrest.Matchers.startsWith("'event_action' is invalid")));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Page.count()));
    }

    @Test
    void routingKeyAdministrationIsForAdminsAndValidatesItsInput() {
        given().auth().oauth2(DevTokens.forRole("agent")).when().get("/api/admin/routing-keys").then().statusCode(403);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "severityMapping", Map.of("critical", "P9")))
                .when().post("/api/admin/routing-keys").then().statusCode(400).body("errors[0].field", equalTo("severityMapping.critical"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "severityMapping", Map.of("fatal", "P1")))
                .when().post("/api/admin/routing-keys").then().statusCode(400).body("errors[0].field", equalTo("severityMapping.fatal"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "policyId", 999999))
                .when().post("/api/admin/routing-keys").then().statusCode(400).body("errors[0].field", equalTo("policyId"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", " "))
                .when().post("/api/admin/routing-keys").then().statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(ADMIN).when().get("/api/admin/routing-keys").then().statusCode(200)
                .body("size()", equalTo(1)).body("[0].routingKey", org.hamcrest.Matchers.nullValue());
    }
}
