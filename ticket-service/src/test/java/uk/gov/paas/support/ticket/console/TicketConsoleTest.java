package uk.gov.paas.support.ticket.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.gov.paas.support.kernel.console.DevSignIn;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketApi;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * The desk's console over HTTP as a browser sends it (forms, cookies, redirects), signed in with the development
 * sign-in: an agent works a ticket through the same rules as the API, a tenant raises and follows their own, another
 * organisation's tenant gets the same 404 as for a missing ticket, and no form is taken without its session's token.
 */
@QuarkusTest
class TicketConsoleTest {

    @Inject
    TicketFixtures fixtures;

    @Inject
    uk.gov.paas.support.ticket.service.TicketQueries queries;

    @BeforeEach
    @AfterEach
    void empty() {
        fixtures.reset();
    }

    @Test
    void aPageNeedsSigningInAndTheSignInFormComesBackToIt() {
        Response page = given().redirects().follow(false).get("/console/queues/triage");
        assertEquals(302, page.statusCode());
        assertEquals("/console/sign-in?next=%2Fconsole%2Fqueues%2Ftriage", page.header("Location"));
        Response signedIn = given().redirects().follow(false).formParam("role", "agent").formParam("next", "/console/queues/triage")
                .post("/console/sign-in");
        assertEquals(303, signedIn.statusCode());
        assertTrue(signedIn.header("Location").endsWith("/console/queues/triage"), signedIn.header("Location"));
        assertTrue(signedIn.header("Set-Cookie").contains("HttpOnly"), signedIn.header("Set-Cookie"));
    }

    @Test
    void signInNeverSendsTheBrowserOffSiteAndATenantNeedsAnOrganisation() {
        for (String next : new String[] {"https://evil.example/", "//evil.example/console", "/console/../../evil", "/api/tickets"}) {
            String location = given().redirects().follow(false).formParam("role", "agent").formParam("next", next).post("/console/sign-in")
                    .header("Location");
            assertTrue(location.endsWith("/console"), next + " -> " + location);
            assertFalse(location.contains("evil.example"), location);
        }
        Response noOrg = given().redirects().follow(false).formParam("role", "tenant").formParam("organisation", " ").post("/console/sign-in");
        assertEquals(400, noOrg.statusCode());
        assertTrue(noOrg.body().asString().contains("Enter the tenant&#39;s organisation"), noOrg.body().asString());
        assertEquals(null, noOrg.getCookie(DevSignIn.COOKIE));
    }

    @Test
    void anAgentsNavigationLinksTheOtherTwoConsolesButNotThisOneAndATenantsLinksNeither() {
        String agent = page(signIn("agent", null, "ada@support.example"), "/console/queues/triage");
        assertTrue(agent.contains("href=\"http://incidents.test/console\""), agent);
        assertTrue(agent.contains("href=\"http://escalation.test/console\""), agent);
        assertFalse(agent.contains("http://tickets.test/console"), "the desk does not link to itself");
        String tenant = page(signIn("tenant", "acme", "jo@acme.example"), "/console/tickets");
        assertFalse(tenant.contains("incidents.test") || tenant.contains("escalation.test"), tenant);
    }

    @Test
    void aForgedOrTamperedSessionIsNobody() {
        String agent = signIn("agent", null, "ada@support.example");
        String[] parts = agent.split("\\.");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                "{\"iss\":\"support-console-dev-sign-in\",\"sub\":\"x@y.z\",\"groups\":[\"admin\"],\"exp\":99999999999}".getBytes()) + "." + parts[2];
        for (String cookie : new String[] {forged, "garbage", ""}) {
            Response page = given().redirects().follow(false).cookie(DevSignIn.COOKIE, cookie).get("/console/queues/triage");
            assertTrue(page.statusCode() == 302 || page.statusCode() == 303, cookie + ": " + page.statusCode());
            assertTrue(page.header("Location").contains("/console/sign-in"), page.header("Location"));
        }
        // the console's session is no key to the API, and a bearer token is none to the console
        String agent2 = signIn("agent", null, "ada@support.example");
        assertEquals(401, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent2).get("/api/tickets").statusCode());
        assertEquals(401, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent2).contentType("application/json")
                .body("{\"subject\":\"x\",\"requesterEmail\":\"a@b.c\",\"organisation\":\"acme\"}").post("/api/tickets").statusCode());
        assertEquals(200, given().auth().oauth2(TicketApi.AGENT).get("/api/tickets").statusCode());
        Response bearer = given().redirects().follow(false).header("Authorization", "Bearer " + TicketApi.AGENT).get("/console/queues/triage");
        assertEquals(302, bearer.statusCode());
        assertTrue(bearer.header("Location").contains("/console/sign-in"), bearer.header("Location"));
    }

    @Test
    void anAgentTriagesRepliesNotesPutsOnHoldAndSolvesThroughTheApisRules() {
        long id = raiseAsTenant("Cannot push my app", "502 from the router");
        String agent = signIn("agent", null, "ada@support.example");

        String queue = page(agent, "/console/queues/triage");
        assertTrue(queue.contains("#" + id + " Cannot push my app"), queue);
        assertTrue(queue.contains("Triage <span class=\"govuk-tag govuk-tag--grey\">1</span>"), queue);

        assertEquals(303, post(agent, "/console/tickets/" + id + "/triage", Map.of("priority", "P3", "type", "INCIDENT", "group", "first-line",
                "tags", "paas_routing")).statusCode());
        assertEquals("first-line", fixtures.stored(id).group);
        assertTrue(page(agent, "/console/queues/first-line").contains("#" + id + " "), "now in the 1st line queue");

        assertEquals(303, post(agent, "/console/tickets/" + id + "/comments", Map.of("visibility", "public", "body", "We are looking at the router.")).statusCode());
        assertEquals(303, post(agent, "/console/tickets/" + id + "/comments", Map.of("visibility", "internal", "body", "Router pod 3 is unhealthy.")).statusCode());

        // a rule's refusal comes back on the form, next to its field, with what was typed kept, and changes nothing
        Response hold = post(agent, "/console/tickets/" + id + "/status", Map.of("status", "ON_HOLD", "reason", "", "note", ""));
        assertEquals(400, hold.statusCode());
        String held = hold.body().asString();
        assertTrue(held.contains("id=\"status-note-error\""), held);
        assertTrue(held.contains("needs an internal note"), held);
        assertEquals(TicketStatus.OPEN, fixtures.stored(id).status);
        Response noVisibility = post(agent, "/console/tickets/" + id + "/comments", Map.of("body", "Typed with care"));
        assertEquals(400, noVisibility.statusCode());
        assertTrue(noVisibility.body().asString().contains(">Typed with care</textarea>"), "the typed reply is kept");

        assertEquals(303, post(agent, "/console/tickets/" + id + "/status", Map.of("status", "ON_HOLD", "note", "Waiting for the router fix")).statusCode());
        assertEquals(TicketStatus.ON_HOLD, fixtures.stored(id).status);
        Response solveNoReason = post(agent, "/console/tickets/" + id + "/status", Map.of("status", "SOLVED"));
        assertEquals(400, solveNoReason.statusCode());
        assertTrue(solveNoReason.body().asString().contains("id=\"status-reason-error\""), solveNoReason.body().asString());
        assertEquals(303, post(agent, "/console/tickets/" + id + "/status", Map.of("status", "SOLVED", "reason", "The router is fixed")).statusCode());
        Ticket solved = fixtures.stored(id);
        assertEquals(TicketStatus.SOLVED, solved.status);

        String ticket = page(agent, "/console/tickets/" + id);
        assertTrue(ticket.contains("Router pod 3 is unhealthy."), "the agent sees the note");
        assertTrue(ticket.contains("Internal note</strong>"), ticket);
        assertTrue(ticket.contains("<time datetime=\""), "times carry their instant");
    }

    @Test
    void aTenantRaisesFromTheFormSeesTheReplyButNotTheNoteAndReplies() {
        String tenant = signIn("tenant", "acme", "jo@acme.example");
        String form = page(tenant, "/console/tickets/new");
        String formId = field(form, "form-id");
        Map<String, String> ticket = new LinkedHashMap<>(Map.of("subject", "Our app is slow", "description", "Since 10:00", "type", "QUESTION", "form-id", formId));
        Response raised = post(tenant, "/console/tickets", ticket);
        assertEquals(303, raised.statusCode());
        long id = Long.parseLong(raised.header("Location").replaceAll(".*/console/tickets/(\\d+).*", "$1"));
        // the same form sent twice (a double click, a retry) raises one ticket
        assertEquals(raised.header("Location"), post(tenant, "/console/tickets", ticket).header("Location"));
        Ticket stored = fixtures.stored(id);
        assertEquals("acme", stored.organisation);
        assertEquals("jo@acme.example", stored.requesterEmail);

        String agent = signIn("agent", null, "ada@support.example");
        post(agent, "/console/tickets/" + id + "/comments", Map.of("visibility", "public", "body", "Which app is it?"));
        post(agent, "/console/tickets/" + id + "/comments", Map.of("visibility", "internal", "body", "Probably the noisy neighbour again."));

        String seen = page(tenant, "/console/tickets/" + id);
        assertTrue(seen.contains("Which app is it?"), seen);
        assertFalse(seen.contains("noisy neighbour"), "a tenant never sees an internal note");
        assertFalse(seen.contains("first-line") || seen.contains("triage") || seen.contains("Audit"), "no group, no audit");
        assertEquals(303, post(tenant, "/console/tickets/" + id + "/comments", Map.of("body", "It is the payments app.")).statusCode());
        assertTrue(page(tenant, "/console/tickets/" + id).contains("It is the payments app."));
        assertTrue(page(tenant, "/console/tickets").contains("#" + id + " Our app is slow"));

        // a tenant of another organisation: the same 404 as for a ticket that does not exist, and no agent pages
        String other = signIn("tenant", "globex", "sam@globex.example");
        Response foreign = given().redirects().follow(false).cookie(DevSignIn.COOKIE, other).get("/console/tickets/" + id);
        assertEquals(404, foreign.statusCode());
        assertFalse(foreign.body().asString().contains("Our app is slow"));
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, other).get("/console/tickets/999999").statusCode());
        assertEquals(403, given().redirects().follow(false).cookie(DevSignIn.COOKIE, tenant).get("/console/queues/triage").statusCode());
        assertFalse(page(other, "/console/tickets").contains("Our app is slow"));
        // with a good token of their own session (from a page they may see), the reply still finds no such ticket
        Response reply = given().redirects().follow(false).cookie(DevSignIn.COOKIE, other).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(page(other, "/console/tickets/new"), "csrf-token")).formParam("body", "Let me in")
                .post("/console/tickets/" + id + "/comments");
        assertEquals(404, reply.statusCode());
        assertFalse(page(tenant, "/console/tickets/" + id).contains("Let me in"));
    }

    @Test
    void aFormWithoutItsSessionsTokenChangesNothing() {
        long id = raiseAsTenant("Quota", "More memory please");
        String agent = signIn("agent", null, "ada@support.example");
        String otherAgent = signIn("agent", null, "bob@support.example");
        String othersToken = field(page(otherAgent, "/console/tickets/" + id), "csrf-token");
        for (String token : new String[] {null, "", "not-the-token", othersToken}) {
            var request = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                    .formParam("visibility", "internal").formParam("body", "forged");
            if (token != null) {
                request = request.formParam("csrf-token", token);
            }
            assertEquals(403, request.post("/console/tickets/" + id + "/comments").statusCode(), "token " + token);
        }
        assertFalse(page(agent, "/console/tickets/" + id).contains("forged"));
    }

    @Test
    void anAgentSeesWhoWillReceiveTheirTicketsBeforeHandingOver() {
        long id = raiseAsTenant("Logs missing", "Nothing since Tuesday");
        String ada = signIn("agent", null, "ada@support.example");
        assertEquals(303, post(ada, "/console/tickets/" + id + "/assign", Map.of("group", "first-line", "assignee", "ada@support.example",
                "reason", "mine")).statusCode());
        ServiceStubs.onCall("alan@support.example", "grace@support.example");
        try {
            String preview = page(ada, "/console/hand-over?from=ada@support.example&rota=support");
            assertTrue(preview.contains("1 open ticket of ada@support.example will go to alan@support.example"), preview);
            assertTrue(preview.contains("#" + id + " Logs missing"), preview);
            assertEquals("ada@support.example", fixtures.stored(id).assignee, "the preview moves nothing");

            // the rota moves on before the confirmation: nothing moves, and the page says who is next now
            ServiceStubs.onCall("grace@support.example", "alan@support.example");
            Response stale = given().redirects().follow(false).cookie(DevSignIn.COOKIE, ada).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", field(preview, "csrf-token")).formParam("from", "ada@support.example").formParam("rota", "support")
                    .formParam("to", "alan@support.example").post("/console/hand-over");
            assertEquals(409, stale.statusCode());
            assertTrue(stale.body().asString().contains("is now grace@support.example"), stale.body().asString());
            assertEquals("ada@support.example", fixtures.stored(id).assignee);

            String again = page(ada, "/console/hand-over?from=ada@support.example&rota=support");
            Response done = given().redirects().follow(false).cookie(DevSignIn.COOKIE, ada).contentType("application/x-www-form-urlencoded")
                    .formParam("csrf-token", field(again, "csrf-token")).formParam("from", "ada@support.example").formParam("rota", "support")
                    .formParam("to", field(again, "to")).post("/console/hand-over");
            assertEquals(303, done.statusCode());
            assertEquals("grace@support.example", fixtures.stored(id).assignee);
            assertTrue(page(ada, java.net.URLDecoder.decode(done.header("Location").replaceAll("^https?://[^/]+", ""),
                    java.nio.charset.StandardCharsets.UTF_8)).contains("1 ticket handed over from ada@support.example to grace@support.example"));
        } finally {
            ServiceStubs.reset();
        }
    }

    @Test
    void anAgentReleasesOneSuspendedEmailIntoATicketAndDiscardsAnother() {
        long away = suspend("<away@tenant.example>", "Auto-Submitted: auto-replied", "Re: our quota", "I am away until Monday.\r\nPS: please also raise our memory quota to 40 GB.");
        long bounce = suspend("<bounce@tenant.example>", "Auto-Submitted: auto-generated", "Delivery failure", "550 no such user");
        String agent = signIn("agent", null, "ada@support.example");
        String list = page(agent, "/console/suspended-mail");
        assertTrue(list.contains("href=\"/console/suspended-mail/" + away + "\">Re: our quota</a>"), list);
        assertTrue(list.contains("Auto-Submitted: auto-replied"), "each says why it was suspended");

        String one = page(agent, "/console/suspended-mail/" + away);
        assertTrue(one.contains("please also raise our memory quota"), "the raw message is shown");
        Response released = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(one, "csrf-token")).post("/console/suspended-mail/" + away + "/release");
        assertEquals(303, released.statusCode());
        assertTrue(released.header("Location").matches(".*/console/tickets/\\d+\\?done=released"), released.header("Location"));
        String ticket = page(agent, released.header("Location").replaceAll("^https?://[^/]+", ""));
        assertTrue(ticket.contains("please also raise our memory quota"), "the released email became the ticket");

        String other = page(agent, "/console/suspended-mail/" + bounce);
        Response discarded = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(other, "csrf-token")).post("/console/suspended-mail/" + bounce + "/discard");
        assertEquals(303, discarded.statusCode());
        String waiting = page(agent, "/console/suspended-mail");
        assertFalse(waiting.contains("Delivery failure") || waiting.contains("Re: our quota"), "neither waits any more");
        assertTrue(page(agent, "/console/suspended-mail?state=discarded").contains("Delivery failure"));
        // deciding twice: the page says what was decided, and nothing happens again
        Response twice = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(other, "csrf-token")).post("/console/suspended-mail/" + bounce + "/release");
        assertEquals(409, twice.statusCode());
        assertTrue(twice.body().asString().contains("was discarded by ada@support.example"), twice.body().asString());
        String tenant = signIn("tenant", "acme", "jo@acme.example");
        assertEquals(403, given().redirects().follow(false).cookie(DevSignIn.COOKIE, tenant).get("/console/suspended-mail").statusCode());
    }

    @Test
    void anAgentLinksAnIncidentAndABacklogCardFromThePage() {
        long id = raiseAsTenant("Logs missing", "Nothing since Tuesday");
        String agent = signIn("agent", null, "ada@support.example");
        Response bad = post(agent, "/console/tickets/" + id + "/incident", Map.of("incidentId", "forty-two"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().asString().contains("id=\"incident-incidentId-error\""), bad.body().asString());
        assertEquals(303, post(agent, "/console/tickets/" + id + "/incident", Map.of("incidentId", "#42")).statusCode());
        assertEquals(42L, fixtures.stored(id).incidentId);

        Response notAUrl = post(agent, "/console/tickets/" + id + "/backlog-card", Map.of("url", "javascript:alert(1)", "tellTenant", "yes"));
        assertEquals(400, notAUrl.statusCode());
        assertTrue(notAUrl.body().asString().contains("id=\"backlog-url-error\""), notAUrl.body().asString());
        assertEquals(null, fixtures.stored(id).backlogCardUrl);
        assertEquals(303, post(agent, "/console/tickets/" + id + "/backlog-card", Map.of("url", "https://trello.example/c/1", "tellTenant", "yes")).statusCode());
        assertEquals("https://trello.example/c/1", fixtures.stored(id).backlogCardUrl);
        assertEquals(303, post(agent, "/console/tickets/" + id + "/backlog-card/done", Map.of()).statusCode());
        assertTrue(fixtures.stored(id).backlogDoneAt != null);
        String page = page(agent, "/console/tickets/" + id);
        assertTrue(page.contains("https://trello.example/c/1</a> (done)"), page);
    }

    @Test
    void aLongQueueIsPagedAndItsPagesKeepTheFilters() {
        for (int i = 0; i < 27; i++) {
            TicketApi.as(TicketApi.AGENT).body(Map.of("subject", "Quota " + i, "description", "More memory", "requesterEmail", "jo@acme.example",
                    "organisation", "acme")).post("/api/tickets").then().statusCode(201);
        }
        String agent = signIn("agent", null, "ada@support.example");
        String first = page(agent, "/console/queues/triage?organisation=acme");
        assertTrue(first.contains("Page 1 of 2"), first);
        assertTrue(first.contains("href=\"?organisation=acme&amp;page=2\""), first);
        assertFalse(first.contains("rel=\"prev\""), "no previous page on the first");
        String second = page(agent, "/console/queues/triage?organisation=acme&page=2");
        assertTrue(second.contains("Page 2 of 2") && second.contains("rel=\"prev\""), second);
        assertEquals(2, Pattern.compile("class=\"govuk-table__row\"").matcher(second).results().count() - 1, "27 tickets: 25, then 2");
        assertTrue(page(agent, "/console/queues/triage?organisation=globex").contains("No tickets here."));
        assertTrue(first.contains("Triage <span class=\"govuk-tag govuk-tag--grey\">27</span>"), "a tab's count is exact below the cap");
        // a tab counts up to a cap, so a page costs the same with a million tickets stored: past it, "1,000+"
        var triage = queries.filter("triage", null, null, null, null, null, null, "breach", new uk.gov.paas.support.ticket.service.Actor("ada@support.example", "agent", null));
        assertEquals(27, queries.countUpTo(triage, 1000));
        assertEquals(5, queries.countUpTo(triage, 5));
        assertEquals("1,000+", new TicketConsole.Queue("all", "All", "all", null, null, TicketConsole.COUNTED, false).shownCount());
        assertEquals("999", new TicketConsole.Queue("all", "All", "all", null, null, TicketConsole.COUNTED - 1, false).shownCount());
    }

    @Test
    void aQueueLongerThanItIsCountedSaysSoAndStillPagesOn() {
        io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().run(() -> Ticket.getEntityManager().createNativeQuery("""
                insert into ticket (subject, requester_email, organisation, channel, status, group_name, created_at, created_by, updated_at,
                                    status_changed_at, sla_due_at, next_check_at)
                select 'Seeded ' || g, 'jo@acme.example', 'acme', 'API', 'NEW', 'triage', now(), 'test', now(), now(),
                       now() + g * interval '1 minute', now() + g * interval '1 minute'
                  from generate_series(1, 1001) g""").executeUpdate());
        String agent = signIn("agent", null, "ada@support.example");
        String first = page(agent, "/console/queues/triage");
        assertTrue(first.contains("1,000+ tickets, nearest breach first"), first);
        assertTrue(first.contains("Page 1 of 40+"), first);
        assertTrue(first.contains("Triage <span class=\"govuk-tag govuk-tag--grey\">1,000+</span>"), first);
        // the fortieth page ends at the thousandth ticket: its count goes to the next thousand and finds them all
        String fortieth = page(agent, "/console/queues/triage?page=40");
        assertTrue(fortieth.contains("1,001 tickets") && fortieth.contains("Page 40 of 41") && fortieth.contains("rel=\"next\""), fortieth);
        String last = page(agent, "/console/queues/triage?page=41");
        assertTrue(last.contains("Page 41 of 41") && !last.contains("rel=\"next\""), last);
        TicketApi.as(TicketApi.AGENT).get("/api/tickets?view=triage&size=50").then().statusCode(200)
                .body("total", org.hamcrest.Matchers.equalTo(1000)).body("totalExact", org.hamcrest.Matchers.equalTo(false));
        TicketApi.as(TicketApi.AGENT).get("/api/tickets?view=triage&size=500&page=2").then().statusCode(200)
                .body("items.size()", org.hamcrest.Matchers.equalTo(1)).body("total", org.hamcrest.Matchers.equalTo(1001))
                .body("totalExact", org.hamcrest.Matchers.equalTo(true));
    }

    static long suspend(String messageId, String header, String subject, String body) {
        String raw = "From: Jo Bloggs <jo@tenant.example>\r\nTo: support@localhost\r\nSubject: " + subject + "\r\nMessage-ID: " + messageId
                + "\r\n" + header + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + body + "\r\n";
        return given().auth().oauth2(uk.gov.paas.support.local.DevTokens.forRole("service")).contentType("message/rfc822")
                .body(raw.getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/intake/email").then().statusCode(200)
                .extract().jsonPath().getLong("suspendedId");
    }

    // --- helpers: a browser's cookie, forms with the page's token

    static String signIn(String role, String organisation, String email) {
        var request = given().redirects().follow(false).formParam("role", role).formParam("email", email);
        if (organisation != null) {
            request = request.formParam("organisation", organisation);
        }
        return request.post("/console/sign-in").getCookie(DevSignIn.COOKIE);
    }

    static String page(String session, String path) {
        Response response = given().redirects().follow(false).cookie(DevSignIn.COOKIE, session).get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body().asString());
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        return response.body().asString();
    }

    /** Posts a form as the browser would after loading {@code path}'s page: with the token that page carried. */
    static Response post(String session, String path, Map<String, String> form) {
        String page = path.endsWith("/comments") || path.contains("/tickets/") && !path.endsWith("/console/tickets")
                ? page(session, path.replaceAll("(/console/tickets/\\d+).*", "$1")) : page(session, "/console/tickets/new");
        var request = given().redirects().follow(false).cookie(DevSignIn.COOKIE, session).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(page, "csrf-token"));
        for (Map.Entry<String, String> e : form.entrySet()) {
            request = request.formParam(e.getKey(), e.getValue());
        }
        return request.post(path);
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "no field " + name);
        return m.group(1);
    }

    long raiseAsTenant(String subject, String description) {
        String tenant = signIn("tenant", "acme", "jo@acme.example");
        String formId = field(page(tenant, "/console/tickets/new"), "form-id");
        Response raised = post(tenant, "/console/tickets", Map.of("subject", subject, "description", description, "type", "QUESTION", "form-id", formId));
        assertEquals(303, raised.statusCode(), raised.body().asString());
        return Long.parseLong(raised.header("Location").replaceAll(".*/console/tickets/(\\d+).*", "$1"));
    }
}
