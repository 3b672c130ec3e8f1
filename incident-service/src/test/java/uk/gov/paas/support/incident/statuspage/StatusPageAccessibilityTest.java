package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.Browser;
import uk.gov.paas.support.kernel.testing.MutableClock;

/**
 * The fullest status page ({@link StatusPageFixtures#scenario()}: every component state, open and security incidents,
 * history, a published report) meets WCAG 2.0/2.1 A and AA as far as axe-core can tell, on a desktop and on a phone,
 * with every folded section ({@code <details>}) opened, since axe skips what is hidden. The packaged service's page is
 * checked by {@link StatusPageAccessibilityIT}; this one has the rows only the fixtures can write.
 */
@QuarkusTest
class StatusPageAccessibilityTest {

    @TestHTTPResource("/status")
    URL url;

    @Inject
    StatusPageFixtures fixtures;
    @Inject
    MutableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void everyPartOfTheFullestPageIsAccessibleOnADesktopAndAPhone() {
        Browser.assumeAvailable();
        fixtures.reset();
        fixtures.scenario();
        for (boolean phone : new boolean[] { false, true }) {
            try (Browser browser = phone ? Browser.phone() : Browser.desktop()) {
                browser.open(url.toString());
                assertEquals("Cloud Foundry API unavailable", browser.driver().findElement(By.cssSelector("article.incident h3")).getText());
                ((JavascriptExecutor) browser.driver()).executeScript("document.querySelectorAll('details').forEach(d => d.open = true)");
                browser.screenshot(Path.of("target", "browser", phone ? "status-page-scenario-phone.png" : "status-page-scenario-desktop.png"));
                browser.assertAccessible(phone ? "status page with every part, on a phone" : "status page with every part");
            }
        }
    }
}
