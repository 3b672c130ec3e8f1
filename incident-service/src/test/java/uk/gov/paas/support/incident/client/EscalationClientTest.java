package uk.gov.paas.support.incident.client;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.service.DeadlineScan;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.outbox.OutboxCallRelay;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** incident-service's calls to escalation-service, against a stub over real HTTP, breakers reset between tests. */
@QuarkusTest
class EscalationClientTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    CircuitBreakerMaintenance breakers;
    @Inject
    DeadlineScan scan;
    @Inject
    OutboxCallRelay calls;
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
        EscalationStub.person(2, "Pat Product", "pat@example.org", false, "product-manager");
        EscalationStub.person(3, "Ira Assurance", "ia@example.org", false, "information-assurance");
    }

    @AfterEach
    void realTime() {
        clock.reset();
        EscalationStub.reset();
    }

    private long declare(Map<String, Object> body) {
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(body).when().post("/api/incidents").then().statusCode(201)
                .extract().jsonPath().getLong("id");
    }

    private io.restassured.response.ValidatableResponse lead(long id, String email) {
        return given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("leadEmail", email))
                .when().put("/api/incidents/" + id + "/team").then();
    }

    @Test
    void theLeadMustHaveProductionAccessInThePeopleDirectory() {
        long id = declare(Map.of("title", "Router errors", "severity", "P1"));
        lead(id, "ada@example.org").statusCode(200).body("leadName", equalTo("Ada Lovelace"));
        lead(id, "pat@example.org").statusCode(400).body("errors[0].field", equalTo("leadEmail"))
                .body("detail", containsString("no production access"));
        lead(id, "nobody@example.org").statusCode(400).body("detail", containsString("nobody in the people directory"));
        lead(id, "ADA@example.org").statusCode(200).body("leadEmail", equalTo("ada@example.org"));
        assertTrue(EscalationStub.requests() >= 3);
    }

    @Test
    void whenTheDirectoryCannotBeAskedTheLeadIsRefusedWith503NotGuessed() {
        long id = declare(Map.of("title", "Router errors", "severity", "P1"));
        EscalationStub.mode(EscalationStub.Mode.SLOW);
        lead(id, "ada@example.org").statusCode(503).contentType("application/problem+json").body("detail", containsString("cannot be reached"));
        EscalationStub.mode(EscalationStub.Mode.FAILING);
        for (int i = 0; i < 3; i++) {
            lead(id, "ada@example.org").statusCode(503);
        }
        int before = EscalationStub.requests();
        lead(id, "ada@example.org").statusCode(503);
        assertEquals(before, EscalationStub.requests(), "the open breaker answers without calling");
        given().auth().oauth2(AGENT).when().get("/api/incidents/" + id).then().body("leadEmail", org.hamcrest.Matchers.nullValue());
    }

    @Test
    void aSecurityIncidentEmailsInformationAssuranceAtOnce() throws Exception {
        declare(Map.of("title", "Leaked credentials", "severity", "P1", "securityBreach", true));
        MimeMessage[] mail = fixtures.deliver();
        assertEquals(List.of("ia@example.org"), IncidentFixtures.recipients(mail));
        assertTrue(mail[0].getSubject().contains("Security incident declared"), mail[0].getSubject());
    }

    @Test
    void withTheDirectoryDownTheSecurityNoticeGoesToTheConfiguredAddress() throws Exception {
        EscalationStub.mode(EscalationStub.Mode.FAILING);
        declare(Map.of("title", "Leaked credentials", "severity", "P1", "securityBreach", true));
        assertEquals(List.of("information-assurance@example.org"), IncidentFixtures.recipients(fixtures.deliver()));
    }

    @Test
    void aMissedUpdatePagesThroughTheOutboxEvenIfEscalationIsDownAtThatMoment() {
        long id = declare(Map.of("title", "Router errors", "severity", "P1"));
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        scan.checkDue();
        EscalationStub.mode(EscalationStub.Mode.FAILING);
        assertEquals(1, calls.relayDue().failed());
        EscalationStub.mode(EscalationStub.Mode.UP);
        clock.advance(Duration.ofSeconds(30));
        assertEquals(1, calls.relayDue().sent());
        List<EscalationStub.Received> received = EscalationStub.pages().stream().filter(p -> p.body().contains("Incident #" + id)).toList();
        assertEquals(1, received.size());
        assertEquals("incident-" + id + "/missed-update-2026-11-28T03:40:00Z", received.get(0).idempotencyKey());
        assertTrue(received.get(0).authorization().startsWith("Bearer "));
        assertTrue(received.get(0).body().contains("\"severity\":\"P1\""), received.get(0).body());
        OutboxCall call = QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>find("target", "escalation-service").singleResult());
        assertEquals(OutboxStatus.SENT, call.status);
        assertTrue(call.result.startsWith("page "), call.result);
    }

    @Test
    void aPageRequestEscalationRefusesIsDeadAtOnce() {
        declare(Map.of("title", "Router errors", "severity", "P1"));
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        scan.checkDue();
        EscalationStub.mode(EscalationStub.Mode.REFUSING);
        assertEquals(1, calls.relayDue().dead());
    }

    /**
     * No remote call under a row lock: while naming the lead waits on a slow people directory, the incident's row is
     * free, so another transaction locks and changes it at once, and naming the lead then keeps that change.
     */
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
