package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class RotaResourceTest {

    static final String ADMIN = DevTokens.forRole("admin");
    static final String AGENT = DevTokens.forRole("agent");
    static final String SERVICE = DevTokens.forRole("service");

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;

    Person ada;
    Person grace;
    Person alan;

    @BeforeEach
    void people() {
        fixtures.reset();
        ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        grace = fixtures.person("Grace Hopper", "grace@example.org", true);
        alan = fixtures.person("Alan Turing", "alan@example.org", true);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    /** Weekly, Mondays 09:00 London, from Monday 16 March 2026: Ada, then Grace, alternating. */
    private long springRota() {
        return given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Escalation", "purpose", "ESCALATION", "members", List.of(ada.id, grace.id),
                        "startDate", "2026-03-16", "handoffDay", "MONDAY", "handoffTime", "09:00"))
                .when().post("/api/rotas").then().statusCode(201).body("lengthDays", equalTo(7)).body("zone", equalTo("Europe/London"))
                .extract().jsonPath().getLong("id");
    }

    private String onCallAt(Object rota, String at) {
        return given().auth().oauth2(SERVICE).queryParam("at", at).when().get("/api/rotas/" + rota + "/on-call")
                .then().statusCode(200).extract().jsonPath().getString("now.person.email");
    }

    @Test
    void theMondayHandoffStaysAtNineLondonAcrossTheSpringClockChange() {
        long rota = springRota();
        // Monday 23 March is GMT (09:00 = 09:00Z); Monday 30 March is BST (09:00 = 08:00Z)
        assertEquals("ada@example.org", onCallAt(rota, "2026-03-23T08:59:00Z"));
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-23T09:00:00Z"));
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-30T07:59:00Z"));
        assertEquals("ada@example.org", onCallAt(rota, "2026-03-30T08:00:00Z"));
        given().auth().oauth2(AGENT).queryParam("at", "2026-03-29T12:00:00Z").when().get("/api/rotas/escalation/on-call").then()
                .statusCode(200)
                .body("now.start", equalTo("2026-03-23T09:00:00Z")).body("now.startLocal", equalTo("2026-03-23T09:00:00+00:00"))
                .body("now.end", equalTo("2026-03-30T08:00:00Z")).body("now.endLocal", equalTo("2026-03-30T09:00:00+01:00"))
                .body("next.person.email", equalTo("ada@example.org"));
    }

    @Test
    void theMondayHandoffStaysAtNineLondonAcrossTheAutumnClockChange() {
        long rota = springRota();
        // 26 October 2026 is the first Monday after the change back to GMT
        given().auth().oauth2(AGENT).queryParam("from", "2026-10-19T08:00:00Z").queryParam("count", 2)
                .when().get("/api/rotas/" + rota + "/shifts").then().statusCode(200)
                .body("[0].start", equalTo("2026-10-19T08:00:00Z")).body("[0].startLocal", equalTo("2026-10-19T09:00:00+01:00"))
                .body("[1].start", equalTo("2026-10-26T09:00:00Z")).body("[1].startLocal", equalTo("2026-10-26T09:00:00+00:00"));
    }

    @Test
    void anOverrideWinsOverTheRota() {
        long rota = springRota();
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("personId", alan.id, "from", "2026-03-25T12:00:00Z", "to", "2026-03-26T12:00:00Z", "reason", "swap"))
                .when().post("/api/rotas/" + rota + "/overrides").then().statusCode(201);
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-25T11:59:00Z"));
        assertEquals("alan@example.org", onCallAt(rota, "2026-03-25T12:00:00Z"));
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-26T12:00:00Z"));
        given().auth().oauth2(AGENT).queryParam("at", "2026-03-25T18:00:00Z").when().get("/api/rotas/" + rota + "/on-call").then()
                .body("now.override", equalTo(true)).body("next.person.email", equalTo("grace@example.org"));

        // removing it needs a reason, as adding it does; removed, the rota decides again and no list shows it
        long override = given().auth().oauth2(AGENT).when().get("/api/rotas/" + rota + "/overrides").then().statusCode(200)
                .extract().jsonPath().getLong("[0].id");
        given().auth().oauth2(AGENT).when().delete("/api/rotas/" + rota + "/overrides/" + override).then()
                .statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("reason"));
        assertEquals("alan@example.org", onCallAt(rota, "2026-03-25T12:00:00Z"), "a refused removal removes nothing");
        given().auth().oauth2(AGENT).queryParam("reason", "Grace swapped back").when().delete("/api/rotas/" + rota + "/overrides/" + override)
                .then().statusCode(204);
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-25T12:00:00Z"));
        given().auth().oauth2(AGENT).when().get("/api/rotas/" + rota + "/overrides").then().statusCode(200).body("size()", equalTo(0));
        given().auth().oauth2(AGENT).queryParam("reason", "again").when().delete("/api/rotas/" + rota + "/overrides/" + override)
                .then().statusCode(404);
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        Map<String, Object> good = Map.of("name", "R", "members", List.of(ada.id), "startDate", "2026-03-16", "handoffDay", "MONDAY",
                "handoffTime", "09:00");
        Object[][] cases = {
                {without(good, "name"), "name"},
                {with(good, "members", List.of()), "members"},
                {with(good, "members", List.of(ada.id, 999999)), "members[1]"},
                {with(good, "lengthDays", 0), "lengthDays"},
                {with(good, "handoffDay", "FUNDAY"), "handoffDay"},
                {with(good, "handoffTime", "25:00"), "handoffTime"},
                {without(good, "startDate"), "startDate"},
                {with(good, "purpose", "WHATEVER"), "purpose"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(c[0]).when().post("/api/rotas").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Rota.count()));
        long rota = springRota();
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("personId", alan.id, "from", "2026-03-26T12:00:00Z", "to", "2026-03-25T12:00:00Z", "reason", "swap"))
                .when().post("/api/rotas/" + rota + "/overrides").then().statusCode(400).body("errors[0].field", equalTo("to"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("personId", 999999, "from", "2026-03-25T12:00:00Z", "to", "2026-03-26T12:00:00Z", "reason", "swap"))
                .when().post("/api/rotas/" + rota + "/overrides").then().statusCode(400).body("errors[0].field", equalTo("personId"));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("personId", alan.id, "from", "2026-03-25T12:00:00Z", "to", "2026-03-26T12:00:00Z", "reason", " "))
                .when().post("/api/rotas/" + rota + "/overrides").then().statusCode(400).body("errors[0].field", equalTo("reason"));
        given().auth().oauth2(AGENT).queryParam("at", "yesterday").when().get("/api/rotas/" + rota + "/on-call").then()
                .statusCode(400).body("errors[0].field", equalTo("at"));
        given().auth().oauth2(AGENT).when().get("/api/rotas/nonsense/on-call").then().statusCode(404);
    }

    @Test
    void aRotaIsReplacedWithPutAndOnlyOneRotaServesEachPurpose() {
        long rota = springRota();
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Escalation", "purpose", "ESCALATION", "members", List.of(grace.id), "startDate", "2026-03-16",
                        "handoffDay", "WEDNESDAY", "handoffTime", "17:30", "lengthDays", 14))
                .when().put("/api/rotas/" + rota).then().statusCode(200).body("handoffDay", equalTo("WEDNESDAY")).body("lengthDays", equalTo(14));
        assertEquals("grace@example.org", onCallAt(rota, "2026-03-18T17:30:00Z"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Second escalation", "purpose", "ESCALATION", "members", List.of(ada.id), "startDate", "2026-03-16",
                        "handoffDay", "MONDAY", "handoffTime", "09:00"))
                .when().post("/api/rotas").then().statusCode(409).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Escalation", "members", List.of(), "startDate", "2026-03-16", "handoffDay", "MONDAY", "handoffTime", "09:00"))
                .when().put("/api/rotas/" + rota).then().statusCode(400);
        given().auth().oauth2(AGENT).when().get("/api/rotas/" + rota).then().body("members.email", equalTo(List.of("grace@example.org")));
    }

    @Test
    void theCalendarFeedNeedsNoTokenAndRotatingItRevokesTheOldUrl() {
        clock.set(java.time.Instant.parse("2026-03-20T12:00:00Z"));
        long rota = springRota();
        String url = given().auth().oauth2(ADMIN).when().get("/api/rotas/" + rota + "/calendar-feed").then().statusCode(200)
                .extract().jsonPath().getString("url");
        String path = EscalationFixtures.path(url);
        given().when().get(path).then().statusCode(200).contentType(containsString("text/calendar"))
                .body(containsString("BEGIN:VTIMEZONE")).body(containsString("TZID:Europe/London"))
                .body(containsString("DTSTART;TZID=Europe/London:20260330T090000"))
                .body(containsString("On call: Grace Hopper (Escalation)"))
                .body(org.hamcrest.Matchers.not(containsString("grace@example.org")));
        String rotated = given().auth().oauth2(ADMIN).when().post("/api/rotas/" + rota + "/calendar-feed/rotate").then().statusCode(200)
                .extract().jsonPath().getString("url");
        given().when().get(path).then().statusCode(404);
        given().when().get(EscalationFixtures.path(rotated)).then().statusCode(200);
        given().auth().oauth2(AGENT).when().get("/api/rotas/" + rota + "/calendar-feed").then().statusCode(403);
    }

    @Test
    void beforeTheRotaStartsNobodyIsOnCallAndTheFirstShiftIsNext() {
        long rota = springRota();
        given().auth().oauth2(AGENT).queryParam("at", "2026-03-01T12:00:00Z").when().get("/api/rotas/" + rota + "/on-call").then()
                .statusCode(200).body("now", nullValue()).body("next.person.email", equalTo("ada@example.org"));
    }

    private static Map<String, Object> with(Map<String, Object> map, String key, Object value) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.put(key, value);
        return copy;
    }

    private static Map<String, Object> without(Map<String, Object> map, String key) {
        Map<String, Object> copy = new java.util.HashMap<>(map);
        copy.remove(key);
        return copy;
    }
}
