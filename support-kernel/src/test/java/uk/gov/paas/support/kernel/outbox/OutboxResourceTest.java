package uk.gov.paas.support.kernel.outbox;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MailParts;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** The admin outbox routes, and with them the shared conventions: 401/403/400 as problem+json, nothing written on bad input. */
@QuarkusTest
class OutboxResourceTest {

    private static final String ADMIN = DevTokens.forRole("admin");

    @Inject
    OutboxRelay relay;
    @Inject
    OutboxConfig config;
    @Inject
    MutableClock clock;

    @BeforeEach
    void clean() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.deleteAll());
        clock.set(Instant.parse("2026-11-23T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        GreenMailTestResource.startSmtp();
        clock.reset();
    }

    @Test
    void testEmailIsQueuedThenSentAndListedAsSent() {
        String location = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"to\":\"ops@example.org\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(202)
                .body("status", equalTo("PENDING"))
                .body("recipients", hasItem("ops@example.org"))
                .header("Location", containsString("/api/admin/outbox/"))
                .extract().header("Location");
        assertEquals(1, relay.relayDue().sent());
        given().auth().oauth2(ADMIN).when().get(location).then().statusCode(200).body("status", equalTo("SENT"));
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?status=sent").then().statusCode(200)
                .body("total", equalTo(1)).body("items", hasSize(1));
        assertEquals(1, GreenMailTestResource.greenMail().getReceivedMessages().length);
    }

    @Test
    void aTestEmailHasATextAndAnEscapedHtmlPart() throws Exception {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body(Map.of("to", "ops@example.org", "text", MailParts.HOSTILE))
                .when().post("/api/admin/outbox/test-email").then().statusCode(202);
        assertEquals(1, relay.relayDue().sent());
        jakarta.mail.internet.MimeMessage sent = GreenMailTestResource.greenMail().getReceivedMessages()[0];
        assertTrue(MailParts.text(sent).contains(MailParts.HOSTILE), MailParts.text(sent));
        String html = MailParts.html(sent);
        assertTrue(html.contains(MailParts.HOSTILE_ESCAPED), html);
        assertFalse(html.contains("<script>"), html);
    }

    @Test
    void deadEmailIsListedAndAnAdminRetrySendsIt() {
        long id = given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .body("{\"to\":\"ops@example.org\",\"subject\":\"Dead then alive\"}")
                .when().post("/api/admin/outbox/test-email").then().statusCode(202).extract().jsonPath().getLong("id");
        GreenMailTestResource.stopSmtp();
        for (int attempt = 0; attempt < config.maxAttempts(); attempt++) {
            relay.relayDue();
            clock.advance(config.backoffMax());
        }
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox").then().statusCode(200)
                .body("total", equalTo(1)).body("items[0].id", equalTo((int) id)).body("items[0].status", equalTo("DEAD"))
                .body("items[0].lastError", containsString("Exception"));

        GreenMailTestResource.startSmtp();
        given().auth().oauth2(ADMIN).when().post("/api/admin/outbox/" + id + "/retry").then().statusCode(200)
                .body("status", equalTo("PENDING")).body("attempts", equalTo(0));
        assertEquals(1, relay.relayDue().sent());
        assertEquals(1, GreenMailTestResource.greenMail().getReceivedMessages().length);
        given().auth().oauth2(ADMIN).when().post("/api/admin/outbox/" + id + "/retry").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("already sent"));
    }

    @Test
    void idempotencyKeyHeaderMakesARepeatedRequestQueueOneEmail() {
        for (int i = 0; i < 2; i++) {
            given().auth().oauth2(ADMIN).contentType(ContentType.JSON).header("Idempotency-Key", "check-42")
                    .body("{\"to\":\"ops@example.org\"}")
                    .when().post("/api/admin/outbox/test-email").then().statusCode(202);
        }
        assertEquals(1, OutboxMessage.count());
    }

    @Test
    void withoutATokenTheAnswerIs401ProblemJson() {
        given().contentType(ContentType.JSON).body("{\"to\":\"ops@example.org\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", startsWith("Bearer"))
                .body("status", equalTo(401)).body("title", equalTo("Unauthorized"));
        assertEquals(0, OutboxMessage.count());
    }

    @Test
    void aForgedTokenIs401() {
        String forged = ADMIN.substring(0, ADMIN.lastIndexOf('.') + 1) + "c2lnbmF0dXJl";
        given().auth().oauth2(forged).when().get("/api/admin/outbox")
                .then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void theWrongRoleIs403ProblemJsonAndWritesNothing() {
        for (String token : new String[] {DevTokens.forRole("agent"), DevTokens.tenant("acme"), DevTokens.forRole("service")}) {
            given().auth().oauth2(token).contentType(ContentType.JSON).body("{\"to\":\"ops@example.org\"}")
                    .when().post("/api/admin/outbox/test-email")
                    .then().statusCode(403).contentType("application/problem+json").body("status", equalTo(403));
        }
        assertEquals(0, OutboxMessage.count());
    }

    @Test
    void anInvalidBodyIs400ListingTheFieldsAndWritesNothing() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"to\":\"not an address\",\"subject\":\"" + "x".repeat(201) + "\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json")
                .body("errors.field", hasItem("to")).body("errors.field", hasItem("subject"))
                .body("detail", containsString("to:"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        assertEquals(0, OutboxMessage.count());
    }

    @Test
    void malformedOrMistypedJsonIs400ProblemJson() {
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"to\": ")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON).body("{\"to\": [\"a@example.org\"]}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("to"));
        given().auth().oauth2(ADMIN).contentType(ContentType.JSON)
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, OutboxMessage.count());
    }

    @Test
    void badParametersAndUnknownIdsAreProblemJson() {
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?status=LOST")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("status"));
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?size=0")
                .then().statusCode(400).contentType("application/problem+json").body("errors[0].field", equalTo("size"));
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox/999999")
                .then().statusCode(404).contentType("application/problem+json").body("detail", containsString("999999"));
        given().auth().oauth2(ADMIN).contentType(ContentType.TEXT).body("to=ops@example.org")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(ADMIN).when().delete("/api/admin/outbox/1")
                .then().statusCode(405).contentType("application/problem+json").body("status", equalTo(405));
        given().auth().oauth2(ADMIN).when().get("/api/no-such-route")
                .then().statusCode(404).contentType("application/problem+json").body("instance", endsWith("/api/no-such-route"));
    }
}
