package uk.gov.paas.support.ticket.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import uk.gov.paas.support.kernel.testing.Browser;

/**
 * The support desk's console in a real browser against the packaged service (target/quarkus-app, test profile, the
 * development sign-in): a tenant raises a ticket from the form; an agent finds it in the triage queue, triages it,
 * replies publicly, adds a note, is stopped from putting it on hold without a note (the error beside the field, the text
 * kept), puts it on hold and solves it; the tenant sees the reply but not the note and replies; a tenant of another
 * organisation cannot open it. Every page is checked with axe-core (no serious or critical WCAG 2.0/2.1 A or AA
 * violation), and each main page is photographed into {@code target/browser/} (and into {@code CONSOLE_SCREENSHOTS}
 * when set: {@code docs/console} holds the ones the README shows).
 */
@QuarkusIntegrationTest
class ConsoleBrowserIT {

    @TestHTTPResource("/")
    URL base;

    final String word = "zebra" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void anAgentWorksATicketATenantRaisedAndTheTenantFollowsIt() throws Exception {
        Browser.assumeAvailable();
        String subject = "Our app returns 502 after the " + word + " deploy";
        String ticketPath;
        try (Browser tenant = Browser.desktop(); Browser agent = Browser.desktop(); Browser other = Browser.desktop()) {
            // the tenant: signed in, raises a ticket from the form (a first try without a subject is refused, nothing lost)
            signIn(tenant, "tenant", "acme", "jo." + word + "@acme.example");
            assertEquals("Your organisation's tickets", h1(tenant));
            check(tenant, "tenant-tickets", "a tenant's tickets");
            press(tenant, tenant.driver().findElement(By.linkText("Raise a ticket")));
            assertEquals("Raise a ticket", h1(tenant));
            check(tenant, "raise-form", "the raise form");
            type(tenant, "raise-description", "Since 10:00 every request to payments returns 502.");
            tenant.driver().findElement(By.id("raise-type-INCIDENT")).click();
            press(tenant, tenant.driver().findElement(By.cssSelector("main form button[type=submit]")));
            assertTrue(text(tenant, ".govuk-error-summary").contains("must not be blank"), text(tenant, ".govuk-error-summary"));
            assertEquals("Since 10:00 every request to payments returns 502.", tenant.driver().findElement(By.id("raise-description")).getAttribute("value"));
            check(tenant, null, "the raise form with an error");
            type(tenant, "raise-subject", subject);
            press(tenant, tenant.driver().findElement(By.cssSelector("main form button[type=submit]")));
            assertEquals(subject, h1(tenant));
            assertTrue(text(tenant, ".govuk-notification-banner").contains("Your ticket has been raised"));
            ticketPath = path(tenant.driver().getCurrentUrl());
            check(tenant, null, "a tenant's new ticket");

            // the agent: the triage queue, nearest breach first, finds it
            signIn(agent, "agent", null, "ada." + word + "@support.example");
            assertTrue(h1(agent).startsWith("Triage"), h1(agent));
            check(agent, "queue-triage", "the triage queue");
            press(agent, agent.driver().findElement(By.partialLinkText(subject)));
            assertEquals("#" + ticketPath.replaceAll("\\D", "") + " " + subject + " – Support desk", agent.driver().getTitle());
            check(agent, null, "the agent's ticket page");

            new Select(agent.driver().findElement(By.id("triage-priority"))).selectByValue("P3");
            new Select(agent.driver().findElement(By.id("triage-group"))).selectByValue("first-line");
            new Select(agent.driver().findElement(By.id("triage-tags"))).selectByValue("paas_routing");
            submit(agent, "/triage");
            assertEquals("P3", text(agent, "#ticket-priority"));
            assertEquals("first-line", text(agent, "#ticket-group"));

            agent.driver().findElement(By.id("comment-public")).click();
            type(agent, "comment-body", "We can see the 502s and are looking at the router.");
            submit(agent, "/comments");
            assertTrue(text(agent, ".govuk-notification-banner").contains("Reply sent"));
            agent.driver().findElement(By.id("comment-internal")).click();
            type(agent, "comment-body", "Router pod 3 is unhealthy (" + word + ").");
            submit(agent, "/comments");
            assertTrue(text(agent, ".govuk-notification-banner").contains("Internal note added"));

            // on hold needs a note: the rule's refusal is shown beside the field, and the reason typed is kept
            new Select(agent.driver().findElement(By.id("status-status"))).selectByValue("ON_HOLD");
            type(agent, "status-reason", "kept text");
            submit(agent, "/status");
            assertTrue(text(agent, "#status-note-error").contains("needs an internal note"), text(agent, "#status-note-error"));
            assertEquals("kept text", agent.driver().findElement(By.id("status-reason")).getAttribute("value"));
            assertEquals("open", text(agent, "#ticket-status"));
            check(agent, null, "the ticket page with a form's error");
            type(agent, "status-note", "Waiting for the router fix");
            submit(agent, "/status");
            assertEquals("on hold", text(agent, "#ticket-status"));
            check(agent, "agent-ticket", "the agent's ticket page, worked");
            new Select(agent.driver().findElement(By.id("status-status"))).selectByValue("SOLVED");
            type(agent, "status-reason", "The router rule was rolled back.");
            submit(agent, "/status");
            assertEquals("solved", text(agent, "#ticket-status"));

            // search finds it by a word of the note, which only agents see
            agent.open(base + "console/search?q=" + word);
            assertTrue(agent.driver().findElement(By.partialLinkText(subject)).isDisplayed());
            check(agent, "search", "search results");
            agent.open(base + "console/hand-over");
            check(agent, "hand-over", "the hand-over page");
            agent.open(base + "console/suspended-mail");
            check(agent, "suspended-mail", "suspended mail");

            // the tenant: the reply, never the note; a reply from the page
            tenant.open(base + ticketPath.substring(1));
            String conversation = text(tenant, "main");
            assertTrue(conversation.contains("We can see the 502s"), conversation);
            assertFalse(conversation.contains("Router pod 3"), "a tenant never sees an internal note");
            assertFalse(conversation.contains("first-line") || conversation.contains("Audit"), "nor a group or the audit trail");
            type(tenant, "comment-body", "Thank you, it works again.");
            submit(tenant, "/comments");
            assertTrue(text(tenant, ".govuk-notification-banner").contains("Reply sent"));
            assertTrue(text(tenant, "main").contains("Thank you, it works again."));
            check(tenant, "tenant-ticket", "a tenant's ticket page");

            // another organisation's tenant: the same page as for a ticket that does not exist
            signIn(other, "tenant", "globex", "sam." + word + "@globex.example");
            other.open(base + ticketPath.substring(1));
            assertEquals("Page not found", h1(other));
            assertFalse(text(other, "main").contains(subject));
            check(other, null, "page not found");
            other.open(base + "console/queues/triage");
            assertEquals("You cannot see this page", h1(other));
        }
        try (Browser phone = Browser.phone()) {
            signIn(phone, "agent", null, "ada." + word + "@support.example");
            check(phone, "queue-phone", "the triage queue on a phone");
        }
    }

    // --- what a person does

    private void signIn(Browser browser, String role, String organisation, String email) {
        browser.open(base + "console");
        assertEquals("Sign in", h1(browser), "an anonymous browser is sent to sign in");
        check(browser, null, "the sign-in page");
        browser.driver().findElement(By.id("role-" + role)).click();
        if (organisation != null) {
            type(browser, "organisation", organisation);
        }
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
        press(browser, browser.driver().findElement(By.cssSelector("form[action$='" + actionEnd + "'] button[type=submit]")));
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
