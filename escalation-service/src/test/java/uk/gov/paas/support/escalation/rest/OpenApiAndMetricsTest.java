package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class OpenApiAndMetricsTest {

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void openApiDocumentsEveryRoute() {
        var spec = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200);
        for (String path : new String[] {"/api/people", "/api/people/{id}", "/api/people/{id}/unavailability",
                "/api/people/{id}/unavailability/{periodId}", "/api/rotas", "/api/rotas/{rota}", "/api/rotas/{id}", "/api/rotas/{rota}/on-call",
                "/api/rotas/{rota}/shifts", "/api/rotas/{rota}/overrides", "/api/rotas/{id}/overrides", "/api/rotas/{id}/overrides/{overrideId}",
                "/api/rotas/{id}/calendar-feed", "/api/rotas/{id}/calendar-feed/rotate", "/calendars/{file}", "/api/policies",
                "/api/policies/{id}", "/api/pages", "/api/pages/{id}", "/api/pages/{id}/acknowledge", "/api/pages/{id}/resolve",
                "/ack/{token}", "/v2/enqueue", "/api/admin/routing-keys", "/api/admin/routing-keys/{id}", "/api/support-hours"}) {
            spec.body("paths", hasKey(path));
        }
    }

    @Test
    void pagesNotificationsAndAcknowledgementsAreCounted() {
        fixtures.reset();
        clock.set(Instant.parse("2026-11-28T02:00:00Z"));
        fixtures.weeklyRota("Escalation", RotaPurpose.ESCALATION, LocalDate.parse("2026-11-23"), fixtures.person("Ada", "ada@example.org", true));
        long id = given().auth().oauth2(DevTokens.forRole("service")).contentType(ContentType.JSON)
                .body(Map.of("severity", "P1", "summary", "Counted", "source", "test")).when().post("/api/pages").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        clock.set(Instant.parse("2026-11-28T02:03:00Z"));
        given().auth().oauth2(DevTokens.forRole("agent")).when().post("/api/pages/" + id + "/acknowledge").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("escalation_pages_opened_total{severity=\"P1\"}"))
                .body(containsString("escalation_page_notifications_total"))
                .body(containsString("escalation_page_acknowledgements_total{severity=\"P1\"}"))
                .body(containsString("escalation_page_time_to_acknowledge_seconds_count{severity=\"P1\"}"))
                .body(containsString("escalation_page_escalations_total"));
    }
}
