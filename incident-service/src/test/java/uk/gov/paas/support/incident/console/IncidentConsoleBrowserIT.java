package uk.gov.paas.support.incident.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.kernel.testing.Browser;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MailParts;
import uk.gov.paas.support.local.DevTokens;

/**
 * The incident console in a real browser against the packaged service (target/quarkus-app, test profile, the development
 * sign-in), its emails going to the test GreenMail server: an admin adds a component and a tenant subscribes to it; an
 * agent declares a P1 from the form, sets the lead, is refused an update naming no component (the message beside the
 * field), previews an update naming the component (the text and "1 confirmed subscriber") and sends it, and the
 * subscriber's email arrives exactly once; the agent resolves the incident, previews the report's public version and
 * publishes it. Every page is checked with axe-core, and the main ones are photographed into {@code target/browser/} and,
 * when {@code CONSOLE_SCREENSHOTS} is set, there ({@code docs/console/incident-*.png}). The packaged service relays its
 * outbox on commit here (the test profile otherwise leaves that to the tests, which cannot reach into another process).
 */
@QuarkusIntegrationTest
@TestProfile(IncidentConsoleBrowserIT.Relaying.class)
class IncidentConsoleBrowserIT {

    /** The packaged service sends its emails itself: woken on commit, swept every second. */
    public static class Relaying implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("support.outbox.wake-on-commit", "true", "support.outbox.relay-interval", "1s");
        }

        @Override
        public String getConfigProfile() {
            return "test";
        }
    }

    @TestHTTPResource("/")
    URL base;

    final String word = UUID.randomUUID().toString().substring(0, 6);

    private Long incident;
    private boolean resolved;

    /** An open incident left behind (a failed test) would have deadlines for later runs to act on. */
    @AfterEach
    void resolveLeftOver() {
        if (incident != null && !resolved) {
            given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON).body(Map.of("agreedBy", "cleanup"))
                    .post("/api/incidents/{id}/resolve", incident).then().statusCode(200);
        }
    }

    @Test
    void anAgentRunsAP1FromDeclarationToPublishedReportAndTheSubscriberIsEmailedOnce() throws Exception {
        Browser.assumeAvailable();
        String lead = "ada." + word + "@support.example";
        EscalationStub.person(900_001, "Ada Lovelace", lead, true);
        String component = "Object storage " + word;
        String subscriber = "jo." + word + "@tenant.example";

        try (Browser admin = Browser.desktop(); Browser agent = Browser.desktop()) {
            // the admin adds a component; a tenant subscribes to it and confirms from the email
            signIn(admin, "admin", "root." + word + "@support.example");
            admin.open(base + "console/components");
            type(admin, "add-name", component);
            type(admin, "add-description", "S3-compatible buckets for apps");
            type(admin, "add-position", "0");
            submit(admin, "/console/components");
            assertTrue(text(admin, ".govuk-notification-banner").contains("Component added"));
            check(admin, "incident-components", "the components page");
            long componentId = componentId(component);
            subscribe(subscriber, componentId);

            // the agent: the board, then a P1 declared from the form
            signIn(agent, "agent", lead);
            assertEquals("Open incidents", h1(agent).replaceAll("\\s+\\d+ open.*", "").strip());
            check(agent, null, "the board");
            press(agent, agent.driver().findElement(By.linkText("Declare an incident")));
            assertEquals("Declare an incident", h1(agent));
            check(agent, "incident-declare", "the declare form");
            String title = "Buckets refuse uploads " + word;
            type(agent, "declare-title", title);
            type(agent, "declare-description", "Every PUT to the object store answers 503.");
            agent.driver().findElement(By.id("declare-severity-P1")).click();
            agent.driver().findElement(By.id("declare-component-" + componentId)).click();
            submit(agent, "/console/incidents");
            assertEquals(title, h1(agent));
            assertTrue(text(agent, ".govuk-notification-banner").contains("Incident declared"));
            assertTrue(text(agent, "#incident-severity").startsWith("P1"));
            incident = Long.valueOf(path(agent.driver().getCurrentUrl()).replaceAll("\\D", ""));

            // the lead, checked against the directory
            type(agent, "team-leadEmail", lead);
            type(agent, "team-commsEmail", "cy." + word + "@support.example");
            type(agent, "team-commsName", "Cy Comms");
            submit(agent, "/team");
            assertTrue(text(agent, "#incident-lead").contains(lead), text(agent, "#incident-lead"));
            assertFalse(agent.driver().findElements(By.cssSelector("#timeline-kind option[value=PRODUCTION_CHANGE]")).isEmpty(),
                    "the lead is offered a production change");
            check(agent, "incident-page", "the incident page");

            // an update naming no component is refused beside the field, with the text kept
            agent.driver().findElement(By.id("update-template-IDENTIFIED")).click();
            type(agent, "update-body", "A full disk on one storage node refuses writes. We are moving data off it.");
            submit(agent, "/updates/preview");
            assertTrue(text(agent, "#update-componentIds-error").contains("name at least one component"), text(agent, "#update-componentIds-error"));
            assertEquals("A full disk on one storage node refuses writes. We are moving data off it.",
                    agent.driver().findElement(By.id("update-body")).getAttribute("value"));
            check(agent, null, "the incident page with an update refused");

            // with the component: the preview, then send
            agent.driver().findElement(By.id("update-component-" + componentId)).click();
            submit(agent, "/updates/preview");
            assertEquals("Check the update before it is sent", h1(agent));
            assertTrue(text(agent, "#recipients").startsWith("This emails 1 confirmed subscriber of " + component), text(agent, "#recipients"));
            String previewed = text(agent, "#preview-text");
            assertTrue(previewed.startsWith("Issue identified: " + title), previewed);
            check(agent, "incident-update-preview", "the update preview");
            assertEquals(0, to(subscriber).size() - 1, "only the confirmation so far");
            submit(agent, "/updates");
            assertTrue(text(agent, ".govuk-notification-banner").contains("Update published"));
            check(agent, null, "the incident page after an update");
            List<MimeMessage> updates = awaitUpdates(subscriber, title);
            assertEquals(1, updates.size());
            assertTrue(MailParts.text(updates.get(0)).contains("A full disk on one storage node refuses writes."), MailParts.text(updates.get(0)));
            Thread.sleep(3000); // two more sweeps: nothing is sent again
            assertEquals(1, updatesTo(subscriber, title).size(), "the subscriber's email arrives exactly once");

            agent.open(base + "console/incidents");
            assertTrue(text(agent, "#incident-" + incident).contains(title));
            check(agent, "incident-board", "the board with an open P1");

            // resolved, then the report previewed and published
            agent.open(base + "console/incidents/" + incident);
            type(agent, "resolve-agreedBy", "Pat Product");
            type(agent, "resolve-body", "Writes succeed again; the node's data moved.");
            submit(agent, "/resolve");
            resolved = true;
            assertTrue(h1(agent).startsWith("After the incident"), h1(agent));
            String publicVersion = text(agent, "#report-public");
            assertTrue(text(agent, "#report-internal").contains("Ada Lovelace"), "the team's report names the lead");
            assertFalse(publicVersion.contains("Ada") || publicVersion.contains(lead), publicVersion);
            check(agent, null, "the report before publishing");
            submit(agent, "/report/publish");
            assertTrue(text(agent, ".govuk-notification-banner").contains("Report published"));
            check(agent, "incident-report", "the report, published");
            String status = given().get("/status").then().statusCode(200).extract().asString();
            assertTrue(status.contains(title), "the status page lists it");
        }
    }

    // --- the tenant's subscription, by email

    private void subscribe(String email, long componentId) throws Exception {
        given().contentType(ContentType.JSON).body(Map.of("email", email, "componentIds", List.of(componentId))).post("/subscriptions")
                .then().statusCode(org.hamcrest.Matchers.lessThan(300));
        MimeMessage confirm = await(() -> to(email).stream().findFirst().orElse(null));
        Matcher link = Pattern.compile("/subscriptions/[^/\\s]+/confirm").matcher(MailParts.text(confirm));
        assertTrue(link.find(), MailParts.text(confirm));
        given().get(link.group()).then().statusCode(200);
    }

    private static long componentId(String name) {
        List<Map<String, Object>> all = given().auth().oauth2(DevTokens.forRole("admin")).get("/api/components").then().statusCode(200)
                .extract().jsonPath().getList("$");
        return all.stream().filter(c -> name.equals(c.get("name"))).map(c -> ((Number) c.get("id")).longValue()).findFirst().orElseThrow();
    }

    private static List<MimeMessage> to(String email) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : GreenMailTestResource.greenMail().getReceivedMessages()) {
            try {
                for (Address a : m.getAllRecipients()) {
                    if (a.toString().equalsIgnoreCase(email)) {
                        found.add(m);
                    }
                }
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    private static List<MimeMessage> updatesTo(String email, String title) {
        return to(email).stream().filter(m -> {
            try {
                return m.getSubject().contains(title);
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }).toList();
    }

    private static List<MimeMessage> awaitUpdates(String email, String title) throws InterruptedException {
        return await(() -> updatesTo(email, title).isEmpty() ? null : updatesTo(email, title));
    }

    private static <T> T await(java.util.function.Supplier<T> found) throws InterruptedException {
        long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < until) {
            T value = found.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no email within 30 s");
    }

    // --- what a person does (as the desk's ConsoleBrowserIT)

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

    /** Presses the submit button of the page's form posting to a path ending so. */
    private static void submit(Browser browser, String actionEnd) {
        for (int attempt = 1;; attempt++) {
            try {
                press(browser, browser.driver().findElement(By.cssSelector("form[action$='" + actionEnd + "'] button[type=submit]")));
                return;
            } catch (org.openqa.selenium.WebDriverException e) {
                // chromedriver now and then answers a click with "Node ... does not belong to the document" before anything was
                // sent (seen once in ten runs); the button is looked up again, the form was not submitted
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("does not belong to the document")) {
                    throw e;
                }
            }
        }
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

    private static String path(String url) {
        return url.replaceAll("^https?://[^/]+", "").replaceAll("\\?.*$", "");
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
