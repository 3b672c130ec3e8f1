package uk.gov.paas.support.ticket;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** Test helpers that drive the ticket API as agents and tenants do, with the clock standing where the test puts it. */
public final class TicketApi {

    public static final String AGENT = DevTokens.mint("agent", null, "alan@example.gov.uk", java.time.Duration.ofHours(12));
    public static final String TENANT = DevTokens.mint("tenant", "acme", "jo@acme.example", java.time.Duration.ofHours(12));
    public static final String OTHER_TENANT = DevTokens.mint("tenant", "globex", "sam@globex.example", java.time.Duration.ofHours(12));

    private TicketApi() {
    }

    public static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** An agent raises a ticket for acme at {@code at}; priority null means untriaged. */
    public static long create(MutableClock clock, Instant at, String priority) {
        clock.set(at);
        Map<String, Object> body = new HashMap<>(Map.of("subject", "Cannot push my app", "description", "cf push fails with a 502",
                "requesterEmail", "jo@acme.example", "requesterName", "Jo Bloggs", "organisation", "acme"));
        if (priority != null) {
            body.put("priority", priority);
        }
        return as(AGENT).body(body).when().post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    public static JsonPath get(long id) {
        return as(AGENT).when().get("/api/tickets/" + id).then().statusCode(200).extract().jsonPath();
    }

    public static void status(MutableClock clock, Instant at, long id, String status, String reason, String note) {
        clock.set(at);
        Map<String, Object> body = new HashMap<>(Map.of("status", status));
        if (reason != null) {
            body.put("reason", reason);
        }
        if (note != null) {
            body.put("note", note);
        }
        as(AGENT).body(body).when().post("/api/tickets/" + id + "/status").then().statusCode(200);
    }

    public static void triage(MutableClock clock, Instant at, long id, Map<String, Object> body) {
        clock.set(at);
        as(AGENT).body(body).when().post("/api/tickets/" + id + "/triage").then().statusCode(200);
    }

    public static void reply(MutableClock clock, Instant at, long id, String body, boolean isPublic) {
        clock.set(at);
        as(AGENT).body(Map.of("body", body, "isPublic", isPublic)).when().post("/api/tickets/" + id + "/comments").then().statusCode(201);
    }

    public static int tenantComment(MutableClock clock, Instant at, long id, String body) {
        clock.set(at);
        return as(TENANT).body(Map.of("body", body)).when().post("/api/tickets/" + id + "/comments").then().statusCode(201).extract()
                .jsonPath().getInt("id");
    }

    public static List<String> tags(long id) {
        return get(id).getList("tags", String.class);
    }
}
