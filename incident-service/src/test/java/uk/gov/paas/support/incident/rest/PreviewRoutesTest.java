package uk.gov.paas.support.incident.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * The read-only routes the console's preview steps use: an update's recipients and text, a re-grade's targets, the
 * report's public version; each answers through the code the real change uses and writes nothing. And an admin's
 * change to a component, which the status page shows.
 */
@QuarkusTest
class PreviewRoutesTest {

    @Inject
    IncidentFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;

    long database;
    long routing;

    @BeforeEach
    void empty() {
        fixtures.reset();
        EscalationStub.reset();
        EscalationStub.person(1, "Ada Lovelace", "ada@support.example", true);
        clock.set(Instant.parse("2026-12-07T10:00:00Z"));
        database = fixtures.component("Database");
        routing = fixtures.component("App routing");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static RequestSpecification as(String role) {
        return given().auth().oauth2("tenant".equals(role) ? DevTokens.tenant("acme") : DevTokens.forRole(role)).contentType(ContentType.JSON);
    }

    private long declare(String severity) {
        return as("agent").body(Map.of("title", "Slow deploys", "severity", severity, "componentIds", List.of(database)))
                .post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long rows(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                .getSingleResult()).longValue());
    }

    @Test
    void anUpdatePreviewCountsConfirmedSubscribersAndRendersTheEmailWithoutWritingAnything() throws Exception {
        long id = declare("P2");
        fixtures.subscriber("jo@acme.example", true, database);
        fixtures.subscriber("sam@globex.example", true, database, routing);
        fixtures.subscriber("unconfirmed@acme.example", false, routing);
        long timeline = rows("timeline_entry");
        as("agent").body(Map.of("template", "MONITORING", "body", "Fix rolled out.", "componentIds", List.of(routing, database)))
                .post("/api/incidents/{id}/updates/preview", id).then().statusCode(200)
                .body("recipients", equalTo(2)).body("componentNames", equalTo(List.of("App routing", "Database")))
                .body("componentState", equalTo("DEGRADED_PERFORMANCE")).body("subject", equalTo("[Incident #" + id + " MONITORING] Slow deploys"))
                .body("text", containsString("Fix applied, monitoring: Slow deploys\n\nFix rolled out.\n"))
                .body("text", containsString("Affects: App routing, Database"))
                .body("text", containsString("Unsubscribe: (each subscriber's own unsubscribe link)"));
        as("agent").body(Map.of("template", "MONITORING", "internal", true)).post("/api/incidents/{id}/updates/preview", id).then().statusCode(200)
                .body("recipients", equalTo(0)).body("internal", equalTo(true));
        assertEquals(0L, rows("outbox_message"));
        assertEquals(0L, rows("tenant_update"));
        assertEquals(timeline, rows("timeline_entry"));

        // the same refusals as publishing
        as("agent").body(Map.of("template", "IDENTIFIED")).post("/api/incidents/{id}/updates/preview", id).then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("componentIds"));
        as("agent").body(Map.of("template", "IDENTIFIED", "componentIds", List.of(999_999))).post("/api/incidents/{id}/updates/preview", id)
                .then().statusCode(400).body("errors[0].field", equalTo("componentIds[0]"));
        as("agent").body(Map.of("template", "RESOLVED", "componentIds", List.of(database))).post("/api/incidents/{id}/updates/preview", id)
                .then().statusCode(400).body("errors[0].field", equalTo("template"));
        as("agent").body(Map.of("componentIds", List.of(database))).post("/api/incidents/{id}/updates/preview", id).then().statusCode(400);
        as("agent").body(Map.of("template", "IDENTIFIED", "componentIds", List.of(database))).post("/api/incidents/{id}/updates/preview", 999_999)
                .then().statusCode(404);
        as("tenant").body(Map.of("template", "IDENTIFIED", "componentIds", List.of(database))).post("/api/incidents/{id}/updates/preview", id)
                .then().statusCode(403);
        as("agent").body(Map.of("agreedBy", "Pat")).post("/api/incidents/{id}/resolve", id).then().statusCode(200);
        as("agent").body(Map.of("template", "IDENTIFIED", "componentIds", List.of(database))).post("/api/incidents/{id}/updates/preview", id)
                .then().statusCode(409);
    }

    @Test
    void aRepeatedIdempotencyKeyOnAnUpdateAnswersTheFirstAndEmailsNobodyAgain() throws Exception {
        long id = declare("P2");
        fixtures.subscriber("jo@acme.example", true, database);
        Map<String, Object> body = Map.of("template", "IDENTIFIED", "body", "Found it.", "componentIds", List.of(database));
        long first = as("agent").header("Idempotency-Key", "confirm-1").body(body).post("/api/incidents/{id}/updates", id).then().statusCode(201)
                .extract().jsonPath().getLong("id");
        as("agent").header("Idempotency-Key", "confirm-1").body(body).post("/api/incidents/{id}/updates", id).then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) first));
        assertEquals(1L, rows("tenant_update"));
        assertEquals(1, fixtures.deliver().length);
        // another key is another update; the same key on another incident is that incident's own
        as("agent").header("Idempotency-Key", "confirm-2").body(body).post("/api/incidents/{id}/updates", id).then().statusCode(201);
        long other = declare("P3");
        as("agent").header("Idempotency-Key", "confirm-1").body(body).post("/api/incidents/{id}/updates", other).then().statusCode(201)
                .body("id", not(equalTo((int) first)));
        assertEquals(3L, rows("tenant_update"));
        as("agent").header("Idempotency-Key", "k".repeat(201)).body(body).post("/api/incidents/{id}/updates", id).then().statusCode(400);
        assertEquals(3L, rows("tenant_update"), "a refused key publishes nothing");
    }

    @Test
    void aSeverityPreviewAnswersWhatTheChangeWouldStoreAndChangesNothing() {
        long id = declare("P3");
        clock.set(Instant.parse("2026-12-07T10:10:00Z"));
        as("agent").get("/api/incidents/{id}/severity/preview?severity=p1", id).then().statusCode(200)
                .body("severity", equalTo("P1")).body("severityName", equalTo("Critical")).body("respondByMoves", equalTo(true))
                .body("respondBy", equalTo("2026-12-07T10:30:00Z")).body("nextUpdateBy", equalTo("2026-12-07T10:30:00Z"));
        as("agent").get("/api/incidents/{id}", id).then().body("severity", equalTo("P3")).body("respondBy", equalTo("2026-12-07T12:00:00Z"));
        // the change stores what the preview said
        as("agent").body(Map.of("severity", "P1", "reason", "All tenants")).post("/api/incidents/{id}/severity", id).then().statusCode(200)
                .body("respondBy", equalTo("2026-12-07T10:30:00Z")).body("nextUpdateBy", equalTo("2026-12-07T10:30:00Z"));

        // once the response is met the respond-by stays, and the next update is one update interval on
        as("agent").body(Map.of("leadEmail", "ada@support.example")).put("/api/incidents/{id}/team", id).then().statusCode(200);
        as("agent").body(Map.of("template", "IDENTIFIED", "componentIds", List.of(database))).post("/api/incidents/{id}/updates", id).then().statusCode(201);
        as("agent").get("/api/incidents/{id}/severity/preview?severity=P2", id).then().statusCode(200).body("respondByMoves", equalTo(false))
                .body("respondBy", equalTo("2026-12-07T10:30:00Z")).body("nextUpdateBy", equalTo("2026-12-07T12:10:00Z"));

        for (String bad : new String[] {"", "P5", "urgent"}) {
            as("agent").get("/api/incidents/{id}/severity/preview?severity=" + bad, id).then().statusCode(400).body("errors[0].field", equalTo("severity"));
        }
        as("agent").get("/api/incidents/{id}/severity/preview?severity=P1", 999_999).then().statusCode(404);
        as("tenant").get("/api/incidents/{id}/severity/preview?severity=P1", id).then().statusCode(403);
    }

    @Test
    void theReportsPublicVersionIsWhatPublishingStoresAndPublishesNothing() {
        long id = declare("P2");
        as("agent").body(Map.of("leadEmail", "ada@support.example")).put("/api/incidents/{id}/team", id).then().statusCode(200);
        as("agent").body(Map.of("kind", "ACTION", "text", "Ada rolled back; ring 07700 900123")).post("/api/incidents/{id}/timeline", id)
                .then().statusCode(201);
        String publicVersion = as("agent").get("/api/incidents/{id}/report/public", id).then().statusCode(200)
                .contentType(containsString("text/markdown")).body(not(containsString("07700 900123"))).body(not(containsString("Ada")))
                .body(containsString("[phone removed]")).extract().asString();
        as("agent").body(Map.of("agreedBy", "Pat")).post("/api/incidents/{id}/resolve", id).then().statusCode(200);
        as("agent").get("/api/incidents/{id}/review", id).then().body("publishedAt", equalTo(null));
        String afterResolve = as("agent").get("/api/incidents/{id}/report/public", id).then().statusCode(200).extract().asString();
        as("agent").body(Map.of()).post("/api/incidents/{id}/report/publish", id).then().statusCode(200);
        String stored = QuarkusTransaction.requiringNew().call(() ->
                uk.gov.paas.support.incident.domain.IncidentReview.<uk.gov.paas.support.incident.domain.IncidentReview>findById(id).reportMarkdown);
        assertEquals(afterResolve, stored, "the preview is exactly what was published");
        assertEquals(true, publicVersion.contains("## Timeline"));
        as("agent").get("/api/incidents/{id}/report/public", 999_999).then().statusCode(404);
        as("tenant").get("/api/incidents/{id}/report/public", id).then().statusCode(403);
    }

    @Test
    void anAdminMovesAComponentAndSetsItsStateWhichTheStatusPageShows() {
        as("admin").body(Map.of("position", 9, "state", "PARTIAL_OUTAGE", "description", "PostgreSQL")).put("/api/components/{id}", database)
                .then().statusCode(200).body("position", equalTo(9)).body("state", equalTo("PARTIAL_OUTAGE")).body("description", equalTo("PostgreSQL"));
        given().get("/status.json").then().statusCode(200).body("components.name", equalTo(List.of("App routing", "Database")));
        given().get("/api/v2/components.json").then().statusCode(200).body("components.find { it.name == 'Database' }.status", equalTo("partial_outage"));
        as("admin").body(Map.of("state", "OPERATIONAL")).put("/api/components/{id}", database).then().statusCode(200)
                .body("position", equalTo(9)).body("description", equalTo("PostgreSQL"));
        as("admin").body(Map.of("state", "ON_FIRE")).put("/api/components/{id}", database).then().statusCode(400);
        as("admin").body(Map.of("position", -1)).put("/api/components/{id}", database).then().statusCode(400);
        as("admin").body(Map.of("position", 1)).put("/api/components/{id}", 999_999).then().statusCode(404);
        as("agent").body(Map.of("position", 1)).put("/api/components/{id}", database).then().statusCode(403);
    }
}
