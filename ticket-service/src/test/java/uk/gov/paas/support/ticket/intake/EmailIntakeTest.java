package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
import io.restassured.response.ValidatableResponse;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketMessage;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.service.EmergencyCalls;

/**
 * POST /api/intake/email: parsing, subjects, the emergency path, idempotency and threading, against the real database;
 * and with {@code Prefer: respond-async}, as a gateway taking a burst sends it: a readable email is stored and answered 202
 * before anything else happens, then processed exactly as the synchronous intake would have.
 */
@QuarkusTest
class EmailIntakeTest {

    static final String AGENT = DevTokens.forRole("agent");
    static final String ADA = "Ada Lovelace <ada@tenant.example>";

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;
    @Inject
    uk.gov.paas.support.kernel.outbox.Inbox inbox;

    @BeforeEach
    void empty() {
        fixtures.reset();
        ServiceStubs.reset();
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

    private List<Long> counts() {
        List<Long> counts = new ArrayList<>();
        for (String table : List.of("ticket", "ticket_comment", "ticket_message", "ticket_event", "outbox_message", "outbox_call")) {
            counts.add(count(table));
        }
        return counts;
    }

    private long created(Emails email) {
        return email.post().statusCode(201).body("action", equalTo("CREATED")).extract().jsonPath().getLong("ticketId");
    }

    private List<OutboxCall> calls() {
        return QuarkusTransaction.requiringNew().call(() -> OutboxCall.<OutboxCall>list("order by id"));
    }

    private String outgoingMessageId(long ticketId) {
        return QuarkusTransaction.requiringNew().call(() -> TicketMessage.<TicketMessage>find("ticketId = ?1 and direction = 'OUT'", ticketId)
                .firstResult().messageId);
    }

    // --- parsing

    @Test
    void aPlainEmailOpensAnUntriagedEmailTicketForTheSendersOrganisationAndAcknowledgesIt() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Cannot push my app").messageId("<first@tenant.example>")
                .text("cf push fails with a 502.\nWhat should I try?"));
        Ticket ticket = fixtures.stored(id);
        assertEquals("Cannot push my app", ticket.subject, "the tag is not part of the subject");
        assertEquals(Channel.EMAIL, ticket.channel);
        assertEquals(TicketStatus.NEW, ticket.status);
        assertNull(ticket.priority);
        assertEquals("acme", ticket.organisation, "support.intake.organisations.\"tenant.example\"");
        assertEquals("ada@tenant.example", ticket.requesterEmail);
        assertEquals("Ada Lovelace", ticket.requesterName);
        assertEquals("cf push fails with a 502.\nWhat should I try?", ticket.description);
        assertEquals("<first@tenant.example>", ticket.threadRoot, "outgoing emails reply to the tenant's first message");
        assertTrue(ticket.tags.isEmpty());
        assertEquals(List.of("ada@tenant.example | [#" + id + " NEW] Cannot push my app"), fixtures.queued(), "the received email is queued");
        assertEquals(0, count("outbox_call"), "an ordinary ticket calls nobody");
    }

    @Test
    void anUntaggedSubjectAlsoOpensAnOrdinaryTicketAndAnUnlistedDomainsSenderIsOnlyTheirOwnRequester() {
        long plain = created(Emails.from("Bob@Unlisted.example").subject("Help with quotas").messageId("<q@unlisted.example>").text("Please."));
        assertEquals("Help with quotas", fixtures.stored(plain).subject);
        assertEquals("sender:bob@unlisted.example", fixtures.stored(plain).organisation, "an unconfigured domain is no organisation");
        long sub = created(Emails.from("carol@ops.tenant.example").subject("Re: [paas support] Logs").messageId("<l@ops>").text("Where are they?"));
        assertEquals("acme", fixtures.stored(sub).organisation, "a subdomain uses its parent's entry");
        assertEquals("Logs", fixtures.stored(sub).subject, "the tag is recognised after Re: and in any case");
        long noSubject = created(Emails.from(ADA).messageId("<ns@tenant.example>").text("\n\nOur database is slow since noon.\nDetails follow."));
        assertEquals("Our database is slow since noon.", fixtures.stored(noSubject).subject, "no subject: the first line of the body");
    }

    @Test
    void multipartAlternativePrefersThePlainTextPart() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Both").messageId("<alt@tenant.example>").body("multipart/alternative; boundary=\"alt\"", """
                --alt
                Content-Type: text/plain; charset=UTF-8

                The plain words.
                --alt
                Content-Type: text/html; charset=UTF-8

                <p>The <b>HTML</b> words.</p>
                --alt--
                """));
        assertEquals("The plain words.", fixtures.stored(id).description);
    }

    @Test
    void anHtmlOnlyEmailIsReadAsTextWithoutItsTags() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] HTML").messageId("<html@tenant.example>").body("multipart/alternative; boundary=\"a\"", """
                --a
                Content-Type: text/html; charset=UTF-8
                Content-Transfer-Encoding: quoted-printable

                <html><head><style>p {color: red}</style></head><body><p>Hello&nbsp;team,</p><p>Apps &amp; routes =
                are down<br>since 09:00</p></body></html>
                --a--
                """));
        assertEquals("Hello team,\n\nApps & routes are down\nsince 09:00", fixtures.stored(id).description);
    }

    @Test
    void multipartMixedListsEachAttachmentByNameTypeAndDecodedSizeOnTheTicketAndOnAReplyComment() {
        byte[] pdf = "%PDF-1.4 eleven".getBytes(StandardCharsets.US_ASCII);
        String mixed = """
                --mixed
                Content-Type: multipart/alternative; boundary="inner"

                --inner
                Content-Type: text/plain; charset=UTF-8

                The log and a screenshot are attached.
                --inner
                Content-Type: text/html; charset=UTF-8

                <p>The log and a screenshot are attached.</p>
                --inner--
                --mixed
                Content-Type: application/pdf; name="report.pdf"
                Content-Disposition: attachment; filename="report.pdf"
                Content-Transfer-Encoding: base64

                %s
                --mixed
                Content-Type: text/plain; charset=UTF-8
                Content-Disposition: attachment; filename="cf-logs.txt"

                line one
                --mixed--
                """.formatted(Base64.getEncoder().encodeToString(pdf));
        long id = created(Emails.from(ADA).subject("[PaaS Support] With files").messageId("<mixed@tenant.example>")
                .body("multipart/mixed; boundary=\"mixed\"", mixed));
        assertEquals("The log and a screenshot are attached.\n\nAttachments: report.pdf (application/pdf, " + pdf.length + " bytes), "
                + "cf-logs.txt (text/plain, 8 bytes)", fixtures.stored(id).description, "a text attachment is listed, never read as the body");

        Emails.from(ADA).subject("Re: [#" + id + " NEW] With files").messageId("<mixed-reply@tenant.example>")
                .header("In-Reply-To", "<mixed@tenant.example>").body("multipart/mixed; boundary=\"mixed\"", mixed)
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        given().auth().oauth2(AGENT).when().get("/api/tickets/" + id + "/comments").then().statusCode(200)
                .body("[0].body", equalTo("The log and a screenshot are attached."))
                .body("[0].channel", equalTo("EMAIL"))
                .body("[0].attachments.name", equalTo(List.of("report.pdf", "cf-logs.txt")))
                .body("[0].attachments.type", equalTo(List.of("application/pdf", "text/plain")))
                .body("[0].attachments.size", equalTo(List.of(pdf.length, 8)));
    }

    static List<Arguments> malformed() {
        return List.of(
                Arguments.of("an empty request", ""),
                Arguments.of("no headers at all", "this is not an email at all\r\n"),
                Arguments.of("no From", "Subject: [PaaS Support] Who am I\r\nMessage-ID: <x1@x>\r\n\r\nHello"),
                Arguments.of("a From that is not an address", "From: not an address\r\nSubject: [PaaS Support] Hi\r\n\r\nHello"),
                Arguments.of("a From without a domain", "From: someone@\r\nSubject: [PaaS Support] Hi\r\n\r\nHello"),
                Arguments.of("neither subject nor body", "From: ada@tenant.example\r\nMessage-ID: <x2@x>\r\n\r\n   \r\n"),
                Arguments.of("a body over the cap", "From: ada@tenant.example\r\nSubject: [PaaS Support] Big\r\n\r\n" + "x".repeat(100_001)),
                Arguments.of("a multipart without its boundaries", "From: ada@tenant.example\r\nSubject: [PaaS Support] Broken\r\n"
                        + "Content-Type: multipart/mixed; boundary=\"nowhere\"\r\n\r\nno boundary line here\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void malformedMailIsA400ProblemAndStoresNothing(String why, String raw) {
        Emails.post(raw).statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
        assertEquals(List.of(0L, 0L, 0L, 0L, 0L, 0L), counts(), why + ": nothing stored");
    }

    @Test
    void oddButReadableMailIsAcceptedWithinTheColumnsNeverA500() {
        long id = created(Emails.from("\"" + "N".repeat(400) + "\" <long@tenant.example>").subject("[PaaS Support] " + "S".repeat(500))
                .messageId("<odd@tenant.example>").text("Nul\u0000byte and a very long line " + "w".repeat(5000)));
        Ticket ticket = fixtures.stored(id);
        assertEquals(200, ticket.requesterName.length());
        assertEquals(300, ticket.subject.length());
        assertTrue(ticket.description.startsWith("Nulbyte"), ticket.description.substring(0, 20));
    }

    @Test
    void onlyTheMailGatewaysServiceRoleMayPostEmail() {
        byte[] raw = Emails.from(ADA).subject("[PaaS Support] Hi").text("Hello").raw().getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(AGENT).contentType("message/rfc822").body(raw).when().post("/api/intake/email").then().statusCode(403);
        given().contentType("message/rfc822").body(raw).when().post("/api/intake/email").then().statusCode(401);
        given().auth().oauth2(DevTokens.tenant("acme")).contentType("message/rfc822").body(raw).when().post("/api/intake/email").then().statusCode(403);
        given().auth().oauth2(Emails.SERVICE).contentType("application/octet-stream").body(raw).when().post("/api/intake/email").then().statusCode(201);
        assertEquals(1, count("ticket"));
    }

    // --- the emergency path

    @Test
    void theEmergencyTagOpensAP1OutOfHoursTicketAndQueuesExactlyAnIncidentAndAPage() {
        long id = created(Emails.from(ADA).subject("[PaaS Emergency Support] Production is down").messageId("<sos@tenant.example>")
                .text("Every app returns 503."));
        Ticket ticket = fixtures.stored(id);
        assertEquals(Severity.P1, ticket.priority);
        assertTrue(ticket.tags.contains("paas_outofhours"), ticket.tags.toString());
        assertEquals("Production is down", ticket.subject);
        assertEquals(List.of("ada@tenant.example | [#" + id + " NEW] Production is down"), fixtures.queued());

        List<OutboxCall> calls = calls();
        assertEquals(2, calls.size(), "exactly two calls");
        OutboxCall declare = calls.stream().filter(c -> c.target.equals("incident-service")).findFirst().orElseThrow();
        String emailKey = EmergencyCalls.emailKey("<sos@tenant.example>");
        assertTrue(emailKey.matches("[0-9a-f]{16}"), emailKey);
        assertEquals("ticket-" + id + "/declare-incident/" + emailKey, declare.idempotencyKey, "the key names the ticket and the email");
        assertEquals("declare", declare.operation);
        assertTrue(declare.payload.contains("\"severity\":\"P1\""), declare.payload);
        assertTrue(declare.payload.contains("\"sourceKind\":\"TICKET\""), declare.payload);
        assertTrue(declare.payload.contains("\"sourceRef\":\"ticket-" + id + "\""), declare.payload);
        assertTrue(declare.payload.contains("Every app returns 503."), declare.payload);
        OutboxCall page = calls.stream().filter(c -> c.target.equals("escalation-service")).findFirst().orElseThrow();
        assertEquals("ticket-" + id + "/page/" + emailKey, page.idempotencyKey);
        assertEquals("page", page.operation);
        assertTrue(page.payload.contains("\"dedupKey\":\"ticket-" + id + "-emergency\""), page.payload);
        assertTrue(page.payload.contains("\"source\":\"ticket-service\""), page.payload);
        assertTrue(page.payload.contains("/console/tickets/" + id + "\""), "the page links the ticket's console page: " + page.payload);
    }

    @Test
    void theSameEmailPostedTwiceMakesOneTicketAndOneIncidentCall() {
        Emails sos = Emails.from(ADA).subject("[PaaS Emergency Support] Down").messageId("<twice@tenant.example>").text("Help");
        long id = created(sos);
        sos.post().statusCode(200).body("action", equalTo("DUPLICATE")).body("ticketId", equalTo((int) id));
        assertEquals(1, count("ticket"));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", "incident-service")));
        assertEquals(1, count("outbox_message"), "one acknowledgement");

        // without a Message-ID the same bytes are the same email
        String raw = Emails.from("bob@unlisted.example").subject("[PaaS Support] No id").text("Hello").raw();
        long second = Emails.post(raw).statusCode(201).extract().jsonPath().getLong("ticketId");
        Emails.post(raw).statusCode(200).body("action", equalTo("DUPLICATE")).body("ticketId", equalTo((int) second));
        assertNull(fixtures.stored(second).threadRoot, "no Message-ID: nothing to thread on");
        assertEquals(2, count("ticket"));
    }

    @Test
    void fourPostsOfOneEmailAtOnceStillMakeOneTicket() throws Exception {
        String raw = Emails.from(ADA).subject("[PaaS Emergency Support] Racing").messageId("<race@tenant.example>").text("Help").raw();
        ExecutorService threads = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> posts = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                posts.add(threads.submit(() -> {
                    start.await();
                    return Emails.post(raw).extract().statusCode();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> post : posts) {
                statuses.add(post.get());
            }
            statuses.sort(null);
            assertEquals(List.of(200, 200, 200, 201), statuses, "one creates, the others see it");
        } finally {
            threads.shutdownNow();
        }
        assertEquals(1, count("ticket"));
        assertEquals(2, count("outbox_call"), "one declaration and one page");
    }

    // --- threading

    @Test
    void aReplyThreadsByInReplyToAsATenantCommentNeverANewTicket() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Routes").messageId("<routes@tenant.example>").text("Routes fail."));
        Emails.from(ADA).subject("[PaaS Support] something else entirely").messageId("<routes-2@tenant.example>")
                .header("In-Reply-To", "<routes@tenant.example>").text("Still failing.\n\n> Routes fail.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id)).body("commentId", org.hamcrest.Matchers.notNullValue());
        assertEquals(1, count("ticket"));
        given().auth().oauth2(AGENT).when().get("/api/tickets/" + id + "/comments").then()
                .body("size()", equalTo(1)).body("[0].authorKind", equalTo("TENANT")).body("[0].author", equalTo("ada@tenant.example"))
                .body("[0].body", equalTo("Still failing.\n\n> Routes fail.")).body("[0].isPublic", equalTo(true));
    }

    @Test
    void aReplyThreadsByReferencesToAnEmailWeSent() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Quotas").messageId("<quotas@tenant.example>").text("More memory please."));
        String ours = outgoingMessageId(id);
        Emails.from("dan@tenant.example").subject("Re: our request").messageId("<quotas-2@tenant.example>")
                .header("In-Reply-To", "<unknown@elsewhere>").header("References", ours + " <unknown@elsewhere>")
                .text("Any news?").post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        assertEquals(1, count("ticket"));
    }

    @Test
    void aReplyThreadsByTheSubjectTokenFromSomeoneInTheSameOrganisation() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Backups").messageId("<backups@tenant.example>").text("Restore please."));
        Emails.from("dan@tenant.example").subject("RE: [#" + id + " NEW] Backups").messageId("<backups-2@tenant.example>")
                .text("Adding my colleague's details.").post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id));
        Emails.from("dan@tenant.example").subject("[#" + id + "] Backups").messageId("<backups-3@tenant.example>")
                .text("And one more thing.").post().statusCode(201).body("action", equalTo("COMMENTED"));
        assertEquals(1, count("ticket"));
        assertEquals(2, count("ticket_comment"));
    }

    @Test
    void aSubjectTokenOrReplyFromAnotherOrganisationOpensANewTicketInstead() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Secrets").messageId("<secrets@tenant.example>").text("Rotate our keys."));
        long other = created(Emails.from("eve@other.example").subject("Re: [#" + id + " NEW] Secrets").messageId("<eve@other.example>")
                .header("In-Reply-To", "<secrets@tenant.example>").text("Let me in."));
        assertTrue(other != id);
        assertEquals("globex", fixtures.stored(other).organisation);
        assertEquals(0, count("ticket_comment"), "nothing written on acme's ticket");
    }

    @Test
    void aReplyToAClosedTicketOpensAFollowUpLinkedToIt() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Old").messageId("<old@tenant.example>").text("Old problem."));
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("status", "CLOSED", "reason", "Fixed upstream"))
                .when().post("/api/tickets/" + id + "/status").then().statusCode(200);
        long followUp = Emails.from(ADA).subject("Re: [#" + id + " CLOSED] Old").messageId("<old-2@tenant.example>")
                .header("In-Reply-To", "<old@tenant.example>").text("It is back.").post().statusCode(201)
                .body("action", equalTo("FOLLOW_UP")).body("followUpOf", equalTo((int) id)).extract().jsonPath().getLong("ticketId");
        Ticket ticket = fixtures.stored(followUp);
        assertEquals(id, ticket.followUpOf);
        assertEquals("Follow-up: Old", ticket.subject);
        assertEquals("It is back.", ticket.description);
        assertEquals(TicketStatus.CLOSED, fixtures.stored(id).status);
        Emails.from(ADA).subject("Re: [#" + id + " CLOSED] Old").messageId("<old-2@tenant.example>").text("It is back.")
                .post().statusCode(200).body("action", equalTo("DUPLICATE")).body("ticketId", equalTo((int) followUp));
        assertEquals(2, count("ticket"));
    }

    // --- an emergency is an emergency, whatever thread it is on

    private List<String> actions(long id) {
        return QuarkusTransaction.requiringNew().call(() -> TicketEvent.of(id).stream().map(e -> e.action).toList());
    }

    private static void agent(long id, String route, Map<String, Object> body) {
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(body).when().post("/api/tickets/" + id + "/" + route).then().statusCode(200);
    }

    private List<String> callKeys(String target) {
        return calls().stream().filter(c -> c.target.equals(target)).map(c -> c.idempotencyKey).toList();
    }

    /** An ordinary acme ticket, triaged P3 (so OPEN), and what its first-response target was then. */
    private long openP3(String messageId) {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Slow deploys").messageId(messageId).text("Deploys take 20 minutes."));
        agent(id, "triage", Map.of("priority", "P3"));
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status);
        return id;
    }

    private static void assertEmergencyCalls(List<OutboxCall> calls, long ticketId, String messageId) {
        String key = EmergencyCalls.emailKey(messageId);
        OutboxCall declare = calls.stream().filter(c -> c.idempotencyKey.equals("ticket-" + ticketId + "/declare-incident/" + key)).findFirst()
                .orElseThrow(() -> new AssertionError("no declaration for " + messageId + " in " + calls.stream().map(c -> c.idempotencyKey).toList()));
        assertEquals("incident-service", declare.target);
        assertTrue(declare.payload.contains("\"sourceRef\":\"ticket-" + ticketId + "\""), declare.payload);
        assertTrue(declare.payload.contains("\"severity\":\"P1\""), declare.payload);
        OutboxCall page = calls.stream().filter(c -> c.idempotencyKey.equals("ticket-" + ticketId + "/page/" + key)).findFirst()
                .orElseThrow(() -> new AssertionError("no page for " + messageId + " in " + calls.stream().map(c -> c.idempotencyKey).toList()));
        assertEquals("escalation-service", page.target);
        assertEquals("page", page.operation);
        assertTrue(page.payload.contains("\"dedupKey\":\"ticket-" + ticketId + "-emergency\""), page.payload);
    }

    @Test
    void anEmergencyReplyOnAnOpenTicketIsItsCommentRaisesItToP1TaggedAndQueuesOneDeclarationAndOnePage() {
        long id = openP3("<slow@tenant.example>");
        Instant p3Due = fixtures.stored(id).firstResponseDueAt;
        agent(id, "status", Map.of("status", "PENDING"));
        Emails sos = Emails.from(ADA).subject("Re: [PaaS Emergency Support] Slow deploys").messageId("<sos-on-thread@tenant.example>")
                .header("In-Reply-To", "<slow@tenant.example>").text("Now every production app is down.");
        sos.post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id)).body("emergency", equalTo(true))
                .body("commentId", org.hamcrest.Matchers.notNullValue());

        assertEquals(1, count("ticket"), "no new ticket: the thread's ticket is the emergency");
        given().auth().oauth2(AGENT).when().get("/api/tickets/" + id + "/comments").then()
                .body("size()", equalTo(1)).body("[0].authorKind", equalTo("TENANT")).body("[0].body", equalTo("Now every production app is down."));
        Ticket ticket = fixtures.stored(id);
        assertEquals(Severity.P1, ticket.priority);
        assertTrue(ticket.tags.contains("paas_outofhours"), ticket.tags.toString());
        assertEquals(TicketStatus.OPEN, ticket.status, "the tenant's reply reopened it");
        assertTrue(ticket.firstResponseDueAt.isBefore(p3Due), "the SLA is recomputed for P1: " + ticket.firstResponseDueAt + " vs " + p3Due);
        assertEquals(Instant.parse("2026-11-30T10:20:00Z"), ticket.firstResponseDueAt, "P1 in hours: 20 minutes, from when the ticket was raised");
        assertTrue(actions(id).containsAll(List.of(EmergencyCalls.EVENT, "TRIAGED")), actions(id).toString());
        assertEquals(2, fixtures.keys().stream().filter(k -> k.startsWith("ticket-" + id + "/sla-")).count(),
                "the tenant is told the SLA at each priority, P3 then P1: " + fixtures.keys());

        List<OutboxCall> calls = calls();
        assertEquals(2, calls.size(), "exactly one declaration and one page: " + calls.stream().map(c -> c.idempotencyKey).toList());
        assertEmergencyCalls(calls, id, "<sos-on-thread@tenant.example>");

        sos.post().statusCode(200).body("action", equalTo("DUPLICATE"));
        assertEquals(2, count("outbox_call"), "the same email posted again queues nothing more");
        assertEquals(1, count("ticket_comment"));
        assertEquals(1, actions(id).stream().filter(EmergencyCalls.EVENT::equals).count());
    }

    @Test
    void aSecondEmergencyEmailOnTheTicketQueuesItsOwnPairUnderTheSamePageDedupKey() {
        long id = openP3("<two@tenant.example>");
        for (String messageId : List.of("<two-sos-1@tenant.example>", "<two-sos-2@tenant.example>")) {
            Emails.from(ADA).subject("RE: [PaaS Emergency Support] Slow deploys").messageId(messageId).header("In-Reply-To", "<two@tenant.example>")
                    .text("Down again.").post().statusCode(201).body("action", equalTo("COMMENTED")).body("emergency", equalTo(true));
        }
        List<OutboxCall> calls = calls();
        assertEquals(4, calls.size());
        assertEmergencyCalls(calls, id, "<two-sos-1@tenant.example>");
        assertEmergencyCalls(calls, id, "<two-sos-2@tenant.example>");
        assertEquals(2, actions(id).stream().filter("TRIAGED"::equals).count(), "P3 at triage, then raised to P1 once: the second email finds it P1 "
                + "and tagged");
    }

    @Test
    void theEmergencyTagAnywhereInTheSubjectInAnyCaseMakesAThreadedReplyAnEmergency() {
        long id = openP3("<middle@tenant.example>");
        Emails.from("dan@tenant.example").subject("Re: [#" + id + " OPEN] Foo [paas EMERGENCY support] down").messageId("<middle-2@tenant.example>")
                .text("Everything is down.").post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id))
                .body("emergency", equalTo(true));
        assertEquals(Severity.P1, fixtures.stored(id).priority);
        assertEmergencyCalls(calls(), id, "<middle-2@tenant.example>");
    }

    static List<Arguments> emergencyAddress() {
        return List.of(
                Arguments.of("Cc", "Out of hours <emergency@support.example>, Bob <bob@tenant.example>"),
                Arguments.of("Delivered-To", "EMERGENCY@Support.Example"),
                Arguments.of("X-Original-To", "out-of-hours@support.example"),
                Arguments.of("Cc", "bob@tenant.example, \"broken <<<, out-of-hours@support.example"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("emergencyAddress")
    void aThreadedReplySentToAnEmergencyAddressIsAnEmergencyWithoutTheTag(String header, String value) {
        long id = openP3("<address@tenant.example>");
        Emails.from(ADA).subject("Re: [#" + id + " OPEN] Slow deploys").messageId("<address-2@tenant.example>")
                .header("In-Reply-To", "<address@tenant.example>").header(header, value).text("All apps are down.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("ticketId", equalTo((int) id)).body("emergency", equalTo(true));
        Ticket ticket = fixtures.stored(id);
        assertEquals(Severity.P1, ticket.priority);
        assertTrue(ticket.tags.contains("paas_outofhours"), ticket.tags.toString());
        assertEquals(2, count("outbox_call"));
        assertEmergencyCalls(calls(), id, "<address-2@tenant.example>");
    }

    @Test
    void anOrdinaryThreadedReplyStaysAPlainCommentAndCallsNobody() {
        long id = openP3("<plain@tenant.example>");
        Emails.from(ADA).subject("Re: [#" + id + " OPEN] Slow deploys, urgent please").messageId("<plain-2@tenant.example>")
                .header("In-Reply-To", "<plain@tenant.example>").header("Cc", "ops@tenant.example, support@localhost")
                .header("Delivered-To", "support@localhost").text("Any news? This is urgent.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("emergency", equalTo(false));
        Ticket ticket = fixtures.stored(id);
        assertEquals(Severity.P3, ticket.priority);
        assertTrue(ticket.tags.isEmpty(), ticket.tags.toString());
        assertEquals(0, count("outbox_call"), "nobody is paged for an ordinary reply");
        assertTrue(!actions(id).contains(EmergencyCalls.EVENT), actions(id).toString());
    }

    @Test
    void anEmergencyReplyToAClosedTicketMakesItsFollowUpTheEmergency() {
        long id = created(Emails.from(ADA).subject("[PaaS Support] Old outage").messageId("<closed@tenant.example>").text("It was down."));
        agent(id, "status", Map.of("status", "CLOSED", "reason", "Fixed upstream"));
        long followUp = Emails.from(ADA).subject("Re: [#" + id + " CLOSED] Old outage [PaaS Emergency Support]").messageId("<closed-2@tenant.example>")
                .header("In-Reply-To", "<closed@tenant.example>").text("It is down again, everywhere.").post().statusCode(201)
                .body("action", equalTo("FOLLOW_UP")).body("followUpOf", equalTo((int) id)).body("emergency", equalTo(true))
                .extract().jsonPath().getLong("ticketId");
        Ticket ticket = fixtures.stored(followUp);
        assertEquals(id, ticket.followUpOf);
        assertEquals(Severity.P1, ticket.priority);
        assertTrue(ticket.tags.contains("paas_outofhours"), ticket.tags.toString());
        assertEquals(TicketStatus.CLOSED, fixtures.stored(id).status, "the closed ticket stays closed");
        assertNull(fixtures.stored(id).priority);
        List<OutboxCall> calls = calls();
        assertEquals(2, calls.size());
        assertEmergencyCalls(calls, followUp, "<closed-2@tenant.example>");
        assertTrue(actions(followUp).contains(EmergencyCalls.EVENT));
        assertTrue(!actions(id).contains(EmergencyCalls.EVENT), "the emergency is the follow-up's");
    }

    @Test
    void aNewUntaggedEmailToAnEmergencyAddressOpensAnEmergencyTicket() {
        long id = Emails.from(ADA).subject("Everything is down").messageId("<to-address@tenant.example>")
                .header("To", "Out Of Hours <OUT-OF-HOURS@support.example>").text("All our apps return 503.")
                .post().statusCode(201).body("action", equalTo("CREATED")).body("emergency", equalTo(true)).extract().jsonPath().getLong("ticketId");
        Ticket ticket = fixtures.stored(id);
        assertEquals(Severity.P1, ticket.priority);
        assertTrue(ticket.tags.contains("paas_outofhours"), ticket.tags.toString());
        assertEquals("Everything is down", ticket.subject);
        assertEmergencyCalls(calls(), id, "<to-address@tenant.example>");
        assertEquals(2, count("outbox_call"));
    }

    @Test
    void theEmergencyTagIsRemovedFromANewTicketsSubjectSoRepliesToItsEmailsAreNotEmergenciesAgain() {
        long id = created(Emails.from(ADA).subject("Help: [PaaS Emergency Support] all apps down").messageId("<strip@tenant.example>").text("503s."));
        assertEquals("Help: all apps down", fixtures.stored(id).subject, "the tag is removed wherever it is");
        assertEquals(2, count("outbox_call"));
        // the tenant answers our acknowledgement, whose subject repeats the ticket's
        Emails.from(ADA).subject("Re: [#" + id + " NEW] Help: all apps down").messageId("<strip-2@tenant.example>")
                .header("In-Reply-To", outgoingMessageId(id)).text("It is back up, thanks.")
                .post().statusCode(201).body("action", equalTo("COMMENTED")).body("emergency", equalTo(false));
        assertEquals(2, count("outbox_call"), "an ordinary reply to the emergency ticket pages nobody again");
    }

    @Test
    void anEmergencyReplyThatReadsAsThanksStillReopensASolvedTicket() {
        long id = openP3("<thanks@tenant.example>");
        agent(id, "status", Map.of("status", "SOLVED", "reason", "Deploys are quick again"));
        Emails.from(ADA).subject("Re: [#" + id + " SOLVED] Slow deploys [PaaS Emergency Support]").messageId("<thanks-2@tenant.example>")
                .header("In-Reply-To", "<thanks@tenant.example>").text("Thanks!").post().statusCode(201)
                .body("action", equalTo("COMMENTED")).body("emergency", equalTo(true));
        Ticket ticket = fixtures.stored(id);
        assertEquals(TicketStatus.OPEN, ticket.status, "an emergency is never only thanks");
        List<String> reopened = QuarkusTransaction.requiringNew().call(() -> TicketEvent.of(id).stream()
                .filter(e -> e.detail.equals("SOLVED -> OPEN")).map(e -> e.reason).toList());
        assertEquals(List.of("an emergency email reopens the ticket"), reopened, "the reply read as thanks; the emergency path reopened it");
        assertEquals(Severity.P1, ticket.priority);
        assertEmergencyCalls(calls(), id, "<thanks-2@tenant.example>");
    }

    private static ValidatableResponse postAsync(String raw, String prefer) {
        return given().auth().oauth2(Emails.SERVICE).contentType("message/rfc822").header("Prefer", prefer)
                .body(raw.getBytes(StandardCharsets.UTF_8)).when().post("/api/intake/email").then();
    }

    private List<Ticket> tickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>list("order by id"));
    }

    // --- Prefer: respond-async: stored and answered 202, processed moments later as the synchronous intake would

    @Test
    void anEmailIsStoredAndAnswered202ThenOpensItsTicketAsTheSynchronousIntakeWould() {
        postAsync(Emails.from(ADA).subject("[PaaS Support] Cannot push my app").messageId("<queued@tenant.example>").text("cf push fails.").raw(),
                "respond-async, wait=5")
                .statusCode(202).header("Preference-Applied", "respond-async").body("status", equalTo("queued"))
                .body("messageId", equalTo("<queued@tenant.example>"));
        assertEquals(0, count("ticket"), "nothing but the store happens in the request");
        assertEquals(1, inbox.waiting());

        assertEquals(1, inbox.processDue());
        List<Ticket> tickets = tickets();
        assertEquals(1, tickets.size());
        Ticket ticket = fixtures.stored(tickets.get(0).id);
        assertEquals("Cannot push my app", ticket.subject);
        assertEquals("acme", ticket.organisation);
        assertEquals("<queued@tenant.example>", ticket.threadRoot);
        assertEquals(List.of("ada@tenant.example | [#" + ticket.id + " NEW] Cannot push my app"), fixtures.queued(), "acknowledged");
        assertEquals(0, inbox.waiting());
    }

    @Test
    void anUnreadableEmailIsStill400AndNothingIsStored() {
        postAsync("this is not an email at all", "respond-async").statusCode(400);
        postAsync(Emails.from("nobody").subject("[PaaS Support] No address").text("x").raw(), "respond-async").statusCode(400);
        assertEquals(0, inbox.waiting());
    }

    @Test
    void theSameEmailQueuedTwiceMakesOneTicketAndAReplyQueuedAfterItsOriginalThreadsOntoIt() {
        String original = Emails.from(ADA).subject("[PaaS Support] Slow builds").messageId("<orig@tenant.example>").text("Builds are slow.").raw();
        postAsync(original, "respond-async").statusCode(202);
        postAsync(original, "respond-async").statusCode(202);
        postAsync(Emails.from(ADA).subject("Re: [PaaS Support] Slow builds").messageId("<reply@tenant.example>")
                .header("In-Reply-To", "<orig@tenant.example>").text("Still slow today.").raw(), "respond-async").statusCode(202);

        assertEquals(3, inbox.processDue());
        assertEquals(1, count("ticket"), "the duplicate made nothing, the reply no new ticket");
        assertEquals(1, count("ticket_comment"), "the reply is the ticket's one comment");
        assertEquals("Still slow today.", QuarkusTransaction.requiringNew().call(() -> (String) entityManager
                .createNativeQuery("select body from ticket_comment").getSingleResult()));
    }

    @Test
    void aQueuedEmergencyEmailIsP1AndQueuesExactlyOneIncidentAndOnePage() {
        postAsync(Emails.from(ADA).subject("[PaaS Emergency Support] Production is down").messageId("<sos-q@tenant.example>")
                .text("Every app returns 503.").raw(), "respond-async").statusCode(202);
        assertEquals(0, count("outbox_call"));
        assertEquals(1, inbox.processDue());
        assertEquals(Severity.P1, tickets().get(0).priority);
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", "incident-service")));
        assertEquals(1, QuarkusTransaction.requiringNew().call(() -> OutboxCall.count("target", "escalation-service")));
    }

    @Test
    void withoutRespondAsyncTheIntakeAnswersWhatItDidAsBefore() {
        postAsync(Emails.from(ADA).subject("[PaaS Support] Now").messageId("<now@tenant.example>").text("x").raw(), "return=minimal")
                .statusCode(201).body("action", equalTo("CREATED"));
        assertEquals(0, inbox.waiting());
    }

    @Test
    void preferIsReadAsRfc7240Says() {
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("respond-async"));
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("return=minimal, Respond-Async ; x=1"));
        assertTrue(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("wait=10,respond-async"));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync(null));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("respond-asyncx"));
        assertFalse(uk.gov.paas.support.ticket.rest.IntakeResource.respondAsync("return=respond-async"));
    }
}
