package uk.gov.paas.support.escalation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class SupportHoursResourceTest {

    private static final String AGENT = DevTokens.forRole("agent");

    @Inject
    MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void inTheSpringGapNightItIsOvernightAndHoursOpenMondayAtNineBst() {
        given().auth().oauth2(AGENT).queryParam("at", "2026-03-29T01:30:00Z")
                .when().get("/api/support-hours")
                .then().statusCode(200)
                .body("at", equalTo("2026-03-29T01:30:00Z"))
                .body("zone", equalTo("Europe/London"))
                .body("localTime", equalTo("2026-03-29T02:30:00+01:00"))
                .body("period", equalTo("OUT_OF_HOURS_OVERNIGHT"))
                .body("inHours", equalTo(false))
                .body("bankHoliday", equalTo(false))
                .body("nextOpening", equalTo("2026-03-30T08:00:00Z"))
                .body("nextOpeningLocal", equalTo("2026-03-30T09:00:00+01:00"));
    }

    @Test
    void onASubstituteBankHolidayItIsWakingOutOfHoursAndSaysSo() {
        given().auth().oauth2(AGENT).queryParam("at", "2026-12-28T10:00:00Z")
                .when().get("/api/support-hours")
                .then().statusCode(200)
                .body("period", equalTo("OUT_OF_HOURS_WAKING"))
                .body("bankHoliday", equalTo(true))
                .body("localTime", equalTo("2026-12-28T10:00:00+00:00"))
                .body("nextOpening", equalTo("2026-12-29T09:00:00Z"))
                .body("nextOpeningLocal", equalTo("2026-12-29T09:00:00+00:00"));
    }

    @Test
    void anInstantWithAnOffsetIsReadAsThatInstant() {
        given().auth().oauth2(AGENT).queryParam("at", "2026-10-26T09:30:00+00:00")
                .when().get("/api/support-hours")
                .then().statusCode(200)
                .body("at", equalTo("2026-10-26T09:30:00Z"))
                .body("period", equalTo("IN_HOURS"))
                .body("inHours", equalTo(true))
                .body("nextOpening", equalTo("2026-10-27T09:00:00Z"));
    }

    @Test
    void withoutAnInstantItAnswersForNow() {
        clock.set(Instant.parse("2026-11-23T10:15:00Z"));
        given().auth().oauth2(DevTokens.tenant("acme"))
                .when().get("/api/support-hours")
                .then().statusCode(200)
                .body("at", equalTo("2026-11-23T10:15:00Z"))
                .body("period", equalTo("IN_HOURS"));
    }

    @Test
    void anInstantBeyondTheYearsTheDatabaseStoresIs400() {
        for (String far : new String[] {"+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z"}) {
            given().auth().oauth2(AGENT).queryParam("at", far)
                    .when().get("/api/support-hours")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("at"));
        }
    }

    @Test
    void aBadInstantIs400ProblemJsonNamingTheParameter() {
        for (String bad : new String[] {"next tuesday", "2026-13-01T00:00:00Z", "+1000000000-12-31T23:59:59Z", "1066-10-14T09:00:00Z"}) {
            given().auth().oauth2(AGENT).queryParam("at", bad)
                    .when().get("/api/support-hours")
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].field", equalTo("at"));
        }
    }

    @Test
    void everyRoleMayAskButNotAnonymously() {
        for (String token : new String[] {AGENT, DevTokens.forRole("admin"), DevTokens.forRole("service"), DevTokens.tenant("acme")}) {
            given().auth().oauth2(token).when().get("/api/support-hours").then().statusCode(200);
        }
        given().when().get("/api/support-hours").then().statusCode(401).contentType("application/problem+json");
    }
}
