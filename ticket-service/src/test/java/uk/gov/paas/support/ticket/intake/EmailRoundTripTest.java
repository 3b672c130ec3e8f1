package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;

/**
 * End to end through the real SMTP server (GreenMail): a tenant's email opens a ticket, the acknowledgement and an
 * agent's public reply arrive as real emails, and the tenant's mail client's answer to the RECEIVED reply (its
 * Message-ID as In-Reply-To and References, "Re: " and its subject) lands on the same ticket.
 */
@QuarkusTest
class EmailRoundTripTest {

    static final String AGENT = DevTokens.forRole("agent");

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;

    @BeforeEach
    void empty() {
        fixtures.reset();
        ServiceStubs.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void aTenantsAnswerToTheEmailedReplyLandsOnTheSameTicket() throws Exception {
        long id = Emails.from("Ada Lovelace <ada@tenant.example>").subject("[PaaS Support] Cannot bind my database").messageId("<start@tenant.example>")
                .text("The service binding times out.").post().statusCode(201).extract().jsonPath().getLong("ticketId");

        MimeMessage[] received = fixtures.deliver();
        assertEquals(1, received.length, "the acknowledgement");
        assertEquals("[#" + id + " NEW] Cannot bind my database", received[0].getSubject());
        assertEquals("ada@tenant.example", received[0].getAllRecipients()[0].toString());
        assertEquals("<start@tenant.example>", received[0].getHeader("In-Reply-To")[0], "it replies to the tenant's email");

        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("body", "Please try binding again now.", "isPublic", true))
                .when().post("/api/tickets/" + id + "/comments").then().statusCode(201);
        received = fixtures.deliver();
        assertEquals(2, received.length);
        MimeMessage reply = Arrays.stream(received).filter(m -> text(m).contains("Please try binding again now.")).findFirst().orElseThrow();
        String replyId = reply.getMessageID();
        assertNotNull(replyId);

        // what the tenant's mail client sends back: built from the email as received, not from anything the service stored
        MimeMessage answer = new MimeMessage(Session.getInstance(new Properties()));
        answer.setFrom(new InternetAddress("ada@tenant.example", "Ada Lovelace"));
        answer.setRecipients(Message.RecipientType.TO, reply.getFrom());
        answer.setSubject("Re: " + reply.getSubject());
        answer.setHeader("In-Reply-To", replyId);
        answer.setHeader("References", "<start@tenant.example> " + replyId);
        answer.setSentDate(new Date());
        answer.setText("That worked, but the app still cannot connect.\n\nOn Monday Support wrote:\n> Please try binding again now.", "UTF-8");
        answer.saveChanges();
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        answer.writeTo(raw);

        given().auth().oauth2(Emails.SERVICE).contentType("message/rfc822").body(raw.toByteArray()).when().post("/api/intake/email").then()
                .statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Ticket.count()), "no new ticket");
        List<String> bodies = given().auth().oauth2(AGENT).when().get("/api/tickets/" + id + "/comments").then().statusCode(200)
                .extract().jsonPath().getList("body");
        assertEquals(2, bodies.size());
        assertTrue(bodies.get(1).startsWith("That worked, but the app still cannot connect."), bodies.get(1));
        given().auth().oauth2(AGENT).when().get("/api/tickets/" + id).then().body("comments[1].authorKind", equalTo("TENANT"))
                .body("comments[1].channel", equalTo("EMAIL"));
    }

    private static String text(MimeMessage message) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            message.writeTo(out);
            return out.toString(java.nio.charset.StandardCharsets.UTF_8);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
