package uk.gov.paas.support.incident.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** Many deadlines missed at once are all paged by one scan: the rest must not wait a whole scan interval. */
@QuarkusTest
class DeadlineBurstTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    DeadlineScan scan;
    @Inject
    MutableClock clock;

    @BeforeEach
    void empty() {
        fixtures.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void twoHundredDeadlinesMissedTogetherArePagedByOneScan() {
        // P1 at 03:00 on a Saturday: respond (the first update) by 03:40
        clock.set(Instant.parse("2026-11-28T03:00:00Z"));
        for (int i = 0; i < 200; i++) {
            given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("title", "Burst " + i, "severity", "P1"))
                    .when().post("/api/incidents").then().statusCode(201);
        }
        clock.set(Instant.parse("2026-11-28T03:40:00Z"));
        assertEquals(200, scan.checkDue(), "every missed deadline in the one scan");
        assertEquals(200L, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", DeadlineScan.ESCALATION)));
    }
}
