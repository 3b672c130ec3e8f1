package uk.gov.paas.support.escalation.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

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
class OnCallBrowserIT {

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
            assertEquals("Who is on call", h1(agent));
            check(agent, null, "the on-call page");

            // an override from now to in three hours, first without a reason
            LocalDateTime from = LocalDateTime.now(LONDON).truncatedTo(ChronoUnit.MINUTES).minusMinutes(1);
            new Select(agent.driver().findElement(By.id("override-rota"))).selectByValue(String.valueOf(rota));
            new Select(agent.driver().findElement(By.id("override-personId"))).selectByValue(String.valueOf(alan));
            setValue(agent, "override-from", FIELD.format(from));
            setValue(agent, "override-to", FIELD.format(from.plusHours(3)));
            submit(agent, "/console/on-call/overrides");
            assertTrue(text(agent, "#override-reason-error").contains("must not be blank"), text(agent, "#override-reason-error"));
            assertEquals(FIELD.format(from), agent.driver().findElement(By.id("override-from")).getAttribute("value"), "what was typed is kept");
            assertEquals(String.valueOf(alan), new Select(agent.driver().findElement(By.id("override-personId"))).getFirstSelectedOption().getAttribute("value"));
            check(agent, null, "the override form with an error");
            type(agent, "override-reason", "Grace is at the dentist");
            submit(agent, "/console/on-call/overrides");
            assertTrue(text(agent, ".govuk-notification-banner").contains("Override added."));
            String now = text(agent, "#now-" + rota);
            assertTrue(now.startsWith("Alan Turing Override, until"), now);
            check(agent, "oncall-now", "the on-call page with an override");

            agent.open(base + "console/on-call/calendar?weeks=4");
            assertEquals("On-call calendar", h1(agent));
            assertTrue(text(agent, "#week-1").contains("Alan Turing Override"), text(agent, "#week-1"));
            check(agent, "oncall-calendar", "the calendar");

            // removing it asks why: refused without a reason, beside the field; then removed, and Grace is back
            agent.open(base + "console/on-call");
            press(agent, agent.driver().findElement(By.cssSelector("#overrides-" + rota + " a[href*='/remove']")));
            assertEquals("Remove an override", h1(agent));
            check(agent, null, "removing an override");
            press(agent, agent.driver().findElement(By.cssSelector("main form button[type=submit]")));
            assertTrue(text(agent, "#remove-reason-error").contains("must not be blank"), text(agent, "#remove-reason-error"));
            check(agent, null, "removing an override without a reason");
            type(agent, "remove-reason", "Grace moved her appointment");
            press(agent, agent.driver().findElement(By.cssSelector("main form button[type=submit]")));
            assertTrue(text(agent, ".govuk-notification-banner").contains("Override removed."));
            assertTrue(text(agent, "#now-" + rota).startsWith("Ada Lovelace") || text(agent, "#now-" + rota).startsWith("Grace Hopper"),
                    text(agent, "#now-" + rota));

            agent.open(base + "console/people");
            check(agent, "oncall-people", "the people");
            press(agent, agent.driver().findElements(By.linkText("Ada Lovelace")).get(0));
            assertEquals("Ada Lovelace", h1(agent));
            check(agent, null, "a person's page");
            agent.open(base + "console/integrations");
            check(agent, null, "integrations");

            // the page the alert opened: among the open pages, acknowledged from its own page
            agent.open(base + "console/pages");
            assertEquals("Open pages", h1(agent));
            check(agent, "oncall-pages", "the open pages");
            press(agent, agent.driver().findElement(By.partialLinkText(summary)));
            assertEquals(summary, h1(agent));
            assertEquals("triggered", text(agent, "#page-status"));
            check(agent, null, "a triggered page");
            press(agent, agent.driver().findElement(By.id("acknowledge")));
            assertTrue(text(agent, ".govuk-notification-banner").contains("Page acknowledged"));
            assertEquals("acknowledged", text(agent, "#page-status"));
            assertTrue(text(agent, "#page-acknowledged").contains("ops." + word + "@support.example"), text(agent, "#page-acknowledged"));
            check(agent, "oncall-page", "an acknowledged page");
        }
        try (Browser admin = Browser.desktop()) {
            signIn(admin, "admin", "root." + word + "@support.example");
            admin.open(base + "console/integrations");
            assertTrue(text(admin, "#routing-keys").contains("Alertmanager " + word), text(admin, "#routing-keys"));
            check(admin, "oncall-integrations", "integrations as an administrator");
        }
        try (Browser phone = Browser.phone()) {
            signIn(phone, "agent", "ops." + word + "@support.example");
            check(phone, null, "the on-call page on a phone");
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
        browser.open(base + "console");
        assertEquals("Sign in", h1(browser), "an anonymous browser is sent to sign in");
        check(browser, null, "the sign-in page");
        browser.driver().findElement(By.id("role-" + role)).click();
        type(browser, "email", email);
        press(browser, browser.driver().findElement(By.cssSelector("main form button[type=submit]")));
    }

    private static void type(Browser browser, String id, String text) {
        WebElement field = browser.driver().findElement(By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** A datetime-local field's value as a person picks it (typing into one depends on the browser's locale). */
    private static void setValue(Browser browser, String id, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1]", browser.driver().findElement(By.id(id)), value);
    }

    private static void submit(Browser browser, String action) {
        press(browser, browser.driver().findElement(By.cssSelector("form[action='" + action + "'] button[type=submit]")));
    }

    /** Clicks, then waits for the next page: a form's answer is a new document, even when it is the same address. */
    private static void press(Browser browser, WebElement button) {
        WebElement page = browser.driver().findElement(By.tagName("html"));
        button.click();
        new WebDriverWait(browser.driver(), Duration.ofSeconds(30)).until(ExpectedConditions.stalenessOf(page));
    }

    private static String h1(Browser browser) {
        return browser.driver().findElement(By.tagName("h1")).getText().strip();
    }

    private static String text(Browser browser, String css) {
        try {
            return browser.driver().findElement(By.cssSelector(css)).getText().strip();
        } catch (org.openqa.selenium.NoSuchElementException e) {
            throw new AssertionError("no " + css + " on " + browser.driver().getCurrentUrl() + ", which reads:\n"
                    + browser.driver().findElement(By.tagName("body")).getText(), e);
        }
    }

    /** axe-core on the page as it stands; a photograph of it under {@code name} when named. */
    private static void check(Browser browser, String name, String page) {
        if (name != null) {
            try {
                Path dir = Files.createDirectories(Path.of("target", "browser"));
                browser.screenshot(dir.resolve("console-" + name + ".png"));
                String docs = System.getenv("CONSOLE_SCREENSHOTS");
                if (docs != null && !docs.isBlank()) {
                    browser.screenshot(Files.createDirectories(Path.of(docs)).resolve(name + ".png"));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        browser.assertAccessible(page);
    }

}
