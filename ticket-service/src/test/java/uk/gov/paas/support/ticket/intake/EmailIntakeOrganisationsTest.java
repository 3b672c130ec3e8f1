package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.TicketApi;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/** Who a sender is: organisations come from configuration only; a public or unconfigured domain's sender is only their own requester. */
@QuarkusTest
class EmailIntakeOrganisationsTest {

    static final String AGENT = DevTokens.forRole("agent");

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

    private long comments() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from ticket_comment")
                .getSingleResult()).longValue());
    }

    private static long created(Emails email) {
        return email.post().statusCode(201).body("action", equalTo("CREATED")).extract().jsonPath().getLong("ticketId");
    }

    @Test
    void twoGmailSendersNeverShareATicketByTokenOrInReplyTo() {
        long a = created(Emails.from("Ann <ann@gmail.com>").subject("[PaaS Support] Our secrets").messageId("<a1@gmail.com>").text("Rotate."));
        assertEquals("sender:ann@gmail.com", fixtures.stored(a).organisation);
        long b = created(Emails.from("bob@gmail.com").subject("Re: [#" + a + " NEW] Our secrets").messageId("<b1@gmail.com>")
                .header("In-Reply-To", "<a1@gmail.com>").header("References", "<a1@gmail.com>").text("Show me."));
        assertNotEquals(a, b, "B's reply quoting A's ticket opens B's own");
        assertEquals("sender:bob@gmail.com", fixtures.stored(b).organisation);
        assertEquals(0, comments(), "nothing written on A's ticket");
        // A still threads onto A's own ticket
        Emails.from("ann@gmail.com").subject("Re: [#" + a + " NEW] Our secrets").messageId("<a2@gmail.com>").text("More.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) a));
    }

    @Test
    void anotherGmailSenderCannotReopenASolvedTicketButItsRequesterCan() {
        long a = created(Emails.from("ann@gmail.com").subject("[PaaS Support] Slow").messageId("<s1@gmail.com>").text("Slow."));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("status", "SOLVED", "reason", "Fixed")).when()
                .post("/api/tickets/" + a + "/status").then().statusCode(200);
        Emails.from("bob@gmail.com").subject("Re: [#" + a + " SOLVED] Slow").messageId("<s2@gmail.com>").header("In-Reply-To", "<s1@gmail.com>")
                .text("Still slow for me.").post().statusCode(201).body("action", equalTo("CREATED"));
        assertEquals(TicketStatus.SOLVED, fixtures.stored(a).status, "B does not reopen A's ticket");
        Emails.from("ann@gmail.com").subject("Re: [#" + a + " SOLVED] Slow").messageId("<s3@gmail.com>").header("In-Reply-To", "<s1@gmail.com>")
                .text("It is slow again.").post().statusCode(201).body("action", equalTo("COMMENTED"));
        assertEquals(TicketStatus.OPEN, fixtures.stored(a).status, "A's own reply does");
    }

    @Test
    void noTenantTokenSeesAPerSenderTicketNotEvenOneClaimingItsValue() {
        long a = created(Emails.from("ann@gmail.com").subject("[PaaS Support] Private").messageId("<p1@gmail.com>").text("Mine."));
        String gmail = DevTokens.mint("tenant", "gmail.com", "bob@gmail.com", Duration.ofHours(1));
        given().auth().oauth2(gmail).when().get("/api/tickets/" + a).then().statusCode(404);
        given().auth().oauth2(gmail).when().get("/api/tickets").then().statusCode(200).body("total", equalTo(0));
        // a claim in the per-sender form is no organisation at all: refused, never "every organisation"
        String claiming = DevTokens.mint("tenant", "sender:ann@gmail.com", "bob@gmail.com", Duration.ofHours(1));
        given().auth().oauth2(claiming).when().get("/api/tickets/" + a).then().statusCode(403).contentType("application/problem+json");
        given().auth().oauth2(claiming).when().get("/api/tickets").then().statusCode(403);
    }

    @Test
    void aConfiguredDomainStillGroupsItsPeopleAndItsSubdomains() {
        long id = created(Emails.from("ada@tenant.example").subject("[PaaS Support] Logs").messageId("<g1@tenant.example>").text("Where?"));
        assertEquals("acme", fixtures.stored(id).organisation);
        Emails.from("carol@ops.tenant.example").subject("Re: [#" + id + " NEW] Logs").messageId("<g2@tenant.example>").text("Me too.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        given().auth().oauth2(TicketApi.TENANT).when().get("/api/tickets/" + id).then().statusCode(200);
    }

    @Test
    void anAddressMappingWinsAndPlacesAGmailUserInTheirOrganisation() {
        long id = created(Emails.from("ada@tenant.example").subject("[PaaS Support] Quota").messageId("<m1@tenant.example>").text("More."));
        // %test.support.intake.organisation-addresses."Jo.Acme@Gmail.com"=acme
        Emails.from("jo.acme@gmail.com").subject("Re: [#" + id + " NEW] Quota").messageId("<m2@gmail.com>").text("Yes please.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        long own = created(Emails.from("JO.ACME@gmail.com").subject("[PaaS Support] Another").messageId("<m3@gmail.com>").text("New."));
        assertEquals("acme", fixtures.stored(own).organisation);
    }

    @Test
    void anUnconfiguredCompanyDomainIsPerSender() {
        long x = created(Emails.from("xan@company.example").subject("[PaaS Support] Ours").messageId("<c1@company.example>").text("Help."));
        assertEquals("sender:xan@company.example", fixtures.stored(x).organisation);
        long y = created(Emails.from("yan@company.example").subject("Re: [#" + x + " NEW] Ours").messageId("<c2@company.example>")
                .header("In-Reply-To", "<c1@company.example>").text("And me."));
        assertNotEquals(x, y);
        assertEquals("sender:yan@company.example", fixtures.stored(y).organisation);
    }

    @Test
    void aTenantRaisingATicketIsItsRequesterAndCannotNameSomeoneInAnotherOrganisation() {
        // TicketApi.TENANT: jo@acme.example in acme
        long own = TicketApi.as(TicketApi.TENANT).body(Map.of("subject", "Mine")).when().post("/api/tickets").then().statusCode(201)
                .extract().jsonPath().getLong("id");
        assertEquals("jo@acme.example", fixtures.stored(own).requesterEmail);
        for (String stranger : new String[] {"sam@globex.example", "ann@gmail.com", "xan@company.example"}) {
            TicketApi.as(TicketApi.TENANT).body(Map.of("subject", "Theirs", "requesterEmail", stranger)).when().post("/api/tickets").then()
                    .statusCode(400).contentType("application/problem+json");
        }
        long colleague = TicketApi.as(TicketApi.TENANT).body(Map.of("subject", "A colleague's", "requesterEmail", "ann@acme.example")).when()
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        assertEquals("ann@acme.example", fixtures.stored(colleague).requesterEmail, "someone configured into the tenant's organisation");
        assertEquals("acme", fixtures.stored(colleague).organisation);
        long count = QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from ticket")
                .getSingleResult()).longValue());
        assertEquals(2, count, "the refused requests stored nothing");
    }
}
