package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/** Robots' mail (RFC 3834: auto-replies, bounces, our own addresses, bulk) opens, sends and pages nothing, and waits in the suspended view. */
@QuarkusTest
class SuspendedMailTest {

    static final String AGENT = DevTokens.forRole("agent");
    static final String ADA = "Ada Lovelace <ada@tenant.example>";

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;

    @BeforeEach
    void empty() {
        fixtures.reset();
        clock.set(Instant.parse("2026-11-30T10:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private long count(String table) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from " + table)
                .getSingleResult()).longValue());
    }

    /** tickets, comments, outbox emails, outbox calls, suspended emails */
    private List<Long> counts() {
        return List.of(count("ticket"), count("ticket_comment"), count("outbox_message"), count("outbox_call"), count("suspended_mail"));
    }

    private static final String DSN = """
            --dsn
            Content-Type: text/plain; charset=UTF-8

            Your message could not be delivered.
            --dsn
            Content-Type: message/delivery-status

            Final-Recipient: rfc822; nobody@tenant.example
            Action: failed
            --dsn--
            """;

    static List<Arguments> robots() {
        return List.of(
                Arguments.of(Emails.from(ADA).header("Auto-Submitted", "auto-replied"), "Auto-Submitted: auto-replied"),
                Arguments.of(Emails.from(ADA).header("Auto-Submitted", "Auto-Generated; owner-email=\"x@tenant.example\""),
                        "Auto-Submitted: auto-generated"),
                Arguments.of(Emails.from("Mail Delivery System <MAILER-DAEMON@mx.tenant.example>"), "a bounce: from mailer-daemon@mx.tenant.example"),
                Arguments.of(Emails.from("postmaster@tenant.example"), "a bounce: from postmaster@tenant.example"),
                Arguments.of(Emails.from(ADA).header("Sender", "Postmaster <postmaster@mx.tenant.example>"), "a bounce: Sender postmaster@mx.tenant.example"),
                Arguments.of(Emails.from(ADA).header("Return-Path", "<>"), "a bounce: empty Return-Path <>"),
                Arguments.of(Emails.from(ADA).header("Return-Path", "<MAILER-DAEMON@mx.tenant.example>"),
                        "a bounce: Return-Path mailer-daemon@mx.tenant.example"),
                Arguments.of(Emails.from(ADA).body("multipart/report; report-type=delivery-status; boundary=\"dsn\"", DSN),
                        "a bounce: multipart/report; report-type=delivery-status"),
                Arguments.of(Emails.from(ADA).header("X-Failed-Recipients", "nobody@tenant.example"), "a bounce: X-Failed-Recipients"),
                Arguments.of(Emails.from("Support <Support@Localhost>"), "from our own address support@localhost"),
                Arguments.of(Emails.from("support-triage@localhost"), "from our own address support-triage@localhost"),
                Arguments.of(Emails.from("emergency@support.example"), "from our own address emergency@support.example"),
                Arguments.of(Emails.from(ADA).header("Precedence", "bulk"), "Precedence: bulk"),
                Arguments.of(Emails.from(ADA).header("Precedence", "Junk"), "Precedence: junk"),
                Arguments.of(Emails.from(ADA).header("Precedence", "list"), "Precedence: list"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("robots")
    void aRobotsEmailIsSuspendedWithItsReasonAndOpensOrQueuesNothing(Emails email, String reason) {
        if (!email.raw().contains("multipart/report")) {
            email.text("I am out of the office until Monday.");
        }
        long id = email.subject("[PaaS Support] Out of office").messageId("<robot@tenant.example>").post().statusCode(200)
                .body("action", equalTo("SUSPENDED")).body("reason", equalTo(reason)).body("ticketId", nullValue())
                .body("emergency", equalTo(false)).extract().jsonPath().getLong("suspendedId");
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L), counts(), "no ticket, comment, email or call; one suspended email");
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended/" + id).then().statusCode(200).body("reason", equalTo(reason))
                .body("messageId", equalTo("<robot@tenant.example>")).body("subject", equalTo("[PaaS Support] Out of office"))
                .body("raw", containsString("Message-ID: <robot@tenant.example>")).body("rawTruncated", equalTo(false));
    }

    @Test
    void autoSubmittedNoAndAListIdAloneAreAPersonsMail() {
        Emails.from(ADA).header("Auto-Submitted", "no").subject("[PaaS Support] Quotas").messageId("<person-1@tenant.example>").text("More please.")
                .post().statusCode(201).body("action", equalTo("CREATED"));
        Emails.from(ADA).header("List-Id", "Team <team.tenant.example>").header("List-Unsubscribe", "<mailto:leave@tenant.example>")
                .subject("[PaaS Support] Logs").messageId("<person-2@tenant.example>").text("Where are they?")
                .post().statusCode(201).body("action", equalTo("CREATED"));
        assertEquals(List.of(2L, 0L, 2L, 0L, 0L), counts(), "two tickets, each acknowledged");
    }

    @Test
    void anEmergencyTaggedAutoReplyToTheEmergencyAddressPagesNobodyAndLeavesItsTicketAlone() {
        long id = Emails.from(ADA).subject("[PaaS Support] Slow").messageId("<slow@tenant.example>").text("Slow.").post().statusCode(201)
                .extract().jsonPath().getLong("ticketId");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("status", "SOLVED", "reason", "Fixed")).when()
                .post("/api/tickets/" + id + "/status").then().statusCode(200);
        long emails = count("outbox_message");
        Emails.from(ADA).header("Auto-Submitted", "auto-replied").header("To", "emergency@support.example")
                .subject("Automatic reply: Re: [#" + id + " SOLVED] Slow [PaaS Emergency Support]").messageId("<ooo@tenant.example>")
                .header("In-Reply-To", "<slow@tenant.example>").text("I am away.").post().statusCode(200)
                .body("action", equalTo("SUSPENDED")).body("emergency", equalTo(false));
        assertEquals(0, count("outbox_call"), "no incident, no page");
        assertEquals(emails, count("outbox_message"), "no email");
        assertEquals(0, count("ticket_comment"));
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status, "an auto-reply does not reopen the ticket");
        assertEquals(1, count("ticket"));
    }

    @Test
    void aSuspendedEmailPostedTwiceIsStoredOnce() {
        Emails bounce = Emails.from("MAILER-DAEMON@mx.example").subject("Undeliverable").messageId("<bounce@mx.example>").text("Failed.");
        long first = bounce.post().statusCode(200).body("action", equalTo("SUSPENDED")).extract().jsonPath().getLong("suspendedId");
        bounce.post().statusCode(200).header("Idempotent-Replayed", "true").body("action", equalTo("SUSPENDED"))
                .body("suspendedId", equalTo((int) first));
        // without a Message-ID, the same bytes are the same email
        String raw = Emails.from("postmaster@mx.example").subject("Undeliverable").text("Failed again.").raw();
        Emails.post(raw).statusCode(200).body("action", equalTo("SUSPENDED"));
        Emails.post(raw).statusCode(200).header("Idempotent-Replayed", "true");
        assertEquals(2, count("suspended_mail"));
    }

    @Test
    void theSuspendedViewListsNewestFirstForAgentsAndAdminsOnly() {
        for (int i = 0; i < 3; i++) {
            clock.set(Instant.parse("2026-11-30T10:00:00Z").plusSeconds(60L * i));
            Emails.from(ADA).header("Precedence", "bulk").subject("Newsletter " + i).messageId("<news-" + i + "@tenant.example>").text("News.")
                    .post().statusCode(200).body("action", equalTo("SUSPENDED"));
        }
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended?page=0&size=2").then().statusCode(200)
                .body("total", equalTo(3)).body("page", equalTo(0)).body("size", equalTo(2))
                .body("items.subject", equalTo(List.of("Newsletter 2", "Newsletter 1")))
                .body("items[0].reason", equalTo("Precedence: bulk")).body("items[0].from", equalTo("ada@tenant.example"))
                .body("items[0].receivedAt", equalTo("2026-11-30T10:02:00Z")).body("items[0].raw", nullValue());
        given().auth().oauth2(DevTokens.forRole("admin")).when().get("/api/intake/suspended?page=1&size=2").then().statusCode(200)
                .body("items.subject", equalTo(List.of("Newsletter 0")));
        given().auth().oauth2(DevTokens.tenant("acme")).when().get("/api/intake/suspended").then().statusCode(403);
        given().auth().oauth2(DevTokens.forRole("service")).when().get("/api/intake/suspended").then().statusCode(403);
        given().when().get("/api/intake/suspended").then().statusCode(401);
        long id = given().auth().oauth2(AGENT).when().get("/api/intake/suspended").then().extract().jsonPath().getLong("items[0].id");
        given().auth().oauth2(DevTokens.tenant("acme")).when().get("/api/intake/suspended/" + id).then().statusCode(403);
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended/999999").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended?size=0").then().statusCode(400);
    }

    @Test
    void aLongRawMessageIsKeptCappedAndSaysSo() {
        long id = Emails.from(ADA).header("Auto-Submitted", "auto-generated").subject("Report").messageId("<big@tenant.example>")
                .text("x".repeat(90_000)).post().statusCode(200).extract().jsonPath().getLong("suspendedId");
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended/" + id).then().statusCode(200).body("rawTruncated", equalTo(true))
                .body("raw.length()", equalTo(InboundEmail.RAW_KEPT));
    }
    @Test
    void anAgentReleasesASuspendedPersonsEmailOnceAndItIsProcessedAsOrdinaryMail() {
        long ticket = Emails.from(ADA).subject("[PaaS Support] Quotas").messageId("<q1@tenant.example>").text("More memory.").post()
                .statusCode(201).extract().jsonPath().getLong("ticketId");
        // a person's reply their mail client marked as bulk
        long id = Emails.from(ADA).header("Precedence", "bulk").subject("Re: [#" + ticket + " NEW] Quotas").messageId("<q2@tenant.example>")
                .header("In-Reply-To", "<q1@tenant.example>").text("Any news?").post().statusCode(200).body("action", equalTo("SUSPENDED"))
                .extract().jsonPath().getLong("suspendedId");
        assertEquals(0, count("ticket_comment"));
        given().auth().oauth2(DevTokens.tenant("acme")).when().post("/api/intake/suspended/" + id + "/release").then().statusCode(403);
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + id + "/release").then().statusCode(200)
                .body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) ticket));
        assertEquals(1, count("ticket_comment"), "threaded as the person's comment");
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + id + "/release").then().statusCode(409)
                .contentType("application/problem+json");
        assertEquals(1, count("ticket_comment"), "released once");
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended/" + id).then().statusCode(200)
                .body("releasedBy", equalTo("dev-agent@support.local")).body("ticketId", equalTo((int) ticket))
                .body("releasedAt", equalTo("2026-11-30T10:00:00Z"));
        // the gateway posting it again now finds the comment it became
        Emails.from(ADA).header("Precedence", "bulk").subject("Re: [#" + ticket + " NEW] Quotas").messageId("<q2@tenant.example>")
                .text("Any news?").post().statusCode(200).body("action", equalTo("DUPLICATE"));
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/999999/release").then().statusCode(404);
    }

    @Test
    void anAgentDiscardsARobotsEmailOnceItLeavesTheWaitingListAndCanNoLongerBeReleased() {
        long bounce = Emails.from("mailer-daemon@tenant.example").subject("Undelivered Mail Returned to Sender").messageId("<b1@tenant.example>")
                .text("550 no such user").post().statusCode(200).body("action", equalTo("SUSPENDED")).extract().jsonPath().getLong("suspendedId");
        long away = Emails.from(ADA).header("Auto-Submitted", "auto-replied").subject("Out of office").messageId("<away@tenant.example>")
                .text("Back Monday").post().statusCode(200).extract().jsonPath().getLong("suspendedId");
        given().auth().oauth2(DevTokens.tenant("acme")).when().post("/api/intake/suspended/" + bounce + "/discard").then().statusCode(403);
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + bounce + "/discard").then().statusCode(200)
                .body("state", equalTo("DISCARDED")).body("discardedBy", equalTo("dev-agent@support.local"))
                .body("discardedAt", equalTo("2026-11-30T10:00:00Z"));
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + bounce + "/discard").then().statusCode(409)
                .body("detail", org.hamcrest.Matchers.containsString("was discarded by dev-agent@support.local"));
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + bounce + "/release").then().statusCode(409);
        assertEquals(List.of(0L, 0L, 0L, 0L, 2L), counts(), "a discard opens and sends nothing, and keeps the email");
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended?state=waiting").then().statusCode(200)
                .body("items.id", equalTo(List.of((int) away))).body("items[0].state", equalTo("WAITING"));
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended?state=discarded").then().body("items.id", equalTo(List.of((int) bounce)));
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended").then().body("total", equalTo(2));
        given().auth().oauth2(AGENT).when().get("/api/intake/suspended?state=nonsense").then().statusCode(400)
                .contentType("application/problem+json");
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/999999/discard").then().statusCode(404);
    }

    @Test
    void aReleasedNewEmailWithoutAMessageIdOpensATicketAndAnAcknowledgement() {
        String raw = Emails.from("bob@unlisted.example").header("Auto-Submitted", "auto-generated").subject("[PaaS Support] Real question")
                .text("How do I rotate keys?").raw();
        long id = Emails.post(raw).statusCode(200).extract().jsonPath().getLong("suspendedId");
        assertEquals(List.of(0L, 0L, 0L, 0L, 1L), counts());
        long ticket = given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + id + "/release").then().statusCode(200)
                .body("action", equalTo("CREATED")).extract().jsonPath().getLong("ticketId");
        assertEquals("sender:bob@unlisted.example", fixtures.stored(ticket).organisation);
        assertEquals(1, count("outbox_message"), "acknowledged once released");
        Emails.post(raw).statusCode(200).body("action", equalTo("DUPLICATE")).body("ticketId", equalTo((int) ticket));
    }

    @Test
    void aTruncatedSuspendedEmailCannotBeReleased() {
        long id = Emails.from(ADA).header("Auto-Submitted", "auto-generated").subject("Report").messageId("<big2@tenant.example>")
                .text("x".repeat(90_000)).post().statusCode(200).extract().jsonPath().getLong("suspendedId");
        given().auth().oauth2(AGENT).when().post("/api/intake/suspended/" + id + "/release").then().statusCode(409)
                .body("detail", containsString("forward the original"));
        assertEquals(0, count("ticket"));
    }
}
