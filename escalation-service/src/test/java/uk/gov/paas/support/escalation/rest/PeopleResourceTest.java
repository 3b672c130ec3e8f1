package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Unavailability;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class PeopleResourceTest {

    static final String ADMIN = DevTokens.forRole("admin");
    static final String SERVICE = DevTokens.forRole("service");
    static final String AGENT = DevTokens.forRole("agent");
    static final String TENANT = DevTokens.tenant("org-a");

    @Inject
    EscalationFixtures fixtures;

    @BeforeEach
    void empty() {
        fixtures.reset();
    }

    private long create(Map<String, Object> person) {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(person).when().post("/api/people")
                .then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Map<String, Object> barbara() {
        return Map.of("name", "Barbara Liskov", "email", "barbara@example.org", "phone", "+44 7700 900004",
                "productionAccess", true, "roles", List.of("head-of-reliability-engineering", "tech-lead"));
    }

    @Test
    void phoneNumbersReachAdminAndServiceCallersOnly() {
        long id = create(barbara());
        given().auth().oauth2(ADMIN).when().get("/api/people/" + id).then().statusCode(200).body("phone", equalTo("+44 7700 900004"));
        given().auth().oauth2(SERVICE).when().get("/api/people/" + id).then().statusCode(200).body("phone", equalTo("+44 7700 900004"));
        given().auth().oauth2(AGENT).when().get("/api/people/" + id).then().statusCode(200)
                .body("$", not(hasKey("phone"))).body("name", equalTo("Barbara Liskov")).body("productionAccess", equalTo(true));
        given().auth().oauth2(AGENT).when().get("/api/people").then().statusCode(200)
                .body("items[0]", not(hasKey("phone"))).body("total", equalTo(1));
        given().auth().oauth2(TENANT).when().get("/api/people/" + id).then().statusCode(403);
    }

    @Test
    void peopleAreFoundByRoleAndByEmail() {
        create(barbara());
        create(Map.of("name", "Radia Perlman", "email", "radia@example.org", "roles", List.of("information-assurance")));
        given().auth().oauth2(SERVICE).queryParam("role", "information-assurance").when().get("/api/people").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].email", equalTo("radia@example.org"));
        given().auth().oauth2(SERVICE).queryParam("email", "BARBARA@example.org").when().get("/api/people").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].roles", hasItem("head-of-reliability-engineering"));
        given().auth().oauth2(SERVICE).queryParam("role", "chief-of-everything").when().get("/api/people").then().statusCode(400)
                .body("errors[0].field", equalTo("role"));
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        Object[][] cases = {
                {Map.of("email", "a@example.org"), "name"},
                {Map.of("name", "A", "email", "not-an-email"), "email"},
                {Map.of("name", "A", "email", "a@example.org", "phone", "call me"), "phone"},
                {Map.of("name", "A", "email", "a@example.org", "roles", List.of("tech-lead", "wizard")), "roles[1]"},
                {Map.of("name", "A", "email", "a@example.org", "productionAccess", "perhaps"), "productionAccess"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(c[0]).when().post("/api/people").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Person.count()));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(barbara()).when().post("/api/people").then().statusCode(403);
    }

    @Test
    void aPersonIsReplacedWithPutAndBadInputThereChangesNothing() {
        long id = create(barbara());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Barbara Liskov", "email", "barbara@example.org", "roles", List.of("techops-programme-director")))
                .when().put("/api/people/" + id).then().statusCode(200).body("roles", equalTo(List.of("techops-programme-director")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Barbara Liskov", "email", "barbara@example.org", "roles", List.of("wizard")))
                .when().put("/api/people/" + id).then().statusCode(400).body("errors[0].field", equalTo("roles[0]"));
        given().auth().oauth2(ADMIN).when().get("/api/people/" + id).then().body("roles", equalTo(List.of("techops-programme-director")));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "X", "email", "x@example.org"))
                .when().put("/api/people/999999").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void aSecondPersonWithTheSameEmailIsAConflict() {
        create(barbara());
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Someone Else", "email", "Barbara@Example.org")).when().post("/api/people").then()
                .statusCode(409).contentType("application/problem+json");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Person.count()));
    }

    @Test
    void twoPeopleWithOneEmailAtOnceAreOneCreatedAndTheRest409ProblemJson() throws Exception {
        // sent together, every request may pass the "is the email taken" check before any commits: the unique index decides
        int racers = 6;
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(racers);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<io.restassured.response.Response>> answers = new java.util.ArrayList<>();
        for (int i = 0; i < racers; i++) {
            String email = i % 2 == 0 ? "race@example.org" : "Race@Example.org";
            answers.add(pool.submit(() -> {
                start.await();
                return given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "Racer", "email", email))
                        .when().post("/api/people");
            }));
        }
        start.countDown();
        List<Integer> statuses = new java.util.ArrayList<>();
        for (var answer : answers) {
            io.restassured.response.Response response = answer.get(60, java.util.concurrent.TimeUnit.SECONDS);
            statuses.add(response.statusCode());
            if (response.statusCode() != 201) {
                assertEquals(409, response.statusCode(), response.asString());
                assertEquals("application/problem+json", response.contentType());
                assertEquals(409, response.jsonPath().getInt("status"));
            }
        }
        pool.shutdown();
        assertEquals(1, statuses.stream().filter(s -> s == 201).count(), "statuses: " + statuses);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Person.count()));
    }

    @Test
    void aLeaveOutsideTheYearsTheDatabaseStoresIs400AndWritesNothing() {
        long id = create(barbara());
        // PostgreSQL's timestamptz holds 4713 BC to 294276 AD; java.time parses both of these
        for (List<String> period : List.of(List.of("2026-12-21T00:00:00Z", "+300000-01-01T00:00:00Z"),
                List.of("-5000-01-01T00:00:00Z", "2026-12-21T00:00:00Z"))) {
            given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("from", period.get(0), "to", period.get(1)))
                    .when().post("/api/people/" + id + "/unavailability").then().statusCode(400).contentType("application/problem+json");
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Unavailability.count()));
    }

    @Test
    void unavailabilityIsRecordedShownAndRemoved() {
        long id = create(barbara());
        long period = given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("from", "2026-12-21T00:00:00Z", "to", "2027-01-04T00:00:00Z", "reason", "Christmas leave"))
                .when().post("/api/people/" + id + "/unavailability").then().statusCode(201)
                .body("fromLocal", equalTo("2026-12-21T00:00:00+00:00")).extract().jsonPath().getLong("id");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("from", "2027-01-04T00:00:00Z", "to", "2026-12-21T00:00:00Z"))
                .when().post("/api/people/" + id + "/unavailability").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(AGENT).when().get("/api/people/" + id).then().body("unavailability.reason", hasItem("Christmas leave"));
        given().auth().oauth2(AGENT).when().delete("/api/people/" + id + "/unavailability/" + period).then().statusCode(204);
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Unavailability.count()));
    }
}
