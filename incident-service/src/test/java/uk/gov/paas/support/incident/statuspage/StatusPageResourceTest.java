package uk.gov.paas.support.incident.statuspage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import uk.gov.paas.support.incident.statuspage.StatusPageFixtures.Scenario;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** The HTML page and /status.json, over real HTTP against the real database, with no token. */
@QuarkusTest
class StatusPageResourceTest {

    /** Every anonymous route of the status page, in both packages' resources. */
    static final List<String> ROUTES = List.of("/status", "/status.json", "/api/v2/summary.json", "/api/v2/status.json",
            "/api/v2/components.json", "/api/v2/incidents/unresolved.json", "/api/v2/incidents.json");

    static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\\.[A-Za-z0-9.-]+");

    @Inject
    StatusPageFixtures fixtures;
    @Inject
    MutableClock clock;

    Scenario s;

    @BeforeEach
    void page() {
        fixtures.reset();
        s = fixtures.scenario();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static String html() {
        return given().when().get("/status").then().statusCode(200).contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'")).extract().asString();
    }

    @Test
    void thePageReadsOnAPhoneAndNeedsNoScriptOrOtherSite() {
        String html = html();
        assertTrue(html.contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"), html);
        assertFalse(html.toLowerCase().contains("<script"), "no JavaScript");
        assertFalse(html.contains("src=\"http"), "no external assets");
        assertFalse(html.contains("href=\"http"), "no external links or style sheets");
        assertTrue(html.contains("<title>GOV.UK PaaS status: Major Service Outage</title>"), html);
    }

    @Test
    void thePageShowsComponentsWithTheirStates() {
        String html = html();
        assertTrue(html.contains("<span class=\"name\">Cloud Foundry API</span> <span class=\"state state-major-outage\">Major outage</span>"), html);
        assertTrue(html.contains("<span class=\"name\">App routing</span> <span class=\"state state-partial-outage\">Partial outage</span>"), html);
        assertTrue(html.contains("<span class=\"name\">PostgreSQL</span> <span class=\"state state-operational\">Operational</span>"), html);
        assertTrue(html.contains("<span class=\"name\">Logging</span> <span class=\"state state-degraded-performance\">Degraded performance</span>"), html);
        // in page order
        assertTrue(html.indexOf("id=\"component-" + s.api().id) < html.indexOf("id=\"component-" + s.routing().id));
        assertTrue(html.indexOf("id=\"component-" + s.postgres().id) < html.indexOf("id=\"component-" + s.logging().id));
    }

    @Test
    void theOpenIncidentShowsItsPublicUpdatesNewestFirstAndTheComponentsItNames() {
        String html = html();
        int card = html.indexOf("id=\"incident-" + s.open().id + "\"");
        assertTrue(card > 0, html);
        String article = html.substring(card, html.indexOf("</article>", card));
        assertTrue(article.contains("<h3>Cloud Foundry API unavailable</h3>"), article);
        assertTrue(article.contains("Identified") && article.contains("Critical impact"), article);
        assertTrue(article.contains("Since Wed 25 Nov 2026 09:20 GMT (09:20 UTC)"), article);
        assertTrue(article.contains("Cloud Foundry API: <span class=\"state state-major-outage\">Major outage</span>"), article);
        assertTrue(article.contains("App routing: <span class=\"state state-partial-outage\">Partial outage</span>"), article);
        int newest = article.indexOf("A faulty load balancer rule is rejecting API requests.\nWe are rolling it back.");
        int oldest = article.indexOf("We are investigating errors from the Cloud Foundry API.");
        assertTrue(newest > 0 && oldest > newest, "newest first: " + article);
        assertTrue(article.contains("Wed 25 Nov 2026 09:40 GMT (09:40 UTC)"), article);
    }

    @Test
    void aSecurityIncidentShowsOnlyWhatItsPublicUpdatesSay() {
        String html = html();
        int card = html.indexOf("id=\"incident-" + s.security().id + "\"");
        assertTrue(card > 0, html);
        String article = html.substring(card, html.indexOf("</article>", card));
        assertTrue(article.contains("<h3>Investigating log drain problems</h3>"), article);
        assertTrue(article.contains("Some log drains are not delivering logs. We are investigating."), article);
        // impact from the state its public update set (Logging degraded: minor), not from its P2; time of that update
        assertTrue(article.contains("Minor impact") && article.contains("Since Wed 25 Nov 2026 08:00 GMT"), article);
        assertTrue(article.contains("Logging: ") && !article.contains("PostgreSQL"), article);
        assertFalse(html.contains("incident-" + s.hiddenSecurity().id + "\""), "a security incident with no public update is not shown");
    }

    @Test
    void historyHasIncidentsResolvedInTheLast90DaysOnlyAndPublishedReportsOnly() {
        String html = html();
        assertTrue(html.contains("<details class=\"card\" id=\"incident-" + s.recent().id + "\">"), html);
        assertTrue(html.contains("<summary>Slow staging of apps <span class=\"muted\">(15 November 2026)</span></summary>"), html);
        assertTrue(html.contains("Resolved Sun 15 Nov 2026 12:00 GMT (12:00 UTC)"), html);
        assertTrue(html.contains("Staging is back to its normal speed."), html);
        assertTrue(html.contains("<a href=\"#report-" + s.recent().id + "\">Read the incident report</a>"), html);
        assertFalse(html.contains("Database failover in the summer"), "resolved 119 days ago: out of the history");

        int report = html.indexOf("id=\"report-" + s.recent().id + "\"");
        assertTrue(report > 0, html);
        String body = html.substring(report, html.indexOf("</details>", report));
        assertTrue(body.contains("<summary>Slow staging of apps <span class=\"muted\">(published 20 November 2026)</span></summary>"), body);
        assertTrue(body.contains("<h4>What happened</h4>"), body);
        assertTrue(body.contains("<p>Staging was <strong>slow</strong> for two hours.</p>"), body);
        assertTrue(body.contains("<h5>Causes</h5>\n<ul>\n<li>a full disk on the <code>staging</code> cells &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</li>"), body);
        assertTrue(body.contains("<ol>\n<li>Grow the disks</li>\n<li>Fix the alert routing</li>\n</ol>"), body);
        assertFalse(html.contains("<script>alert"), "report markup is escaped");
    }

    @Test
    void ninetyDaysAreCountedFromTheClock() {
        String inHistory = "<details class=\"card\" id=\"incident-" + s.recent().id + "\">";
        clock.set(StatusPageFixtures.NOW.plus(java.time.Duration.ofDays(81)));
        String later = html();
        assertFalse(later.contains(inHistory), "resolved 90 days and 22 hours before the clock");
        assertTrue(later.contains("id=\"report-" + s.recent().id + "\""), "its published report stays");
        given().when().get("/status.json").then().body("history", empty()).body("reports", hasSize(1));
        clock.set(StatusPageFixtures.NOW.plus(java.time.Duration.ofDays(79)));
        assertTrue(html().contains(inHistory), "resolved 88 days and 22 hours before the clock");
    }

    @Test
    void aResolvedSecurityIncidentAndItsReportGoByItsPublicName() {
        var breach = fixtures.incident("SECRET-TITLE: tokens leaked", uk.gov.paas.support.kernel.targets.Severity.P1,
                uk.gov.paas.support.incident.domain.IncidentStatus.RESOLVED, true, StatusPageFixtures.NOW.minus(java.time.Duration.ofDays(3)),
                StatusPageFixtures.NOW.minus(java.time.Duration.ofDays(2)), s.postgres());
        fixtures.update(breach, uk.gov.paas.support.incident.domain.UpdateTemplate.RESOLVED, "Sign-in problems fixed",
                "Everyone can sign in again.", false, null, StatusPageFixtures.NOW.minus(java.time.Duration.ofDays(2)).minus(java.time.Duration.ofHours(1)),
                s.routing());
        fixtures.review(breach, "# What we changed\n\nWe rotated every token.", StatusPageFixtures.NOW.minus(java.time.Duration.ofDays(1)));

        given().when().get("/status.json").then().statusCode(200)
                .body("history.name", contains("Sign-in problems fixed", "Slow staging of apps"))
                .body("history[0].resolvedAt", equalTo("2026-11-23T09:00:00Z"))
                .body("history[0].impact", equalTo("NONE"))
                .body("history[0].components.name", contains("App routing"))
                .body("reports.title", contains("Sign-in problems fixed", "Slow staging of apps"));
        String html = html();
        assertTrue(html.contains("<h4>What we changed</h4>\n<p>We rotated every token.</p>"), html);
        for (String route : ROUTES) {
            String body = given().when().get(route).then().statusCode(200).extract().asString();
            assertFalse(body.contains("SECRET-TITLE"), route);
        }
    }

    @Test
    void theSubscribeFormPostsEmailAndComponentsToSubscriptions() {
        String html = html();
        assertTrue(html.contains("<form class=\"card\" method=\"post\" action=\"/subscriptions\">"), html);
        assertTrue(html.contains("<input type=\"email\" id=\"email\" name=\"email\" autocomplete=\"email\" spellcheck=\"false\" required>"), html);
        for (var c : List.of(s.api(), s.routing(), s.postgres(), s.logging())) {
            assertTrue(html.contains("<input type=\"checkbox\" name=\"componentIds\" value=\"" + c.id + "\"> " + c.name + "</label>"), html);
        }
    }

    @Test
    void statusJsonHasComponentsOpenIncidentsHistoryAndReportsInUtcWithLocalTime() {
        given().when().get("/status.json").then().statusCode(200).contentType(startsWith("application/json"))
                .body("name", equalTo("GOV.UK PaaS status"))
                .body("url", equalTo("http://localhost:8082/status"))
                .body("zone", equalTo("Europe/London"))
                .body("generatedAt", equalTo("2026-11-25T10:00:00Z"))
                .body("generatedAtLocal", equalTo("2026-11-25T10:00:00+00:00"))
                .body("status.indicator", equalTo("CRITICAL"))
                .body("status.description", equalTo("Major Service Outage"))
                .body("components.name", contains("Cloud Foundry API", "App routing", "PostgreSQL", "Logging"))
                .body("components.state", contains("MAJOR_OUTAGE", "PARTIAL_OUTAGE", "OPERATIONAL", "DEGRADED_PERFORMANCE"))
                .body("components[0].stateLabel", equalTo("Major outage"))
                .body("components[0].updatedAt", equalTo("2026-11-25T09:40:00Z"))
                .body("components[0].updatedAtLocal", equalTo("2026-11-25T09:40:00+00:00"))
                .body("openIncidents.name", contains("Cloud Foundry API unavailable", "Investigating log drain problems"))
                .body("openIncidents[0].id", equalTo(s.open().id.intValue()))
                .body("openIncidents[0].status", equalTo("IDENTIFIED"))
                .body("openIncidents[0].impact", equalTo("CRITICAL"))
                .body("openIncidents[0].startedAt", equalTo("2026-11-25T09:20:00Z"))
                .body("openIncidents[0].startedAtLocal", equalTo("2026-11-25T09:20:00+00:00"))
                .body("openIncidents[0].resolvedAt", nullValue())
                .body("openIncidents[0].link", equalTo("http://localhost:8082/status#incident-" + s.open().id))
                .body("openIncidents[0].components.name", contains("Cloud Foundry API", "App routing"))
                .body("openIncidents[0].components.state", contains("MAJOR_OUTAGE", "PARTIAL_OUTAGE"))
                .body("openIncidents[0].updates.id", contains(s.identified().id.intValue(), s.investigating().id.intValue()))
                .body("openIncidents[0].updates[0].body", equalTo("A faulty load balancer rule is rejecting API requests.\nWe are rolling it back."))
                .body("openIncidents[0].updates[0].publishedAt", equalTo("2026-11-25T09:40:00Z"))
                .body("openIncidents[0].updates[0].publishedAtLocal", equalTo("2026-11-25T09:40:00+00:00"))
                .body("openIncidents[0].updates[0].components[0].state", equalTo("MAJOR_OUTAGE"))
                .body("openIncidents[0].updates[1].components[0].state", equalTo("DEGRADED_PERFORMANCE"))
                .body("openIncidents[1].impact", equalTo("MINOR"))
                .body("openIncidents[1].components.name", contains("Logging"))
                .body("history.name", contains("Slow staging of apps"))
                .body("history[0].status", equalTo("RESOLVED"))
                .body("history[0].resolvedAt", equalTo("2026-11-15T12:00:00Z"))
                .body("history[0].reportPublished", equalTo(true))
                .body("reports", hasSize(1))
                .body("reports[0].incidentId", equalTo(s.recent().id.intValue()))
                .body("reports[0].title", equalTo("Slow staging of apps"))
                .body("reports[0].publishedAt", equalTo("2026-11-20T10:00:00Z"))
                .body("reports[0].publishedAtLocal", equalTo("2026-11-20T10:00:00+00:00"))
                .body("reports[0].markdown", startsWith("# What happened"));
    }

    @Test
    void aQuietPageSaysAllSystemsOperational() {
        fixtures.reset();
        fixtures.quietPage();
        given().when().get("/status.json").then().statusCode(200)
                .body("status.indicator", equalTo("NONE")).body("status.description", equalTo("All Systems Operational"))
                .body("openIncidents", empty()).body("history", empty()).body("reports", empty());
        String html = html();
        assertTrue(html.contains("<p class=\"banner indicator-none\" id=\"page-status\" role=\"status\">All Systems Operational</p>"), html);
        assertTrue(html.contains("There are no open incidents."), html);
    }

    @Test
    void nothingInternalOrPersonalIsInAnyResponse() {
        for (String route : ROUTES) {
            String body = given().when().get(route).then().statusCode(200).extract().asString();
            for (String secret : StatusPageFixtures.NEVER_PUBLIC) {
                assertFalse(body.contains(secret), route + " shows '" + secret + "'");
            }
            assertFalse(EMAIL.matcher(body).find(), route + " shows an email address: " + body);
        }
    }

    @Test
    void noTokenIsNeededAndATokenDoesNotHurt() {
        for (String route : ROUTES) {
            given().when().get(route).then().statusCode(200);
            given().auth().oauth2(DevTokens.forRole("agent")).when().get(route).then().statusCode(200);
            given().auth().oauth2(DevTokens.tenant("acme")).when().get(route).then().statusCode(200);
            Response bad = given().auth().oauth2("not-a-token").when().get(route);
            assertTrue(bad.statusCode() == 200, route + " with a bad token: " + bad.statusCode());
        }
    }

    @Test
    void theRoutesAreReadOnly() {
        for (String route : ROUTES) {
            int status = given().contentType("application/json").body("{}").when().post(route).then().extract().statusCode();
            assertTrue(status == 405 || status == 404 || status == 415, route + " answered POST with " + status);
            given().when().get(route).then().statusCode(200).body(not(containsString("Exception")));
        }
    }
}
