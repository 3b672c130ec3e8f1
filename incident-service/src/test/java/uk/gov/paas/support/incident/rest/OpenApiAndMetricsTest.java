package uk.gov.paas.support.incident.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.service.DeadlineScan;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class OpenApiAndMetricsTest {

    @Inject
    IncidentFixtures fixtures;
    @Inject
    DeadlineScan scan;
    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void openApiDocumentsEveryRoute() {
        var spec = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
        for (String path : List.of("/api/incidents", "/api/incidents/targets", "/api/incidents/update-templates", "/api/incidents/{id}",
                "/api/incidents/{id}/team", "/api/incidents/{id}/timeline", "/api/incidents/{id}/updates", "/api/incidents/{id}/severity",
                "/api/incidents/{id}/resolve", "/api/incidents/{id}/report", "/api/incidents/{id}/review", "/api/incidents/{id}/report/publish",
                "/api/components", "/subscriptions", "/subscriptions/{token}/confirm", "/subscriptions/{token}/unsubscribe", "/status",
                "/status.json", "/api/v2/summary.json", "/api/v2/status.json", "/api/v2/components.json", "/api/v2/incidents/unresolved.json",
                "/api/v2/incidents.json")) {
            spec.body("paths", hasKey(path));
        }
    }

    @Test
    void openIncidentsUpdatesMissedDeadlinesAndReminderLeadTimeAreMeasured() {
        fixtures.reset();
        long component = fixtures.component("API");
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        String agent = DevTokens.forRole("agent");
        long id = given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("title", "Down", "severity", "P1"))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(agent).contentType(ContentType.JSON).body(Map.of("template", "INVESTIGATING", "componentIds", List.of(component)))
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
        clock.set(Instant.parse("2026-11-28T03:45:00Z"));
        scan.checkDue();
        clock.set(Instant.parse("2026-11-28T04:00:00Z"));
        scan.checkDue();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("incidents_open{severity=\"P1\"} 1.0"))
                .body(containsString("incidents_updates_sent_total"))
                .body(containsString("incidents_deadlines_missed_total"))
                .body(containsString("incidents_reminder_lead_time_seconds_count"));
    }
}
