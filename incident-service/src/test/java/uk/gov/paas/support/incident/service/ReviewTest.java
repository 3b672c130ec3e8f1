package uk.gov.paas.support.incident.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** After an incident: the report from the timeline, the review due within 7 days with reminders, publishing. */
@QuarkusTest
class ReviewTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    Reviews reviews;
    @Inject
    MutableClock clock;

    long database;

    @BeforeEach
    void fresh() {
        fixtures.reset();
        EscalationStub.reset();
        database = fixtures.component("Database");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long resolvedIncident(boolean security) {
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
        long id = given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("title", "Database failover", "severity", "P2", "componentIds", List.of(database), "securityBreach", security))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "DECISION", "text", "Fail over to the replica"))
                .when().post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        clock.set(Instant.parse("2026-11-23T11:00:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("agreedBy", "Dana Delivery (delivery manager)"))
                .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);
        return id;
    }

    @Test
    void theReportIsAssembledFromTheTimeline() {
        long id = resolvedIncident(false);
        String report = given().auth().oauth2(AGENT).when().get("/api/incidents/" + id + "/report").then().statusCode(200)
                .contentType(containsString("text/markdown")).extract().asString();
        for (String part : List.of("# Incident #" + id + ": Database failover", "## Summary", "## Impact", "## Timeline", "## Actions",
                "decision: Fail over to the replica", "agreed by Dana Delivery", "Components: Database", "Duration: 60 minutes")) {
            assertTrue(report.contains(part), part + " in\n" + report);
        }
    }

    @Test
    void theReviewIsDueWithinSevenDaysAndRemindedBeforeAndWhenOverdue() throws Exception {
        long id = resolvedIncident(false);
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id + "/review").then().statusCode(200)
                .body("dueBy", equalTo("2026-11-30T11:00:00Z")).body("heldAt", nullValue());
        clock.set(Instant.parse("2026-11-28T10:59:00Z"));
        assertEquals(0, reviews.remindDue());
        clock.set(Instant.parse("2026-11-28T11:00:00Z"));
        assertEquals(1, reviews.remindDue());
        clock.set(Instant.parse("2026-11-30T11:00:00Z"));
        assertEquals(1, reviews.remindDue());
        assertEquals(0, reviews.remindDue());
        MimeMessage[] mail = fixtures.deliver();
        List<String> subjects = java.util.Arrays.stream(mail).map(m -> {
            try {
                return m.getSubject();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).filter(s -> s.contains("review")).toList();
        assertEquals(2, subjects.size(), subjects.toString());
        assertTrue(subjects.stream().anyMatch(s -> s.contains("review overdue")), subjects.toString());

        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("heldAt", "2026-11-30T14:00:00Z", "attendees", List.of(Map.of("role", "wizard", "name", "Merlin"))))
                .when().put("/api/incidents/" + id + "/review").then().statusCode(400).body("errors[0].field", equalTo("attendees[0].role"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("heldAt", "2026-11-30T14:00:00Z", "attendees", List.of(Map.of("role", "lead", "name", "Ada Lovelace"),
                        Map.of("role", "product-manager", "name", "Pat Product"))))
                .when().put("/api/incidents/" + id + "/review").then().statusCode(200)
                .body("attendees", equalTo("lead: Ada Lovelace, product-manager: Pat Product"));
    }

    @Test
    void aPublishedReportIsOnTheStatusPage() {
        long id = resolvedIncident(false);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of()).when().post("/api/incidents/" + id + "/report/publish")
                .then().statusCode(200).body("publishedAt", org.hamcrest.Matchers.notNullValue());
        String page = given().when().get("/status.json").then().statusCode(200).extract().asString();
        assertTrue(page.contains("Fail over to the replica"), "the public report is on the status page: " + page);
        assertTrue(!page.contains("dev-agent@support.local") && !page.contains("Dana Delivery"), "without who did what: " + page);
    }

    @Test
    void aSecurityIncidentsReportNeedsAnExplicitRecordedDecision() {
        long id = resolvedIncident(true);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of()).when().post("/api/incidents/" + id + "/report/publish")
                .then().statusCode(400).body("errors[0].field", equalTo("publish"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("publish", false, "reason", "Names the attack vector"))
                .when().post("/api/incidents/" + id + "/report/publish").then().statusCode(200)
                .body("publishedAt", nullValue()).body("publishDecision", equalTo("do not publish: Names the attack vector"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("publish", true, "reason", "Vector fixed; IA agreed"))
                .when().post("/api/incidents/" + id + "/report/publish").then().statusCode(200)
                .body("publishedAt", org.hamcrest.Matchers.notNullValue()).body("decidedBy", equalTo("dev-agent@support.local"));
    }

    @Test
    void anOpenIncidentHasNoReviewYet() {
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
        long id = given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("title", "x", "severity", "P3"))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id + "/review").then().statusCode(404);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of()).when().post("/api/incidents/" + id + "/report/publish")
                .then().statusCode(409);
    }
}
