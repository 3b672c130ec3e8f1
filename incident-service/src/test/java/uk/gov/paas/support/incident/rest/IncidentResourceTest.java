package uk.gov.paas.support.incident.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** The incident API's contract: idempotent declaration, the timeline rules, and bad input on every write route. */
@QuarkusTest
class IncidentResourceTest {

    static final String AGENT = DevTokens.forRole("agent");
    static final String ADMIN = DevTokens.forRole("admin");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    MutableClock clock;

    long database;

    @BeforeEach
    void component() {
        fixtures.reset();
        database = fixtures.component("Database");
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long declare() {
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("title", "Slow deploys", "severity", "P3", "componentIds", List.of(database)))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private long count(Class<?> type) {
        return QuarkusTransaction.requiringNew().call(() -> {
            if (type == Incident.class) {
                return Incident.count();
            }
            return TimelineEntry.count();
        });
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstIncident() {
        Map<String, Object> body = Map.of("title", "Emergency email: apps down", "severity", "P1", "sourceKind", "TICKET", "sourceRef", "ticket-41");
        long id = given().auth().oauth2(DevTokens.forRole("service")).header("Idempotency-Key", "ticket-41/declare").contentType(ContentType.JSON)
                .body(body).when().post("/api/incidents").then().statusCode(201).body("sourceRef", equalTo("ticket-41"))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(DevTokens.forRole("service")).header("Idempotency-Key", "ticket-41/declare").contentType(ContentType.JSON)
                .body(body).when().post("/api/incidents").then().statusCode(200).header("Idempotent-Replayed", "true").body("id", equalTo((int) id));
        assertEquals(1L, count(Incident.class));
    }

    @Test
    void theTimelineIsAppendOnlyAndOnlyTheLeadRecordsAProductionChange() {
        long id = declare();
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "ACTION", "text", "Restarted the deploy workers"))
                .when().post("/api/incidents/" + id + "/timeline").then().statusCode(201).body("author", equalTo("dev-agent@support.local"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "PRODUCTION_CHANGE", "text", "Failed over the database"))
                .when().post("/api/incidents/" + id + "/timeline").then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "PAGE", "text", "pretend"))
                .when().post("/api/incidents/" + id + "/timeline").then().statusCode(400).body("errors[0].field", equalTo("kind"));
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then()
                .body("timeline.kind", equalTo(List.of("DECLARED", "ACTION")));
    }

    @Test
    void badInputOnEveryWriteRouteIsA400NamingTheFieldAndWritesNothing() {
        Object[][] declarations = {
                {Map.of("severity", "P1"), "title"},
                {Map.of("title", "x", "severity", "P5"), "severity"},
                {Map.of("title", "x"), "severity"},
                {Map.of("title", "x", "severity", "P1", "componentIds", List.of(999999)), "componentIds[0]"},
                {Map.of("title", "x", "severity", "P1", "sourceKind", "PIGEON"), "sourceKind"},
                {Map.of("title", "x", "severity", "P1", "securityBreach", "maybe"), "securityBreach"},
        };
        for (Object[] c : declarations) {
            given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(c[0]).when().post("/api/incidents").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        assertEquals(0L, count(Incident.class));

        long id = declare();
        long entries = count(TimelineEntry.class);
        Object[][] routes = {
                {"/updates", Map.of("componentIds", List.of(database)), "template"},
                {"/updates", Map.of("template", "SHOUTING", "componentIds", List.of(database)), "template"},
                {"/updates", Map.of("template", "IDENTIFIED", "componentIds", List.of(424242)), "componentIds[0]"},
                {"/updates", Map.of("template", "RESOLVED", "componentIds", List.of(database)), "template"},
                {"/severity", Map.of("severity", "P0", "reason", "x"), "severity"},
                {"/resolve", Map.of("body", "done"), "agreedBy"},
                {"/timeline", Map.of("kind", "NOTE"), "text"},
        };
        for (Object[] c : routes) {
            given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(c[1]).when().post("/api/incidents/" + id + c[0]).then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c[2]));
        }
        Map<String, Object> badTeam = new HashMap<>();
        badTeam.put("commsEmail", "not-an-address");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(badTeam).when().put("/api/incidents/" + id + "/team").then()
                .statusCode(400).body("errors.field", hasItem("commsEmail"));
        assertEquals(entries, count(TimelineEntry.class), "nothing was written");
        given().auth().oauth2(AGENT).queryParam("severity", "P9").when().get("/api/incidents/targets").then().statusCode(400)
                .body("errors[0].field", equalTo("severity"));
        given().auth().oauth2(AGENT).queryParam("severity", "P1").queryParam("at", "tomorrow").when().get("/api/incidents/targets").then()
                .statusCode(400).body("errors[0].field", equalTo("at"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "NOTE", "text", "x"))
                .when().post("/api/incidents/999999/timeline").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", " ")).when().post("/api/components").then()
                .statusCode(400).body("errors[0].field", equalTo("name"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("name", "X")).when().post("/api/components").then().statusCode(403);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Component.count()));
    }

    @Test
    void subscribingSendsAConfirmLinkAndNothingElseUntilItIsFollowed() throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("email", "tenant@example.org", "componentIds", List.of(database)))
                .when().post("/subscriptions").then().statusCode(202);
        given().contentType(ContentType.JSON).body(Map.of("email", "nope", "componentIds", List.of(database)))
                .when().post("/subscriptions").then().statusCode(400).body("errors[0].field", equalTo("email"));
        given().contentType(ContentType.JSON).body(Map.of("email", "t2@example.org", "componentIds", List.of(31337)))
                .when().post("/subscriptions").then().statusCode(400).body("errors[0].field", equalTo("componentIds[0]"));
        var mail = fixtures.deliver();
        assertEquals(1, mail.length);
        String text = IncidentFixtures.text(mail[0]);
        java.util.regex.Matcher link = java.util.regex.Pattern.compile("https?://\\S+/subscriptions/\\S+/confirm").matcher(text);
        org.junit.jupiter.api.Assertions.assertTrue(link.find(), text);
        given().when().get(java.net.URI.create(link.group()).getPath()).then().statusCode(200).body(org.hamcrest.Matchers.containsString("Subscribed"));
        Subscriber s = QuarkusTransaction.requiringNew().call(() -> Subscriber.<Subscriber>find("email", "tenant@example.org").singleResult());
        org.junit.jupiter.api.Assertions.assertNotNull(s.confirmedAt);
        given().when().post("/subscriptions/" + s.token + "/unsubscribe").then().statusCode(200);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Subscriber.count()));
    }
}
