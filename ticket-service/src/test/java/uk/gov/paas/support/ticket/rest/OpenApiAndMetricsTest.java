package uk.gov.paas.support.ticket.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.reply;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.service.TicketScan;

/** OpenAPI documents every route with a summary; tickets by status, breaches and first-response time are measured. */
@QuarkusTest
class OpenApiAndMetricsTest {

    static final List<String> ROUTES = List.of("/api/tickets", "/api/tickets/sla-preview", "/api/tickets/tags", "/api/tickets/groups",
            "/api/tickets/hand-over", "/api/tickets/{id}", "/api/tickets/{id}/comments", "/api/tickets/{id}/audit", "/api/tickets/{id}/triage",
            "/api/tickets/{id}/assign", "/api/tickets/{id}/return-to-triage", "/api/tickets/{id}/status", "/api/tickets/{id}/rename",
            "/api/tickets/{id}/incident", "/api/tickets/{id}/backlog-card", "/api/tickets/{id}/backlog-card/done", "/api/intake/email");

    @Inject
    TicketFixtures fixtures;
    @Inject
    TicketScan scan;
    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void openApiDocumentsEveryRouteWithASummary() {
        JsonPath spec = given().queryParam("format", "json").when().get("/q/openapi").then().statusCode(200).body("paths", notNullValue())
                .extract().jsonPath();
        for (String path : ROUTES) {
            given().queryParam("format", "json").when().get("/q/openapi").then().body("paths", hasKey(path));
        }
        Map<String, Map<String, Map<String, Object>>> paths = spec.getMap("paths");
        paths.forEach((path, operations) -> operations.forEach((method, operation) -> {
            if (path.startsWith("/api/tickets") || path.startsWith("/api/intake")) {
                org.hamcrest.MatcherAssert.assertThat(method + " " + path, (String) operation.get("summary"), matchesPattern(".{10,}"));
            }
        }));
    }

    @Test
    void ticketsByStatusBreachesAndFirstResponseTimeAreMeasured() {
        fixtures.reset();
        long late = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        long answered = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P2");
        reply(clock, Instant.parse("2026-11-25T10:12:00Z"), answered, "On it", true);
        clock.set(Instant.parse("2026-11-25T10:45:00Z"));
        scan.checkDue();
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("tickets{status=\"NEW\"} 2.0"))
                .body(containsString("tickets_sla_breaches_total{target=\"FIRST_RESPONSE\"}"))
                .body(containsString("tickets_first_response_time_seconds_count"))
                .body(containsString("tickets_created_total{channel=\"API\"}"));
        org.junit.jupiter.api.Assertions.assertNotEquals(late, answered);
    }
}
