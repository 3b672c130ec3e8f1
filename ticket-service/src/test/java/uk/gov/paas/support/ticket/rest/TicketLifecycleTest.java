package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.TENANT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.reply;
import static uk.gov.paas.support.ticket.TicketApi.status;
import static uk.gov.paas.support.ticket.TicketApi.tenantComment;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/** Raising, triage, routing and the lifecycle rules through the API, with the tenant emails they cause. */
@QuarkusTest
class TicketLifecycleTest {

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static long tickets() {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.count());
    }

    @Test
    void newTicketLandsInTriageAndTheTenantIsEmailedTheSlaThatApplies() throws Exception {
        long id = create(clock, Instant.parse("2026-11-20T16:30:00Z"), null);
        as(AGENT).when().get("/api/tickets/" + id).then().body("status", equalTo("NEW")).body("group", equalTo("triage"))
                .body("createdAtLocal", equalTo("2026-11-20T16:30:00+00:00"));
        MimeMessage[] mails = fixtures.deliver();
        assertEquals(1, mails.length);
        assertEquals("[#" + id + " NEW] Cannot push my app", mails[0].getSubject());
        String text = TicketFixtures.text(mails[0]);
        assertTrue(text.contains("SLA: Untriaged, first response within 2 business days"), text);
        assertTrue(text.contains("First response by Tue 24 Nov 2026 16:30 GMT"), text);
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstTicketAndMakesNoOther() {
        Map<String, Object> body = Map.of("subject", "Quota increase", "requesterEmail", "jo@acme.example", "organisation", "acme");
        // a new ticket is answered without reading its comments and breaches (it has none yet): both are there, empty
        long first = as(AGENT).header("Idempotency-Key", "form-123").body(body).when().post("/api/tickets").then().statusCode(201)
                .body("comments", hasSize(0)).body("breaches", hasSize(0)).extract().jsonPath().getLong("id");
        as(AGENT).body(Map.of("body", "Which space?", "isPublic", false)).when().post("/api/tickets/" + first + "/comments").then().statusCode(201);
        // the replay is read in full, as GET would: it shows what happened to the ticket since
        as(AGENT).header("Idempotency-Key", "form-123").body(body).when().post("/api/tickets").then().statusCode(200)
                .header("Idempotent-Replayed", "true").body("id", equalTo((int) first)).body("comments.body", contains("Which space?"));
        assertEquals(1, tickets());
        assertEquals(1, fixtures.queued().size(), "one received email");
    }

    @Test
    void badInputIsAProblemAndStoresNothing() {
        as(AGENT).body(Map.of("subject", "", "requesterEmail", "not-an-email", "organisation", "acme")).when().post("/api/tickets").then()
                .statusCode(400).contentType("application/problem+json").body("errors.field", hasItems("subject", "requesterEmail"));
        as(AGENT).body(Map.of("subject", "x", "requesterEmail", "jo@acme.example", "organisation", "acme", "tags", List.of("paas_bogus")))
                .when().post("/api/tickets").then().statusCode(400).body("detail", containsString("unknown tag 'paas_bogus'"))
                .body("detail", containsString("paas_backing_service")).body("detail", containsString("paas_product_support"));
        as(AGENT).body(Map.of("subject", "x", "requesterEmail", "jo@acme.example", "organisation", "acme", "priority", "P7"))
                .when().post("/api/tickets").then().statusCode(400).body("errors[0].field", equalTo("priority"));
        as(AGENT).body("{\"subject\": ").when().post("/api/tickets").then().statusCode(400).contentType("application/problem+json");
        assertEquals(0, tickets());
        assertEquals(0, fixtures.queued().size());
    }

    @Test
    void triageSetsPriorityTypeTagsAndGroupOpensTheTicketTellsTheTenantTheSlaAndIsAudited() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), null);
        as(AGENT).body(Map.of("priority", "P3", "type", "PROBLEM", "tags", List.of("paas_routing", "paas_product_support"), "group", "first-line"))
                .when().post("/api/tickets/" + id + "/triage").then().statusCode(200).body("status", equalTo("OPEN"))
                .body("priority", equalTo("P3")).body("tags", hasItems("paas_routing", "paas_product_support")).body("group", equalTo("first-line"))
                .body("sla.policy", equalTo("P3 (Significant)"));
        as(AGENT).body(Map.of("tags", List.of("paas_routing", "nonsense"))).when().post("/api/tickets/" + id + "/triage").then().statusCode(400)
                .body("errors[0].field", equalTo("tags")).body("detail", containsString("valid tags: paas_account_lifecycle"));
        as(AGENT).body(Map.of("group", "3rd-line")).when().post("/api/tickets/" + id + "/triage").then().statusCode(400)
                .body("detail", containsString("triage, first-line, second-line, scoping"));
        as(AGENT).when().get("/api/tickets/" + id).then().body("tags.size()", equalTo(2)).body("group", equalTo("first-line"));
        MimeMessage[] mails = fixtures.deliver();
        String sla = TicketFixtures.text(mails[mails.length - 1]);
        assertTrue(sla.contains("SLA: P3 (Significant), first response within 2h and updates every 4h of support hours (Monday to Friday 09:00-17:00 UK time, except bank holidays)"), sla);
        assertTrue(sla.contains("First response by Wed 25 Nov 2026 12:00 GMT"), sla);
        assertTrue(fixtures.keys().stream().anyMatch(k -> k.matches("ticket-" + id + "/sla-\\d+")), fixtures.keys().toString());
        as(AGENT).when().get("/api/tickets/" + id + "/audit").then().statusCode(200).body("action", hasItems("CREATED", "TRIAGED"))
                .body("find { it.action == 'TRIAGED' }.detail", containsString("priority none -> P3"))
                .body("find { it.action == 'TRIAGED' }.actor", equalTo("alan@example.gov.uk"));
    }

    @Test
    void reassignmentRecordsWhoWhenAndWhyAndATicketCanReturnToTriage() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        clock.set(Instant.parse("2026-11-25T10:05:00Z"));
        as(AGENT).body(Map.of("group", "second-line", "assignee", "grace@example.gov.uk")).when().post("/api/tickets/" + id + "/assign").then()
                .statusCode(400).body("errors[0].field", equalTo("reason"));
        as(AGENT).body(Map.of("group", "second-line", "assignee", "grace@example.gov.uk", "reason", "needs a BOSH deploy")).when()
                .post("/api/tickets/" + id + "/assign").then().statusCode(200).body("assignee", equalTo("grace@example.gov.uk"));
        clock.set(Instant.parse("2026-11-25T11:00:00Z"));
        as(AGENT).body(Map.of("reason", "not ours: upstream CF bug")).when().post("/api/tickets/" + id + "/return-to-triage").then().statusCode(200)
                .body("group", equalTo("triage")).body("assignee", equalTo(null));
        as(AGENT).when().get("/api/tickets/" + id + "/audit").then()
                .body("findAll { it.action == 'REASSIGNED' }.reason", hasItems("needs a BOSH deploy", "not ours: upstream CF bug"))
                .body("find { it.reason == 'needs a BOSH deploy' }.atLocal", equalTo("2026-11-25T10:05:00+00:00"))
                .body("find { it.reason == 'needs a BOSH deploy' }.detail", containsString("group triage -> second-line"));
    }

    @Test
    void anIllegalTransitionIsAConflictNamingTheAllowedOnes() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "SOLVED", "Fixed the route", null);
        as(AGENT).body(Map.of("status", "PENDING")).when().post("/api/tickets/" + id + "/status").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString("SOLVED and cannot move to PENDING; allowed: CLOSED, OPEN"));
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status);
    }

    @Test
    void onHoldNeedsAnInternalNoteGivingTheReason() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        as(AGENT).body(Map.of("status", "ON_HOLD")).when().post("/api/tickets/" + id + "/status").then().statusCode(400)
                .body("errors[0].field", equalTo("note"));
        assertEquals(TicketStatus.NEW, fixtures.stored(id).status);
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "ON_HOLD", null, "Blocked on the AWS support case 123");
        as(AGENT).when().get("/api/tickets/" + id).then().body("status", equalTo("ON_HOLD"))
                .body("comments.find { it.body == 'Blocked on the AWS support case 123' }.isPublic", equalTo(false));
        assertEquals(1, fixtures.queued().size(), "the note is never emailed");
    }

    @Test
    void solvingOrClosingNeedsAReasonAndTellsTheTenantWhyAndThatTheyCanReopen() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        as(AGENT).body(Map.of("status", "SOLVED")).when().post("/api/tickets/" + id + "/status").then().statusCode(400)
                .body("errors[0].field", equalTo("reason"));
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "SOLVED", "The route was re-mapped", null);
        MimeMessage[] mails = fixtures.deliver();
        MimeMessage solved = mails[mails.length - 1];
        assertEquals("[#" + id + " SOLVED] Cannot push my app", solved.getSubject());
        String text = TicketFixtures.text(solved);
        assertTrue(text.contains("Why: The route was re-mapped"), text);
        assertTrue(text.contains("reply to this email and we will reopen it"), text);
        long other = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:20:00Z"), other, "CLOSED", "Duplicate of #" + id, null);
        mails = fixtures.deliver();
        String closed = TicketFixtures.text(mails[mails.length - 1]);
        assertTrue(closed.contains("Why: Duplicate of #" + id) && closed.contains("we will open a follow-up ticket"), closed);
    }

    @Test
    void renameNeedsAReasonAndTellsTheTenantTheNewNameAndWhy() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        as(AGENT).body(Map.of("subject", "Router 502s for billing-api")).when().post("/api/tickets/" + id + "/rename").then().statusCode(400);
        as(AGENT).body(Map.of("subject", "Router 502s for billing-api", "reason", "names the actual fault")).when()
                .post("/api/tickets/" + id + "/rename").then().statusCode(200).body("subject", equalTo("Router 502s for billing-api"));
        MimeMessage[] mails = fixtures.deliver();
        MimeMessage renamed = mails[mails.length - 1];
        assertEquals("[#" + id + " NEW] Router 502s for billing-api", renamed.getSubject());
        String text = TicketFixtures.text(renamed);
        assertTrue(text.contains("from: Cannot push my app") && text.contains("Why: names the actual fault"), text);
        assertTrue(fixtures.keys().stream().anyMatch(k -> k.matches("ticket-" + id + "/renamed-\\d+")), fixtures.keys().toString());
    }

    @Test
    void aThanksOnlyReplyOnASolvedTicketIsRecordedAndDoesNotReopen() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "SOLVED", "Fixed", null);
        tenantComment(clock, Instant.parse("2026-11-25T11:00:00Z"), id, "Thanks, that worked!\n\nJo");
        assertEquals(TicketStatus.SOLVED, fixtures.stored(id).status);
        as(AGENT).when().get("/api/tickets/" + id).then().body("comments.find { it.authorKind == 'TENANT' }.thanksOnly", equalTo(true));
        tenantComment(clock, Instant.parse("2026-11-25T11:05:00Z"), id, "Thanks, but the staging app still fails?");
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status, "a question reopens");
    }

    @Test
    void aThanksOnlyReplyOnABelievedSolvedTicketDoesNotReopenButOnPendingItDoes() {
        long believed = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), believed, "PENDING_BELIEVED_SOLVED", null, null);
        tenantComment(clock, Instant.parse("2026-11-25T11:00:00Z"), believed, "Many thanks");
        assertEquals(TicketStatus.PENDING_BELIEVED_SOLVED, fixtures.stored(believed).status);
        long pending = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), pending, "PENDING", null, null);
        tenantComment(clock, Instant.parse("2026-11-25T11:00:00Z"), pending, "Many thanks");
        assertEquals(TicketStatus.OPEN, fixtures.stored(pending).status, "thanks on PENDING is an answer: reopen");
    }

    @Test
    void tenantRepliesReopenWaitingTickets() {
        for (String waiting : List.of("PENDING", "ON_HOLD", "PENDING_BELIEVED_SOLVED", "SOLVED")) {
            long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
            status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, waiting, "SOLVED".equals(waiting) ? "done" : null,
                    "ON_HOLD".equals(waiting) ? "blocked" : null);
            tenantComment(clock, Instant.parse("2026-11-25T11:00:00Z"), id, "It is failing again since 10:45.");
            assertEquals(TicketStatus.OPEN, fixtures.stored(id).status, waiting);
        }
    }

    @Test
    void aReplyToAClosedTicketOpensALinkedFollowUp() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        status(clock, Instant.parse("2026-11-25T10:10:00Z"), id, "CLOSED", "Fixed", null);
        clock.set(Instant.parse("2026-12-01T10:00:00Z"));
        long followUp = as(TENANT).body(Map.of("body", "The same error is back.")).when().post("/api/tickets/" + id + "/comments").then()
                .statusCode(201).body("followUpOf", equalTo((int) id)).body("status", equalTo("NEW")).extract().jsonPath().getLong("id");
        assertEquals(TicketStatus.CLOSED, fixtures.stored(id).status);
        assertEquals("Follow-up: Cannot push my app", fixtures.stored(followUp).subject);
        as(AGENT).when().get("/api/tickets/" + id + "/audit").then().body("action", hasItem("FOLLOW_UP"));
    }

    @Test
    void aBacklogCardWithTellTheTenantEmailsThemWhenDone() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P4");
        as(AGENT).body(Map.of("url", "https://trello.com/c/abc123", "tellTenant", true)).when().put("/api/tickets/" + id + "/backlog-card").then()
                .statusCode(200).body("backlogCardUrl", equalTo("https://trello.com/c/abc123"));
        as(AGENT).body(Map.of("url", "javascript:alert(1)", "tellTenant", true)).when().put("/api/tickets/" + id + "/backlog-card").then()
                .statusCode(400);
        clock.set(Instant.parse("2026-12-10T10:00:00Z"));
        as(AGENT).when().post("/api/tickets/" + id + "/backlog-card/done").then().statusCode(200);
        MimeMessage[] mails = fixtures.deliver();
        String text = TicketFixtures.text(mails[mails.length - 1]);
        assertTrue(text.contains("is done") && text.contains("https://trello.com/c/abc123"), text);
    }

    @Test
    void aPublicReplyIsEmailedToTheTenantAndAnInternalNoteNeverIs() throws Exception {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-25T10:05:00Z"), id, "SECRET internal: the tenant's app is misconfigured", false);
        reply(clock, Instant.parse("2026-11-25T10:06:00Z"), id, "Could you share the output of cf app?", true);
        MimeMessage[] mails = fixtures.deliver();
        assertEquals(2, mails.length);
        for (MimeMessage mail : mails) {
            assertTrue(!TicketFixtures.text(mail).contains("SECRET"));
        }
        String reply = TicketFixtures.text(mails[1]);
        assertTrue(reply.contains("Could you share the output of cf app?"), reply);
        as(AGENT).body(Map.of("body", "which?")).when().post("/api/tickets/" + id + "/comments").then().statusCode(400)
                .body("errors[0].field", equalTo("isPublic"));
        as(AGENT).when().get("/api/tickets/" + id).then().body("comments.body", not(hasItem("which?")));
    }
}
