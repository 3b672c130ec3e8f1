package uk.gov.paas.support.incident.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * No remote call under a row lock: while naming the lead waits on a slow people directory, the incident's row is free,
 * so another transaction locks and changes it at once, and naming the lead then keeps that change.
 */
@QuarkusTest
class DirectoryOutsideLockTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void fresh() {
        fixtures.reset();
        EscalationStub.reset();
        breakers.resetAll();
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        EscalationStub.person(1, "Ada Lovelace", "ada@example.org", true);
    }

    @AfterEach
    void realTime() {
        clock.reset();
        EscalationStub.reset();
    }

    @Test
    void aSlowDirectoryHoldsNoLockOnTheIncident() throws Exception {
        long id = given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("title", "Router errors", "severity", "P2"))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        EscalationStub.mode(EscalationStub.Mode.LATE);
        CompletableFuture<Integer> naming = CompletableFuture.supplyAsync(() -> given().auth().oauth2(AGENT).contentType(ContentType.JSON)
                .body(Map.of("leadEmail", "ada@example.org")).when().put("/api/incidents/" + id + "/team").then().extract().statusCode());
        assertTrue(EscalationStub.askedLate().await(10, TimeUnit.SECONDS), "the directory is asked");

        long started = System.nanoTime();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("set local lock_timeout = '500ms'").executeUpdate();
            entityManager.createNativeQuery("select id from incident where id = :id for update").setParameter("id", id).getResultList();
            entityManager.createNativeQuery("update incident set title = 'Router errors in London' where id = :id").setParameter("id", id)
                    .executeUpdate();
        });
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertFalse(EscalationStub.answeredLate(), "the row was locked and changed while the directory was still answering");
        assertTrue(tookMillis < 1000, "locking the incident took " + tookMillis + " ms while the directory took " + EscalationStub.LATE_MILLIS + " ms");

        assertEquals(200, naming.get(15, TimeUnit.SECONDS));
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then().statusCode(200)
                .body("leadName", equalTo("Ada Lovelace")).body("title", equalTo("Router errors in London"));
    }

    @Test
    void anUnknownIncidentIsNotFoundBeforeTheDirectoryIsAsked() {
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("leadEmail", "ada@example.org")).when()
                .put("/api/incidents/999999/team").then().statusCode(404);
        assertEquals(0, EscalationStub.requests());
    }
}
