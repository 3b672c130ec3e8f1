package uk.gov.paas.support.ticket.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.Select;

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
            assertEquals("Your organisation's tickets", tenant.h1());
            tenant.check("tenant-tickets", "a tenant's tickets");
            tenant.press(By.linkText("Raise a ticket"));
            assertEquals("Raise a ticket", tenant.h1());
            tenant.check("raise-form", "the raise form");
            tenant.type("raise-description", "Since 10:00 every request to payments returns 502.");
            tenant.driver().findElement(By.id("raise-type-INCIDENT")).click();
            tenant.press(By.cssSelector("main form button[type=submit]"));
            assertTrue(tenant.text(".govuk-error-summary").contains("must not be blank"), tenant.text(".govuk-error-summary"));
            assertEquals("Since 10:00 every request to payments returns 502.", tenant.driver().findElement(By.id("raise-description")).getAttribute("value"));
            tenant.check(null, "the raise form with an error");
            tenant.type("raise-subject", subject);
            tenant.press(By.cssSelector("main form button[type=submit]"));
            assertEquals(subject, tenant.h1());
            assertTrue(tenant.text(".govuk-notification-banner").contains("Your ticket has been raised"));
            ticketPath = Browser.path(tenant.driver().getCurrentUrl());
            tenant.check(null, "a tenant's new ticket");

            // the agent: the triage queue, nearest breach first, finds it
            signIn(agent, "agent", null, "ada." + word + "@support.example");
            assertTrue(agent.h1().startsWith("Triage"), agent.h1());
            agent.check("queue-triage", "the triage queue");
            agent.press(By.partialLinkText(subject));
            assertEquals("#" + ticketPath.replaceAll("\\D", "") + " " + subject + " – Support desk", agent.driver().getTitle());
            agent.check(null, "the agent's ticket page");

            new Select(agent.driver().findElement(By.id("triage-priority"))).selectByValue("P3");
            new Select(agent.driver().findElement(By.id("triage-group"))).selectByValue("first-line");
            new Select(agent.driver().findElement(By.id("triage-tags"))).selectByValue("paas_routing");
            agent.submit("/triage");
            assertEquals("P3", agent.text("#ticket-priority"));
            assertEquals("first-line", agent.text("#ticket-group"));

            agent.driver().findElement(By.id("comment-public")).click();
            agent.type("comment-body", "We can see the 502s and are looking at the router.");
            agent.submit("/comments");
            assertTrue(agent.text(".govuk-notification-banner").contains("Reply sent"));
            agent.driver().findElement(By.id("comment-internal")).click();
            agent.type("comment-body", "Router pod 3 is unhealthy (" + word + ").");
            agent.submit("/comments");
            assertTrue(agent.text(".govuk-notification-banner").contains("Internal note added"));

            // on hold needs a note: the rule's refusal is shown beside the field, and the reason typed is kept
            new Select(agent.driver().findElement(By.id("status-status"))).selectByValue("ON_HOLD");
            agent.type("status-reason", "kept text");
            agent.submit("/status");
            assertTrue(agent.text("#status-note-error").contains("needs an internal note"), agent.text("#status-note-error"));
            assertEquals("kept text", agent.driver().findElement(By.id("status-reason")).getAttribute("value"));
            assertEquals("open", agent.text("#ticket-status"));
            agent.check(null, "the ticket page with a form's error");
            agent.type("status-note", "Waiting for the router fix");
            agent.submit("/status");
            assertEquals("on hold", agent.text("#ticket-status"));
            agent.check("agent-ticket", "the agent's ticket page, worked");
            new Select(agent.driver().findElement(By.id("status-status"))).selectByValue("SOLVED");
            agent.type("status-reason", "The router rule was rolled back.");
            agent.submit("/status");
            assertEquals("solved", agent.text("#ticket-status"));

            // search finds it by a word of the note, which only agents see
            agent.open(base + "console/search?q=" + word);
            assertTrue(agent.driver().findElement(By.partialLinkText(subject)).isDisplayed());
            agent.check("search", "search results");
            agent.open(base + "console/hand-over");
            agent.check("hand-over", "the hand-over page");
            agent.open(base + "console/suspended-mail");
            agent.check("suspended-mail", "suspended mail");

            // the tenant: the reply, never the note; a reply from the page
            tenant.open(base + ticketPath.substring(1));
            String conversation = tenant.text("main");
            assertTrue(conversation.contains("We can see the 502s"), conversation);
            assertFalse(conversation.contains("Router pod 3"), "a tenant never sees an internal note");
            assertFalse(conversation.contains("first-line") || conversation.contains("Audit"), "nor a group or the audit trail");
            tenant.type("comment-body", "Thank you, it works again.");
            tenant.submit("/comments");
            assertTrue(tenant.text(".govuk-notification-banner").contains("Reply sent"));
            assertTrue(tenant.text("main").contains("Thank you, it works again."));
            tenant.check("tenant-ticket", "a tenant's ticket page");

            // another organisation's tenant: the same page as for a ticket that does not exist
            signIn(other, "tenant", "globex", "sam." + word + "@globex.example");
            other.open(base + ticketPath.substring(1));
            assertEquals("Page not found", other.h1());
            assertFalse(other.text("main").contains(subject));
            other.check(null, "page not found");
            other.open(base + "console/queues/triage");
            assertEquals("You cannot see this page", other.h1());
        }
        try (Browser phone = Browser.phone()) {
            signIn(phone, "agent", null, "ada." + word + "@support.example");
            phone.check("queue-phone", "the triage queue on a phone");
        }
    }

    // --- what a person does

    private void signIn(Browser browser, String role, String organisation, String email) {
        browser.signIn(base + "console", role, organisation, email);
    }

}
