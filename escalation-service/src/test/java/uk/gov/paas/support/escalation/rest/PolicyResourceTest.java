package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class PolicyResourceTest {

    static final String ADMIN = DevTokens.forRole("admin");
    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    EscalationFixtures fixtures;

    @BeforeEach
    void empty() {
        fixtures.reset();
    }

    @Test
    void theDefaultPolicyIsTheSpecsChain() {
        given().auth().oauth2(AGENT).when().get("/api/policies").then().statusCode(200)
                .body("size()", equalTo(1))
                .body("[0].isDefault", equalTo(true))
                .body("[0].repeatCount", equalTo(1))
                .body("[0].levels.kind", equalTo(List.of("ON_CALL", "ROLE", "ROLE", "ROLE")))
                .body("[0].levels.role", equalTo(java.util.Arrays.asList(null, "head-of-reliability-engineering", "techops-programme-director",
                        "director-of-portfolio-group")))
                .body("[0].levels.ackTimeoutMinutes", equalTo(List.of(10, 10, 10, 15)));
    }

    @Test
    void aPolicyIsCreatedAndReplacedAndANewDefaultReplacesTheOld() {
        Rota rota = fixtures.weeklyRota("Database experts", null, LocalDate.parse("2026-11-23"), fixtures.person("Ada", "ada@example.org", true));
        long id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Databases", "repeatCount", 2, "levels", List.of(
                        Map.of("kind", "ROTA", "rotaId", rota.id, "ackTimeoutMinutes", 5),
                        Map.of("kind", "ROLE", "role", "tech-lead", "ackTimeoutMinutes", 5))))
                .when().post("/api/policies").then().statusCode(201).body("levels[0].rotaId", equalTo(rota.id.intValue()))
                .extract().jsonPath().getLong("id");
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("name", "Databases", "isDefault", true, "levels", List.of(Map.of("kind", "ON_CALL", "ackTimeoutMinutes", 7))))
                .when().put("/api/policies/" + id).then().statusCode(200).body("isDefault", equalTo(true)).body("levels.size()", equalTo(1));
        assertEquals(id, QuarkusTransaction.requiringNew().call(() -> EscalationPolicy.defaultPolicy().orElseThrow().id));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> EscalationPolicy.count("isDefault", true)));
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        Object[][] cases = {
                {Map.of("levels", List.of(Map.of("kind", "ON_CALL", "ackTimeoutMinutes", 5))), "name"},
                {Map.of("name", "P", "levels", List.of()), "levels"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "ON_CALL", "ackTimeoutMinutes", 0))), "levels[0].ackTimeoutMinutes"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "ON_CALL"))), "levels[0].ackTimeoutMinutes"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "PIGEON", "ackTimeoutMinutes", 5))), "levels[0].kind"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "ROLE", "role", "wizard", "ackTimeoutMinutes", 5))), "levels[0].role"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "ROTA", "rotaId", 999999, "ackTimeoutMinutes", 5))), "levels[0].rotaId"},
                {Map.of("name", "P", "levels", List.of(Map.of("kind", "ROTA", "ackTimeoutMinutes", 5))), "levels[0].rotaId"},
                {Map.of("name", "P", "repeatCount", 10, "levels", List.of(Map.of("kind", "ON_CALL", "ackTimeoutMinutes", 5))), "repeatCount"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(c[0]).when().post("/api/policies").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", hasItem(c[1]));
        }
        long defaultId = QuarkusTransaction.requiringNew().call(() -> EscalationPolicy.defaultPolicy().orElseThrow().id);
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body(Map.of("name", "P", "levels", List.of()))
                .when().put("/api/policies/" + defaultId).then().statusCode(400);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> EscalationPolicy.count()));
        assertEquals(4, QuarkusTransaction.requiringNew().call(() -> EscalationPolicy.defaultPolicy().orElseThrow().levels.size()));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("name", "P", "levels", List.of(Map.of("kind", "ON_CALL", "ackTimeoutMinutes", 5))))
                .when().post("/api/policies").then().statusCode(403);
    }
}
