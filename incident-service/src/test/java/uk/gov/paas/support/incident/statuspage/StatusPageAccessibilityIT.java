package uk.gov.paas.support.incident.statuspage;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.testing.Browser;
import uk.gov.paas.support.local.DevTokens;

/**
 * The status page of the packaged service (target/quarkus-app, started by the test with the test profile) in a real
 * browser: after an admin adds components and an agent declares an incident and publishes an update over the API,
 * headless Chromium shows them on {@code /status}, on a desktop and on a phone, then the resolved incident among the
 * past ones, and axe-core finds no serious or critical WCAG 2.0/2.1 A or AA violation in any of them. Screenshots go to {@code target/browser/}. The test database is the one the
 * {@code @QuarkusTest}s use, so the page may show their rows too; the test reads only its own.
 */
@QuarkusIntegrationTest
class StatusPageAccessibilityIT {

    @TestHTTPResource("/status")
    URL status;

    private Long incident;

    private boolean resolved;

    /** An open incident left behind (a failed test) would have deadlines for the next run's scans to act on. */
    @AfterEach
    void resolve() {
        if (incident != null && !resolved) {
            given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                    .body(Map.of("agreedBy", "lead@example.org", "body", "The rule was rolled back; the API answers again."))
                    .post("/api/incidents/{id}/resolve", incident).then().statusCode(200);
            resolved = true;
        }
    }

    @Test
    void theStatusPageWithAnOpenIncidentIsAccessibleOnADesktopAndAPhone() throws Exception {
        Browser.assumeAvailable();
        long api = component("Cloud Foundry API", "cf push, cf apps and everything else that talks to the API", 1);
        long routing = component("App routing", "Requests from the internet to your apps", 2);
        String title = "Cloud Foundry API unavailable " + UUID.randomUUID().toString().substring(0, 8);
        incident = given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "internal notes, never public", "severity", "P2", "componentIds", List.of(api, routing)))
                .post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                .body(Map.of("template", "IDENTIFIED", "body", "A faulty load balancer rule is rejecting API requests.\nWe are rolling it back.",
                        "componentIds", List.of(api), "componentState", "MAJOR_OUTAGE"))
                .post("/api/incidents/{id}/updates", incident).then().statusCode(201);

        Path shots = Files.createDirectories(Path.of("target", "browser"));
        try (Browser browser = Browser.desktop()) {
            browser.open(status.toString());
            assertEquals("GOV.UK PaaS status", browser.driver().findElement(By.tagName("h1")).getText());
            WebElement card = browser.driver().findElement(By.id("incident-" + incident));
            assertEquals(title, card.findElement(By.tagName("h3")).getText());
            assertTrue(card.getText().contains("A faulty load balancer rule is rejecting API requests."), card.getText());
            assertTrue(card.getText().contains("Cloud Foundry API: Major outage"), card.getText());
            browser.screenshot(shots.resolve("status-page-desktop.png"));
            browser.assertAccessible("status page");
        }
        try (Browser browser = Browser.phone()) {
            browser.open(status.toString());
            assertEquals(title, browser.driver().findElement(By.cssSelector("#incident-" + incident + " h3")).getText());
            browser.screenshot(shots.resolve("status-page-phone.png"));
            browser.assertAccessible("status page on a phone");
        }

        // resolved, it moves to the past incidents, folded in a <details> that axe checks opened (it skips hidden parts)
        resolve();
        try (Browser browser = Browser.desktop()) {
            browser.open(status.toString());
            WebElement past = browser.driver().findElement(By.id("incident-" + incident));
            assertEquals("details", past.getTagName());
            assertTrue(past.findElement(By.tagName("summary")).getText().startsWith(title), past.getText());
            past.findElement(By.tagName("summary")).click();
            assertTrue(past.getText().contains("The rule was rolled back; the API answers again."), past.getText());
            browser.screenshot(shots.resolve("status-page-resolved.png"));
            browser.assertAccessible("status page with a past incident");
        }
    }

    /** The component's id: the one of that name if an earlier test left it, else a new one. */
    private static long component(String name, String description, int position) {
        List<Map<String, Object>> existing = given().auth().oauth2(DevTokens.forRole("admin")).get("/api/components").then().statusCode(200)
                .extract().jsonPath().getList("$");
        for (Map<String, Object> c : existing) {
            if (name.equals(c.get("name"))) {
                return ((Number) c.get("id")).longValue();
            }
        }
        return given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON)
                .body(Map.of("name", name, "description", description, "position", position))
                .post("/api/components").then().statusCode(201).extract().jsonPath().getLong("id");
    }
}
