package uk.gov.paas.support.escalation.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.support.ui.Select;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.testing.Browser;
import uk.gov.paas.support.local.DevTokens;

/**
 * The on-call console in a real browser against the packaged service (target/quarkus-app, test profile, the development
 * sign-in): an agent adds an override from the on-call page (first without a reason: refused beside the field, what was
 * typed kept) and sees it there and on the calendar; an alert sent to the Events API v2 intake opens a page, which the
 * agent finds among the open pages and acknowledges from its page. Every page is checked with axe-core (no serious or
 * critical WCAG 2.0/2.1 A or AA violation), and the main ones are photographed into {@code target/browser/} (and into
 * {@code CONSOLE_SCREENSHOTS} when set: {@code docs/console/oncall-*.png}).
 */
@QuarkusIntegrationTest
@io.quarkus.test.junit.TestProfile(OnCallBrowserIT.WakeOnCommit.class)
class OnCallBrowserIT {

    /** The packaged service processes the alert as in production: its inbox worker is woken when the event commits. */
    public static class WakeOnCommit implements io.quarkus.test.junit.QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("support.outbox.wake-on-commit", "true");
        }
    }

    static final ZoneId LONDON = ZoneId.of("Europe/London");
    static final DateTimeFormatter FIELD = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @TestHTTPResource("/")
    URL base;

    final String word = UUID.randomUUID().toString().substring(0, 6);

    @Test
    void anAgentAddsAnOverrideAndAcknowledgesAPageFromTheConsole() throws Exception {
        Browser.assumeAvailable();
        long ada = person("Ada Lovelace", "ada." + word + "@example.org", "head-of-reliability-engineering");
        long grace = person("Grace Hopper", "grace." + word + "@example.org");
        long alan = person("Alan Turing", "alan." + word + "@example.org");
        long rota = given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", "Platform " + word, "members", List.of(ada, grace), "startDate", "2026-01-05", "handoffDay", "MONDAY",
                        "handoffTime", "09:00"))
                .post("/api/rotas").then().statusCode(201).extract().jsonPath().getLong("id");
        String key = given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON).body(Map.of("name", "Alertmanager " + word))
                .post("/api/admin/routing-keys").then().statusCode(201).extract().jsonPath().getString("routingKey");
        String summary = "API error rate above 5% (" + word + ")";
        given().contentType(ContentType.JSON).body(Map.of("routing_key", key, "event_action", "trigger", "dedup_key", "api-5xx-" + word,
                "payload", Map.of("summary", summary, "source", "prometheus", "severity", "critical")))
                .post("/v2/enqueue").then().statusCode(202);

        try (Browser agent = Browser.desktop()) {
            signIn(agent, "agent", "ops." + word + "@support.example");
            assertEquals("Who is on call", agent.h1());
            agent.check(null, "the on-call page");

            // an override from now to in three hours, first without a reason
            LocalDateTime from = LocalDateTime.now(LONDON).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
            new Select(agent.driver().findElement(By.id("override-rota"))).selectByValue(String.valueOf(rota));
            new Select(agent.driver().findElement(By.id("override-personId"))).selectByValue(String.valueOf(alan));
            setValue(agent, "override-from", FIELD.format(from));
            setValue(agent, "override-to", FIELD.format(from.plusHours(3)));
            agent.submit("/console/on-call/overrides");
            assertTrue(agent.text("#override-reason-error").contains("must not be blank"), agent.text("#override-reason-error"));
            assertEquals(FIELD.format(from), agent.driver().findElement(By.id("override-from")).getAttribute("value"), "what was typed is kept");
            assertEquals(String.valueOf(alan), new Select(agent.driver().findElement(By.id("override-personId"))).getFirstSelectedOption().getAttribute("value"));
            agent.check(null, "the override form with an error");
            agent.type("override-reason", "Grace is at the dentist");
            agent.submit("/console/on-call/overrides");
            assertTrue(agent.text(".govuk-notification-banner").contains("Override added."));
            String now = agent.text("#now-" + rota);
            assertTrue(now.startsWith("Alan Turing Override, until"), now);
            agent.check("oncall-now", "the on-call page with an override");

            agent.open(base + "console/on-call/calendar?weeks=4");
            assertEquals("On-call calendar", agent.h1());
            assertTrue(agent.text("#week-1").contains("Alan Turing Override"), agent.text("#week-1"));
            agent.check("oncall-calendar", "the calendar");

            // removing it asks why: refused without a reason, beside the field; then removed, and Grace is back
            agent.open(base + "console/on-call");
            agent.press(By.cssSelector("#overrides-" + rota + " a[href*='/remove']"));
            assertEquals("Remove an override", agent.h1());
            agent.check(null, "removing an override");
            agent.press(By.cssSelector("main form button[type=submit]"));
            assertTrue(agent.text("#remove-reason-error").contains("must not be blank"), agent.text("#remove-reason-error"));
            agent.check(null, "removing an override without a reason");
            agent.type("remove-reason", "Grace moved her appointment");
            agent.press(By.cssSelector("main form button[type=submit]"));
            assertTrue(agent.text(".govuk-notification-banner").contains("Override removed."));
            assertTrue(agent.text("#now-" + rota).startsWith("Ada Lovelace") || agent.text("#now-" + rota).startsWith("Grace Hopper"),
                    agent.text("#now-" + rota));

            agent.open(base + "console/people");
            agent.check("oncall-people", "the people");
            agent.press(agent.driver().findElements(By.linkText("Ada Lovelace")).get(0));
            assertEquals("Ada Lovelace", agent.h1());
            agent.check(null, "a person's page");
            agent.open(base + "console/integrations");
            agent.check(null, "integrations");

            // the page the alert opened (its event was answered 202 and processed moments later): among the open pages,
            // acknowledged from its own page
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
            do {
                agent.open(base + "console/pages");
            } while (!agent.driver().getPageSource().contains(summary) && System.nanoTime() < deadline);
            assertEquals("Open pages", agent.h1());
            agent.check("oncall-pages", "the open pages");
            agent.press(By.partialLinkText(summary));
            assertEquals(summary, agent.h1());
            assertEquals("triggered", agent.text("#page-status"));
            agent.check(null, "a triggered page");
            agent.press(By.id("acknowledge"));
            assertTrue(agent.text(".govuk-notification-banner").contains("Page acknowledged"));
            assertEquals("acknowledged", agent.text("#page-status"));
            assertTrue(agent.text("#page-acknowledged").contains("ops." + word + "@support.example"), agent.text("#page-acknowledged"));
            agent.check("oncall-page", "an acknowledged page");
        }
        try (Browser admin = Browser.desktop()) {
            signIn(admin, "admin", "root." + word + "@support.example");
            admin.open(base + "console/integrations");
            assertTrue(admin.text("#routing-keys").contains("Alertmanager " + word), admin.text("#routing-keys"));
            admin.check("oncall-integrations", "integrations as an administrator");
        }
        try (Browser phone = Browser.phone()) {
            signIn(phone, "agent", "ops." + word + "@support.example");
            phone.check(null, "the on-call page on a phone");
        }
    }

    // --- the API, for what the test needs before a person opens the console

    private static long person(String name, String email, String... roles) {
        return given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", name, "email", email, "phone", "+44 7700 900123", "productionAccess", true, "roles", List.of(roles)))
                .post("/api/people").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    // --- what a person does

    private void signIn(Browser browser, String role, String email) {
        browser.signIn(base + "console", role, null, email);
    }

    /** A datetime-local field's value as a person picks it (typing into one depends on the browser's locale). */
    private static void setValue(Browser browser, String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id(id)), value);
    }

}
