package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
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
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** Each routing key grades its events like a PagerDuty service: the safe default, a fixed priority, a mapping; and says why. */
@QuarkusTest
class RoutingKeyGradingTest {

    static final String ADMIN = DevTokens.forRole("admin");
    static final String AGENT = DevTokens.forRole("agent");
    /** Saturday 28 November 2026, 02:00 London: out of hours, overnight. */
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T02:00:00Z");

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;

    @BeforeEach
    void onCall() {
        fixtures.reset();
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

    private JsonPath createKey(Map<String, Object> body) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(body).when().post("/api/admin/routing-keys")
                .then().statusCode(201).extract().jsonPath();
    }

    private Page trigger(String key, String dedupKey, String severity) {
        given().contentType(ContentType.JSON).body("""
                {"routing_key": "%s", "event_action": "trigger", "dedup_key": "%s",
                 "payload": {"summary": "Smoke test failed: cannot push an app", "source": "smoke-tests", "severity": "%s"}}
                """.formatted(key, dedupKey, severity)).when().post("/v2/enqueue").then().statusCode(202);
        fixtures.intake();
        return QuarkusTransaction.requiringNew().call(() -> Page.<Page>find("dedupKey", dedupKey).singleResult());
    }

    @Test
    void aNewKeyShowsItsGradingAndWhichSeveritiesWakeTheOnCallOutOfHours() {
        JsonPath key = createKey(Map.of("name", "Alertmanager"));
        assertEquals("SEVERITY_MAPPING", key.getString("grading"));
        assertEquals(Map.of("critical", "P1", "error", "P1", "warning", "P3", "info", "P4"), key.getMap("severityMapping"));
        assertEquals(Map.of("critical", "wakes", "error", "wakes", "warning", "waits", "info", "waits"), key.getMap("outOfHours"));
        given().auth().oauth2(ADMIN).when().get("/api/admin/routing-keys/" + key.getLong("id")).then().statusCode(200)
                .body("grading", equalTo("SEVERITY_MAPPING")).body("routingKey", nullValue()).body("severityMapping.error", equalTo("P1"));
    }

    @Test
    void alertmanagersDefaultSeverityErrorWakesTheOnCallAtNight() throws Exception {
        String key = createKey(Map.of("name", "Alertmanager")).getString("routingKey");
        Page page = trigger(key, "am-default", "error");
        assertEquals("P1", page.severity.name());
        assertEquals(PageStatus.TRIGGERED, page.status);
        assertEquals("routing key 'Alertmanager' maps severity 'error' to P1", page.gradedBecause);
        assertEquals(List.of("ada@example.org"), EscalationFixtures.recipients(fixtures.deliver()));
    }

    @Test
    void aPageThatWaitsOutOfHoursSaysWhichGradingMadeItWait() {
        String key = createKey(Map.of("name", "Alertmanager")).getString("routingKey");
        Page page = trigger(key, "am-info", "info");
        assertEquals(PageStatus.WAITING, page.status);
        given().auth().oauth2(AGENT).when().get("/api/pages/" + page.id).then().statusCode(200)
                .body("gradedBecause", equalTo("routing key 'Alertmanager' maps severity 'info' to P4"))
                .body("log.find { it.kind == 'WAITING' }.detail", containsString("It is P4 because routing key 'Alertmanager' maps severity 'info' to P4"))
                .body("log.find { it.kind == 'OPENED' }.detail", containsString("maps severity 'info' to P4"));
        assertEquals(0, fixtures.deliver().length, "a waiting page emails nobody");
    }

    @Test
    void aFixedPriorityKeyPagesEveryEventAsThatPriority() throws Exception {
        JsonPath created = createKey(Map.of("name", "Uptime checks", "fixedPriority", "P1"));
        assertEquals("FIXED", created.getString("grading"));
        assertEquals("P1", created.getString("fixedPriority"));
        assertEquals(Map.of("critical", "wakes", "error", "wakes", "warning", "wakes", "info", "wakes"), created.getMap("outOfHours"));
        Page page = trigger(created.getString("routingKey"), "uptime-1", "info");
        assertEquals("P1", page.severity.name());
        assertEquals(PageStatus.TRIGGERED, page.status);
        assertEquals("routing key 'Uptime checks' grades every event P1 (fixed priority)", page.gradedBecause);
        assertEquals(List.of("ada@example.org"), EscalationFixtures.recipients(fixtures.deliver()));
    }

    @Test
    void anAdminChangesAKeysGradingAndLaterEventsFollowIt() {
        JsonPath created = createKey(Map.of("name", "Pipeline"));
        long id = created.getLong("id");
        String key = created.getString("routingKey");
        assertEquals("P3", trigger(key, "before", "warning").severity.name());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("fixedPriority", "P1"))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(200)
                .body("grading", equalTo("FIXED")).body("severityMapping.warning", equalTo("P1")).body("outOfHours.warning", equalTo("wakes"));
        assertEquals("P1", trigger(key, "after", "warning").severity.name());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("severityMapping", Map.of("warning", "P2")))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(200)
                .body("grading", equalTo("SEVERITY_MAPPING")).body("fixedPriority", nullValue())
                .body("severityMapping.warning", equalTo("P2")).body("severityMapping.error", equalTo("P1"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of())
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(200).body("severityMapping.warning", equalTo("P3"));
        assertEquals(PageStatus.WAITING, QuarkusTransaction.requiringNew().<Page>call(() -> Page.<Page>find("dedupKey", "before").singleResult()).status,
                "a page already open keeps the priority it was graded with");
    }

    @Test
    void aBadGradingIsA400ThatChangesNothing() {
        long id = createKey(Map.of("name", "Pipeline")).getLong("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("fixedPriority", "P1", "severityMapping", Map.of("info", "P1")))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].field", equalTo("fixedPriority"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("fixedPriority", "P5"))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(400).body("errors[0].field", equalTo("fixedPriority"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("severityMapping", Map.of("fatal", "P1")))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(400).body("errors[0].field", equalTo("severityMapping.fatal"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "fixedPriority", "urgent"))
                .when().post("/api/admin/routing-keys").then().statusCode(400).body("errors[0].field", equalTo("fixedPriority"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("fixedPriority", "P1"))
                .when().put("/api/admin/routing-keys/999999/grading").then().statusCode(404);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("fixedPriority", "P1"))
                .when().put("/api/admin/routing-keys/" + id + "/grading").then().statusCode(403);
        given().auth().oauth2(ADMIN).when().get("/api/admin/routing-keys/" + id).then().statusCode(200)
                .body("grading", equalTo("SEVERITY_MAPPING")).body("severityMapping.info", equalTo("P4"));
        assertTrue(QuarkusTransaction.requiringNew().call(() -> Page.count()) == 0);
    }
}
