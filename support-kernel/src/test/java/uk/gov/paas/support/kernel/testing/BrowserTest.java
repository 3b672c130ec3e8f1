package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;

import com.sun.net.httpserver.HttpServer;

/**
 * The browser harness itself, on two small pages served from this JVM: axe-core passes the accessible one and fails
 * the other naming its broken rules, and screenshots are PNGs of the whole page. Skipped without Chromium,
 * chromedriver or axe-core, except with CI=true ({@link Browser#available()}).
 */
class BrowserTest {

    static final String ACCESSIBLE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Accessible page</title></head>
            <body>
            <main>
            <h1>Report a problem</h1>
            <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" alt="The GOV.UK PaaS logo" width="40" height="40">
            <form method="post" action="/nowhere">
            <label for="email">Email address</label>
            <input type="email" id="email" name="email">
            <button type="submit">Send</button>
            </form>
            <div style="height: 2000px">A long page, so a full-page screenshot is taller than the window.</div>
            </main>
            </body>
            </html>
            """;

    static final String INACCESSIBLE = """
            <!DOCTYPE html>
            <html lang="en">
            <head><meta charset="utf-8"><title>Inaccessible page</title></head>
            <body>
            <main>
            <h1>Report a problem</h1>
            <img id="logo" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" width="40" height="40">
            <form method="post" action="/nowhere">
            <input type="text" id="unlabelled" name="what">
            <button type="submit">Send</button>
            </form>
            </main>
            </body>
            </html>
            """;

    static HttpServer server;

    @TempDir
    Path temp;

    @BeforeAll
    static void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        for (Map.Entry<String, String> page : Map.of("/accessible", ACCESSIBLE, "/inaccessible", INACCESSIBLE).entrySet()) {
            byte[] body = page.getValue().getBytes(StandardCharsets.UTF_8);
            server.createContext(page.getKey(), exchange -> {
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
        }
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    static String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void anAccessiblePagePassesAndItsScreenshotIsAPngOfTheWholePage() throws IOException {
        Browser.assumeAvailable();
        try (Browser browser = Browser.desktop()) {
            browser.open(url("/accessible"));
            assertEquals("Report a problem", browser.driver().findElement(By.tagName("h1")).getText());
            browser.assertAccessible("accessible page");

            Path png = browser.screenshot(temp.resolve("shots/accessible.png"));
            byte[] bytes = Files.readAllBytes(png);
            assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' }, Arrays.copyOf(bytes, 8), "a PNG signature");
            assertEquals(1280, pngInt(bytes, 16), "the screenshot is the window's width");
            assertTrue(pngInt(bytes, 20) > 2000, "the screenshot has the whole page, not the 900 px window: " + pngInt(bytes, 20));
        }
    }

    @Test
    void aPageWithAnUnlabelledInputAndAnImageWithoutAltFailsNamingBothRules() {
        Browser.assumeAvailable();
        try (Browser browser = Browser.desktop()) {
            browser.open(url("/inaccessible"));
            AssertionError failure = assertThrows(AssertionError.class, () -> browser.assertAccessible("inaccessible page"));
            String message = failure.getMessage();
            assertTrue(message.contains("inaccessible page"), message);
            assertTrue(message.contains("image-alt (critical)"), message);
            assertTrue(message.contains("label (critical)"), message);
            assertTrue(message.contains("#logo") && message.contains("#unlabelled"), "names the elements: " + message);
        }
    }

    @Test
    void aPhoneLaysThePageOutAtAPhonesWidth() {
        Browser.assumeAvailable();
        try (Browser browser = Browser.phone()) {
            browser.open(url("/accessible"));
            Object width = ((JavascriptExecutor) browser.driver()).executeScript("return window.innerWidth;");
            assertEquals(390L, width);
        }
    }

    /** A big-endian int of the PNG header (IHDR width at 16, height at 20). */
    static int pngInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }
}
