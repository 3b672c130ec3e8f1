package uk.gov.paas.support.incident.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
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
            admin.type("add-name", component);
            admin.type("add-description", "S3-compatible buckets for apps");
            admin.type("add-position", "0");
            admin.submit("/console/components");
            assertTrue(admin.text(".govuk-notification-banner").contains("Component added"));
            admin.check("incident-components", "the components page");
            long componentId = componentId(component);
            subscribe(subscriber, componentId);

            // the agent: the board, then a P1 declared from the form
            signIn(agent, "agent", lead);
            assertEquals("Open incidents", agent.h1().replaceAll("\\s+\\d+ open.*", "").strip());
            agent.check(null, "the board");
            agent.press(By.linkText("Declare an incident"));
            assertEquals("Declare an incident", agent.h1());
            agent.check("incident-declare", "the declare form");
            String title = "Buckets refuse uploads " + word;
            agent.type("declare-title", title);
            agent.type("declare-description", "Every PUT to the object store answers 503.");
            agent.driver().findElement(By.id("declare-severity-P1")).click();
            agent.driver().findElement(By.id("declare-component-" + componentId)).click();
            agent.submit("/console/incidents");
            assertEquals(title, agent.h1());
            assertTrue(agent.text(".govuk-notification-banner").contains("Incident declared"));
            assertTrue(agent.text("#incident-severity").startsWith("P1"));
            incident = Long.valueOf(Browser.path(agent.driver().getCurrentUrl()).replaceAll("\\D", ""));

            // the lead, checked against the directory
            agent.type("team-leadEmail", lead);
            agent.type("team-commsEmail", "cy." + word + "@support.example");
            agent.type("team-commsName", "Cy Comms");
            agent.submit("/team");
            assertTrue(agent.text("#incident-lead").contains(lead), agent.text("#incident-lead"));
            assertFalse(agent.driver().findElements(By.cssSelector("#timeline-kind option[value=PRODUCTION_CHANGE]")).isEmpty(),
                    "the lead is offered a production change");
            agent.check("incident-page", "the incident page");

            // an update naming no component is refused beside the field, with the text kept
            agent.driver().findElement(By.id("update-template-IDENTIFIED")).click();
            agent.type("update-body", "A full disk on one storage node refuses writes. We are moving data off it.");
            agent.submit("/updates/preview");
            assertTrue(agent.text("#update-componentIds-error").contains("name at least one component"), agent.text("#update-componentIds-error"));
            assertEquals("A full disk on one storage node refuses writes. We are moving data off it.",
                    agent.driver().findElement(By.id("update-body")).getAttribute("value"));
            agent.check(null, "the incident page with an update refused");

            // with the component: the preview, then send
            agent.driver().findElement(By.id("update-component-" + componentId)).click();
            agent.submit("/updates/preview");
            assertEquals("Check the update before it is sent", agent.h1());
            assertTrue(agent.text("#recipients").startsWith("This emails 1 confirmed subscriber of " + component), agent.text("#recipients"));
            String previewed = agent.text("#preview-text");
            assertTrue(previewed.startsWith("Issue identified: " + title), previewed);
            agent.check("incident-update-preview", "the update preview");
            assertEquals(0, to(subscriber).size() - 1, "only the confirmation so far");
            agent.submit("/updates");
            assertTrue(agent.text(".govuk-notification-banner").contains("Update published"));
            agent.check(null, "the incident page after an update");
            List<MimeMessage> updates = awaitUpdates(subscriber, title);
            assertEquals(1, updates.size());
            assertTrue(MailParts.text(updates.get(0)).contains("A full disk on one storage node refuses writes."), MailParts.text(updates.get(0)));
            Thread.sleep(3000); // two more sweeps: nothing is sent again
            assertEquals(1, updatesTo(subscriber, title).size(), "the subscriber's email arrives exactly once");

            agent.open(base + "console/incidents");
            assertTrue(agent.text("#incident-" + incident).contains(title));
            agent.check("incident-board", "the board with an open P1");

            // resolved, then the report previewed and published
            agent.open(base + "console/incidents/" + incident);
            agent.type("resolve-agreedBy", "Pat Product");
            agent.type("resolve-body", "Writes succeed again; the node's data moved.");
            agent.submit("/resolve");
            resolved = true;
            assertTrue(agent.h1().startsWith("After the incident"), agent.h1());
            String publicVersion = agent.text("#report-public");
            assertTrue(agent.text("#report-internal").contains("Ada Lovelace"), "the team's report names the lead");
            assertFalse(publicVersion.contains("Ada") || publicVersion.contains(lead), publicVersion);
            agent.check(null, "the report before publishing");
            agent.submit("/report/publish");
            assertTrue(agent.text(".govuk-notification-banner").contains("Report published"));
            agent.check("incident-report", "the report, published");
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
        browser.signIn(base + "console", role, null, email);
    }

}
