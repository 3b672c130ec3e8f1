package uk.gov.paas.support.escalation.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaOverrideEntry;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.domain.Unavailability;
import uk.gov.paas.support.kernel.console.DevSignIn;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * The on-call console over HTTP as a browser sends it (forms, cookies, redirects), signed in with the development
 * sign-in: every page renders for an agent and is refused to a tenant; a form needs its session's token; an override
 * goes through the API's rules (a reason is needed: refused beside the field, what was typed kept), shows on the
 * on-call page and the calendar, and is removed; phone numbers only for administrators; a page is acknowledged and
 * resolved once, and the rule's 409 (acknowledging a resolved page) is shown on the page.
 */
@QuarkusTest
class OnCallConsoleTest {

    /** Wednesday 9 December 2026, 10:00 London (GMT): support hours. */
    static final Instant WEDNESDAY = Instant.parse("2026-12-09T10:00:00Z");
    static final String PHONE = "+44 7700 900123";

    @Inject
    EscalationFixtures fixtures;
    @Inject
    MutableClock clock;

    Person ada;
    Person grace;
    Person alan;
    Rota support;

    @BeforeEach
    void directory() {
        fixtures.reset();
        clock.set(WEDNESDAY);
        ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        grace = fixtures.person("Grace Hopper", "grace@example.org", true, "head-of-reliability-engineering");
        alan = fixtures.person("Alan Turing", "alan@example.org", true);
        support = fixtures.weeklyRota("Support", RotaPurpose.SUPPORT, LocalDate.parse("2026-11-30"), ada, grace);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyPageRendersForAnAgentAndATenantIsRefusedEveryOne() {
        long page = openPage("Disk full on db-1");
        String agent = signIn("agent", null, "ops@support.example");
        Response home = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console");
        assertEquals(303, home.statusCode());
        assertTrue(home.header("Location").endsWith("/console/on-call"), home.header("Location"));

        String onCall = page(agent, "/console/on-call");
        // week 2 of a rota that started on Monday 30 November: Grace, until Monday 14 December 09:00
        assertTrue(onCall.contains("id=\"now-" + support.id + "\"><strong>Grace Hopper</strong>, until <time datetime=\"2026-12-14T09:00:00Z\""), onCall);
        assertTrue(onCall.contains("Ada Lovelace, from <time datetime=\"2026-12-14T09:00:00Z\""), "who is next: " + onCall);
        assertTrue(onCall.contains("every 7 days, Monday 09:00 London time; members in turn: Ada Lovelace, Grace Hopper"), onCall);
        assertTrue(onCall.contains("Level 1: whoever is on call (the support rota in hours, the escalation rota out of hours), acknowledge within 10 min"), onCall);
        assertTrue(onCall.contains("Level 2: every available head of reliability engineering, acknowledge within 10 min"), onCall);
        assertTrue(onCall.contains("Then from level 1 again (1 more time)"), onCall);

        String calendar = page(agent, "/console/on-call/calendar?weeks=3");
        assertTrue(calendar.contains("Week of Monday 7 December 2026"), calendar);
        assertTrue(calendar.contains("Week of Monday 21 December 2026"), calendar);
        assertFalse(calendar.contains("Week of Monday 28 December 2026"), "three weeks only");

        assertTrue(page(agent, "/console/people").contains("href=\"/console/people/" + grace.id + "\">Grace Hopper</a>"));
        assertTrue(page(agent, "/console/people/" + grace.id).contains("head of reliability engineering"));
        assertTrue(page(agent, "/console/integrations").contains("Routing keys are shown to administrators only."));
        String pages = page(agent, "/console/pages");
        assertTrue(pages.contains("href=\"/console/pages/" + page + "\">#" + page + " Disk full on db-1</a>"), pages);
        String one = page(agent, "/console/pages/" + page);
        assertTrue(one.contains("<h1 class=\"govuk-heading-l\">Disk full on db-1</h1>"), one);
        assertTrue(one.contains(">opened</td>"), "the page's log: " + one);

        String tenant = signIn("tenant", "acme", "jo@acme.example");
        for (String path : List.of("/console", "/console/on-call", "/console/on-call/calendar", "/console/people", "/console/people/" + ada.id,
                "/console/integrations", "/console/pages", "/console/pages/" + page)) {
            assertEquals(403, given().redirects().follow(false).cookie(DevSignIn.COOKIE, tenant).get(path).statusCode(), path);
        }
    }

    @Test
    void aFormWithoutItsSessionsTokenIsRefusedAndChangesNothing() {
        String agent = signIn("agent", null, "ops@support.example");
        String othersToken = field(page(signIn("agent", null, "bob@support.example"), "/console/on-call"), "csrf-token");
        for (String token : new String[] {null, "", "not-the-token", othersToken}) {
            var request = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                    .formParam("rota", support.id).formParam("personId", alan.id).formParam("from", "2026-12-09T12:00")
                    .formParam("to", "2026-12-10T12:00").formParam("reason", "swap");
            if (token != null) {
                request = request.formParam("csrf-token", token);
            }
            assertEquals(403, request.post("/console/on-call/overrides").statusCode(), "token " + token);
        }
        long page = openPage("CSRF check");
        assertEquals(403, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .post("/console/pages/" + page + "/acknowledge").statusCode());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> RotaOverrideEntry.count()));
        assertEquals("TRIGGERED", stored(page).status.name());
    }

    @Test
    void anOverrideWithoutAReasonIsRefusedBesideTheFieldWithWhatWasTypedKept() {
        String agent = signIn("agent", null, "ops@support.example");
        Response refused = post(agent, "/console/on-call/overrides", form("rota", support.id, "personId", alan.id, "from", "2026-12-09T12:00",
                "to", "2026-12-10T12:00", "reason", " "));
        assertEquals(400, refused.statusCode());
        String html = refused.body().asString();
        assertTrue(html.contains("id=\"override-reason-error\""), html);
        assertTrue(html.contains("must not be blank"), html);
        assertTrue(html.contains("value=\"2026-12-09T12:00\""), "the time typed is kept: " + html);
        assertTrue(html.contains("<option value=\"" + alan.id + "\" selected>Alan Turing</option>"), "the person chosen is kept");

        // what the console cannot read, and what the API's rules refuse, come back the same way: 400 beside the field
        Response unreadable = post(agent, "/console/on-call/overrides", form("rota", support.id, "personId", alan.id, "from", "next tuesday",
                "to", "2026-12-10T12:00", "reason", "swap"));
        assertEquals(400, unreadable.statusCode());
        assertTrue(unreadable.body().asString().contains("id=\"override-from-error\""), unreadable.body().asString());
        Response backwards = post(agent, "/console/on-call/overrides", form("rota", support.id, "personId", alan.id, "from", "2026-12-10T12:00",
                "to", "2026-12-09T12:00", "reason", "swap"));
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().asString().contains("id=\"override-to-error\""), backwards.body().asString());
        assertEquals(404, post(agent, "/console/on-call/overrides", form("rota", 999999, "personId", alan.id, "from", "2026-12-09T12:00",
                "to", "2026-12-10T12:00", "reason", "swap")).statusCode());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> RotaOverrideEntry.count()));
    }

    @Test
    void anAddedOverrideIsOnTheOnCallPageAndTheCalendarAndCanBeRemoved() {
        String agent = signIn("agent", null, "ops@support.example");
        // 09:00 to 17:00 London on Wednesday 9 December (GMT: the same in UTC), Alan covers Grace
        Response added = post(agent, "/console/on-call/overrides", form("rota", support.id, "personId", alan.id, "from", "2026-12-09T09:00",
                "to", "2026-12-09T17:00", "reason", "Grace at the dentist"));
        assertEquals(303, added.statusCode(), added.body().asString());
        assertTrue(added.header("Location").endsWith("/console/on-call?done=override"), added.header("Location"));
        RotaOverrideEntry stored = QuarkusTransaction.requiringNew().call(() -> RotaOverrideEntry.<RotaOverrideEntry>findAll().firstResult());
        assertEquals(Instant.parse("2026-12-09T09:00:00Z"), stored.from);
        assertEquals("Grace at the dentist", stored.reason);

        String onCall = page(agent, "/console/on-call?done=override");
        assertTrue(onCall.contains("Override added."), onCall);
        assertTrue(onCall.contains("id=\"now-" + support.id + "\"><strong>Alan Turing</strong> <strong class=\"govuk-tag govuk-tag--yellow\">Override</strong>, until <time datetime=\"2026-12-09T17:00:00Z\""), onCall);
        assertTrue(onCall.contains("Grace Hopper, from <time datetime=\"2026-12-09T17:00:00Z\""), "Grace is next, after the cover: " + onCall);
        assertTrue(onCall.contains("Grace at the dentist"), onCall);

        String calendar = page(agent, "/console/on-call/calendar");
        assertTrue(Pattern.compile("Alan Turing <strong class=\"govuk-tag govuk-tag--yellow\">Override</strong></td>\\s*<td class=\"govuk-table__cell\"><time datetime=\"2026-12-09T09:00:00Z\"")
                .matcher(calendar).find(), calendar);

        // removing it asks why first: a page showing the override and a reason field; without a reason, refused beside it
        String confirm = page(agent, "/console/on-call/overrides/" + support.id + "/" + stored.id + "/remove");
        assertTrue(confirm.contains("Remove an override") && confirm.contains("Grace at the dentist"), confirm);
        Response noReason = post(agent, "/console/on-call/overrides/" + support.id + "/" + stored.id + "/remove", Map.of("reason", " "));
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().asString().contains("id=\"remove-reason-error\""), noReason.body().asString());
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> RotaOverrideEntry.count()), "nothing removed without a reason");
        Response removed = post(agent, "/console/on-call/overrides/" + support.id + "/" + stored.id + "/remove",
                Map.of("reason", "Grace moved her appointment"));
        assertEquals(303, removed.statusCode());
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> RotaOverrideEntry.count()), "no schedule reads it again");
        // ... and it stays on record: who removed it and why
        assertEquals("ops@support.example|Grace moved her appointment", QuarkusTransaction.requiringNew().call(() -> String.valueOf(
                RotaOverrideEntry.getEntityManager().createNativeQuery("select removed_by || '|' || removed_reason from rota_override where id = "
                        + stored.id).getSingleResult())));
        String after = page(agent, "/console/on-call?done=override-removed");
        assertTrue(after.contains("id=\"now-" + support.id + "\"><strong>Grace Hopper</strong>, until"), after);
        assertFalse(page(agent, "/console/on-call/calendar").contains("Override</strong>"), "no override left on the calendar");
        // removing it again: the API's 404, as the console's "Page not found", not a crash
        Response again = post(agent, "/console/on-call/overrides/" + support.id + "/" + stored.id + "/remove", Map.of("reason", "twice"));
        assertEquals(404, again.statusCode());
        assertTrue(again.body().asString().contains("Page not found"), again.body().asString());
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent)
                .get("/console/on-call/overrides/" + support.id + "/" + stored.id + "/remove").statusCode());
    }

    @Test
    void phoneNumbersAreShownToAdministratorsOnlyAsTheApiSays() {
        String agent = signIn("agent", null, "ops@support.example");
        String admin = signIn("admin", null, "root@support.example");
        assertFalse(page(agent, "/console/people").contains(PHONE), "an agent sees no phone number");
        assertTrue(page(agent, "/console/people").contains("Phone numbers are shown to administrators only."));
        assertFalse(page(agent, "/console/people/" + ada.id).contains(PHONE));
        assertTrue(page(admin, "/console/people").contains(PHONE));
        assertTrue(page(admin, "/console/people/" + ada.id).contains("id=\"person-phone\">" + PHONE + "</dd>"));
    }

    @Test
    void leaveIsAddedAndRemovedOnAPersonsPageThroughTheApisRules() {
        String agent = signIn("agent", null, "ops@support.example");
        Response backwards = post(agent, "/console/people/" + ada.id + "/unavailability", form("from", "2026-12-20T09:00", "to", "2026-12-19T09:00",
                "reason", "holiday"));
        assertEquals(400, backwards.statusCode());
        assertTrue(backwards.body().asString().contains("id=\"unavailability-to-error\""), backwards.body().asString());
        assertTrue(backwards.body().asString().contains("value=\"holiday\""), "the reason typed is kept");

        // now (Wednesday 10:00) to Friday: unavailable at once
        Response added = post(agent, "/console/people/" + ada.id + "/unavailability", form("from", "2026-12-09T08:00", "to", "2026-12-11T18:00",
                "reason", "holiday"));
        assertEquals(303, added.statusCode(), added.body().asString());
        String person = page(agent, "/console/people/" + ada.id + "?done=unavailable");
        assertTrue(person.contains("id=\"person-available\">Unavailable</dd>"), person);
        assertTrue(person.contains("holiday"), person);
        long period = QuarkusTransaction.requiringNew().call(() -> Unavailability.<Unavailability>findAll().firstResult().id);
        assertEquals(303, post(agent, "/console/people/" + ada.id + "/unavailability/" + period + "/remove", Map.of()).statusCode());
        assertTrue(page(agent, "/console/people/" + ada.id).contains("id=\"person-available\">Available</dd>"));
    }

    @Test
    void aPageIsAcknowledgedAndResolvedOnceAndTheRulesRefusalIsShownOnThePage() {
        long id = openPage("API error rate above 5%");
        String agent = signIn("agent", null, "ops@support.example");
        String open = page(agent, "/console/pages/" + id);
        assertTrue(open.contains("id=\"acknowledge\""), open);

        Response acked = post(agent, "/console/pages/" + id + "/acknowledge", Map.of());
        assertEquals(303, acked.statusCode());
        assertTrue(acked.header("Location").endsWith("/console/pages/" + id + "?done=acknowledged"), acked.header("Location"));
        assertEquals("ACKNOWLEDGED", stored(id).status.name());
        assertEquals("ops@support.example", stored(id).acknowledgedBy);
        String page = page(agent, "/console/pages/" + id + "?done=acknowledged");
        assertTrue(page.contains("Page acknowledged: escalation has stopped."), page);
        assertFalse(page.contains("id=\"acknowledge\""), "no acknowledge button on an acknowledged page");

        // the same form sent again (a second tab, a double click): the API changes nothing, and the page says so
        Response twice = post(agent, "/console/pages/" + id + "/acknowledge", Map.of());
        assertEquals(303, twice.statusCode());
        assertTrue(twice.header("Location").endsWith("?done=already-acknowledged"), twice.header("Location"));
        assertEquals(1L, acknowledgements(id));

        assertEquals(303, post(agent, "/console/pages/" + id + "/resolve", Map.of()).statusCode());
        assertEquals("RESOLVED", stored(id).status.name());
        assertFalse(page(agent, "/console/pages").contains("#" + id + " "), "a resolved page is not open");
        assertTrue(page(agent, "/console/pages?status=RESOLVED").contains("#" + id + " API error rate"));

        // acknowledging a resolved page: the API's 409, on the page, and nothing changes
        Response refused = post(agent, "/console/pages/" + id + "/acknowledge", Map.of());
        assertEquals(409, refused.statusCode());
        String html = refused.body().asString();
        assertTrue(html.contains("govuk-error-summary"), html);
        assertTrue(html.contains("is resolved; there is nothing to acknowledge"), html);
        assertEquals("RESOLVED", stored(id).status.name());
        assertEquals(1L, acknowledgements(id));
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/pages/999999").statusCode());
    }

    @Test
    void anAdministratorSeesEachRoutingKeyWithItsGradingAndWhenItLastTriggered() {
        var created = given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Uptime checks", "fixedPriority", "P1")).post("/api/admin/routing-keys").then().statusCode(201)
                .extract().jsonPath();
        String admin = signIn("admin", null, "root@support.example");
        String before = page(admin, "/console/integrations");
        assertTrue(Pattern.compile("Uptime checks</td>.*Every event is P1.*>Never</td>", Pattern.DOTALL).matcher(before).find(), before);

        given().contentType(ContentType.JSON).body(Map.of("routing_key", created.getString("routingKey"), "event_action", "trigger",
                "dedup_key", "uptime/home", "payload", Map.of("summary", "Home page down", "source", "uptime", "severity", "info")))
                .post("/v2/enqueue").then().statusCode(202);
        fixtures.intake();
        String after = page(admin, "/console/integrations");
        assertTrue(Pattern.compile("Uptime checks</td>.*<time datetime=\"2026-12-09T10:00:00Z\"", Pattern.DOTALL).matcher(after).find(), after);
        given().auth().oauth2(DevTokens.forRole("admin")).get("/api/admin/routing-keys/" + created.getLong("id")).then().statusCode(200)
                .body("lastTriggerAt", org.hamcrest.Matchers.equalTo("2026-12-09T10:00:00Z"));
        assertFalse(page(signIn("agent", null, "ops@support.example"), "/console/integrations").contains("Uptime checks"),
                "routing keys are an administrator's, as in the API");
    }

    @Test
    void aFormWithNothingInItIsRefusedBesideEachFieldNeverA500() {
        String agent = signIn("agent", null, "ops@support.example");
        Response empty = post(agent, "/console/on-call/overrides", Map.of());
        assertEquals(400, empty.statusCode());
        for (String field : List.of("rota")) {
            assertTrue(empty.body().asString().contains("id=\"override-" + field + "-error\""), field + ": " + empty.body().asString());
        }
        Response nothing = post(agent, "/console/on-call/overrides", form("rota", support.id, "personId", "", "from", "", "to", "", "reason", ""));
        assertEquals(400, nothing.statusCode());
        for (String field : List.of("personId", "from", "to", "reason")) {
            assertTrue(nothing.body().asString().contains("id=\"override-" + field + "-error\""), field + ": " + nothing.body().asString());
        }
        Response leave = post(agent, "/console/people/" + ada.id + "/unavailability", Map.of());
        assertEquals(400, leave.statusCode());
        assertTrue(leave.body().asString().contains("id=\"unavailability-from-error\""), leave.body().asString());
        assertEquals(404, post(agent, "/console/people/999999/unavailability", form("from", "2026-12-09T08:00", "to", "2026-12-10T08:00")).statusCode());
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/people/999999").statusCode());
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/on-call/calendar?weeks=many").statusCode());
        assertEquals(200, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/on-call/calendar?weeks=-5").statusCode());
        assertEquals(200, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/pages?status=nonsense&page=-1").statusCode());
    }

    // --- helpers

    long openPage(String summary) {
        return given().auth().oauth2(DevTokens.forRole("service")).contentType(ContentType.JSON)
                .body(Map.of("severity", "P1", "summary", summary, "source", "console test", "dedupKey", summary))
                .post("/api/pages").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    static Page stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(id));
    }

    static long acknowledgements(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PageLogEntry.count("pageId = ?1 and kind = ?2", id, PageLogEntry.Kind.ACKNOWLEDGED));
    }

    static Map<String, String> form(Object... pairs) {
        Map<String, String> form = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            form.put(pairs[i].toString(), pairs[i + 1].toString());
        }
        return form;
    }

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

    /** Posts a form as the browser would after loading the on-call page: with the token that page carried. */
    static Response post(String session, String path, Map<String, String> form) {
        var request = given().redirects().follow(false).cookie(DevSignIn.COOKIE, session).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(page(session, "/console/on-call"), "csrf-token"));
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
}
