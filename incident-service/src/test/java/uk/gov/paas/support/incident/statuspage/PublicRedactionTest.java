package uk.gov.paas.support.incident.statuspage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
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
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * An incident declared, staffed, updated and resolved through the real routes with an address, a phone number, an
 * internal link and people's names in its title, updates, timeline and resolution: none of them reaches any public
 * view, while the internal report still has them.
 */
@QuarkusTest
class PublicRedactionTest {

    static final String AGENT = DevTokens.forRole("agent");

    /** Every anonymous route that shows incidents. */
    static final List<String> PUBLIC = List.of("/status", "/status.json", "/api/v2/summary.json", "/api/v2/incidents.json",
            "/api/v2/incidents/unresolved.json");

    /** What the incident's text says that the public must never read. */
    static final List<String> NEVER_PUBLIC = List.of("Ada", "Lovelace", "Casey", "Bo Li", "Dana", "@example.org", "07700", "7946", "020)",
            "localhost:8081", "/api/incidents/", "tickets/42");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    MutableClock clock;

    long database;

    @BeforeEach
    void fresh() {
        fixtures.reset();
        EscalationStub.reset();
        EscalationStub.person(1, "Ada Lovelace", "ada@example.org", true);
        database = fixtures.component("Database");
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void nothingPrivateIn(String route, String body) {
        for (String secret : NEVER_PUBLIC) {
            assertFalse(body.contains(secret), route + " shows '" + secret + "':\n" + body);
        }
    }

    private long declaredUpdatedIncident() {
        long id = given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("title", "Database down, Ada Lovelace on 07700 900123", "severity", "P2", "componentIds", List.of(database)))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("leadEmail", "ada@example.org", "commsEmail",
                "casey@example.org", "commsName", "Casey Comms", "members", List.of(Map.of("email", "bo@example.org", "name", "Bo Li"))))
                .when().put("/api/incidents/" + id + "/team").then().statusCode(200);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("template", "INVESTIGATING", "componentIds", List.of(database),
                "body", "Ada and Bo Li are on it. Write to ops@example.org or call +44 20 7946 0000; "
                        + "progress at http://localhost:8081/tickets/42, advice at https://www.gov.uk/service-manual."))
                .when().post("/api/incidents/" + id + "/updates").then().statusCode(201);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("kind", "DECISION",
                "text", "Casey Comms and Bo Li agreed to fail over, see http://localhost:8082/api/incidents/" + id + " or ring (020) 7946 0001"))
                .when().post("/api/incidents/" + id + "/timeline").then().statusCode(201);
        return id;
    }

    @Test
    void anOpenIncidentShowsNoAddressPhoneInternalLinkOrName() {
        declaredUpdatedIncident();
        for (String route : PUBLIC) {
            String body = given().when().get(route).then().statusCode(200).extract().asString();
            nothingPrivateIn(route, body);
            if (!route.equals("/api/v2/incidents/unresolved.json") || body.contains("Database down")) {
                assertTrue(body.contains("[phone removed]") && body.contains("the team"), route + " shows the redacted wording:\n" + body);
            }
            assertTrue(body.contains("https://www.gov.uk/service-manual"), route + " keeps a public link:\n" + body);
        }
    }

    @Test
    void aPublishedReportShowsNoAddressPhoneInternalLinkOrNameWhileTheInternalOneDoes() {
        long id = declaredUpdatedIncident();
        clock.set(Instant.parse("2026-11-23T11:00:00Z"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("agreedBy", "Dana Delivery (delivery manager)", "body", "Fixed. Thanks to Ada; questions to ada@example.org."))
                .when().post("/api/incidents/" + id + "/resolve").then().statusCode(200);
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of()).when().post("/api/incidents/" + id + "/report/publish")
                .then().statusCode(200);

        String stored = QuarkusTransaction.requiringNew().call(() -> IncidentReview.<IncidentReview>findById(id).reportMarkdown);
        nothingPrivateIn("the stored public report", stored);
        assertTrue(stored.contains("the team agreed to fail over") && stored.contains("[link removed]") && stored.contains("[phone removed]"),
                stored);
        for (String route : PUBLIC) {
            nothingPrivateIn(route, given().when().get(route).then().statusCode(200).extract().asString());
        }
        String json = given().when().get("/status.json").then().statusCode(200).extract().asString();
        assertTrue(json.contains("the team agreed to fail over"), "the report is on the page: " + json);

        String internal = given().auth().oauth2(AGENT).when().get("/api/incidents/" + id + "/report").then().statusCode(200).extract().asString();
        assertTrue(internal.contains("Ada Lovelace on 07700 900123") && internal.contains("Casey Comms and Bo Li agreed"),
                "the internal report is unchanged: " + internal);
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("title", org.hamcrest.Matchers.equalTo("Database down, Ada Lovelace on 07700 900123"));
    }
}
