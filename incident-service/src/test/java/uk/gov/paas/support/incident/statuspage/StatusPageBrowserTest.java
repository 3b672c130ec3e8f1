package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.incident.statuspage.StatusPageFixtures.Scenario;
import uk.gov.paas.support.kernel.testing.MutableClock;

/**
 * The status page as a person's browser renders it: headless Chromium (Debian's {@code chromium} package) loads
 * {@code /status} from the running test application, and the DOM it built must name the open incident, its public
 * update and its components with their states. It also takes a phone-sized screenshot (390x844) to
 * {@code /tmp/status-page.png}, and the whole page at that width to {@code /tmp/status-page-full.png} (with the DOM
 * in {@code /tmp/status-page.html}), outside the repository, for people to look at. Skipped only when no Chromium binary
 * is installed ({@code CHROMIUM} may name one).
 */
@QuarkusTest
class StatusPageBrowserTest {

    static final Path SCREENSHOT = Path.of(System.getProperty("java.io.tmpdir"), "status-page.png");
    static final Path FULL_PAGE = Path.of(System.getProperty("java.io.tmpdir"), "status-page-full.png");

    @TestHTTPResource("/status")
    URL url;

    @Inject
    StatusPageFixtures fixtures;
    @Inject
    MutableClock clock;

    Path profile;

    @BeforeEach
    void browser() throws IOException {
        Optional<String> chromium = chromium();
        Assumptions.assumeTrue(chromium.isPresent(), "no chromium binary (apt-get install -y chromium): browser test skipped");
        profile = Files.createTempDirectory("status-page-chromium");
    }

    @AfterEach
    void cleanUp() throws IOException {
        clock.reset();
        if (profile != null) {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    @Test
    void aPhoneShowsTheOpenIncidentItsUpdateAndItsComponents() throws Exception {
        fixtures.reset();
        Scenario s = fixtures.scenario();

        String dom = run("--dump-dom", url.toString());
        Files.writeString(Path.of(System.getProperty("java.io.tmpdir"), "status-page.html"), dom);
        assertTrue(dom.contains("<h3>Cloud Foundry API unavailable</h3>"), dom);
        assertTrue(dom.contains("A faulty load balancer rule is rejecting API requests."), dom);
        assertTrue(dom.contains("Cloud Foundry API: <span class=\"state state-major-outage\">Major outage</span>"), dom);
        assertTrue(dom.contains("App routing: <span class=\"state state-partial-outage\">Partial outage</span>"), dom);
        assertTrue(dom.contains("<span class=\"name\">PostgreSQL</span> <span class=\"state state-operational\">Operational</span>"), dom);
        assertTrue(dom.contains("id=\"incident-" + s.open().id + "\""), dom);
        assertTrue(dom.contains("Major Service Outage"), dom);
        for (String secret : StatusPageFixtures.NEVER_PUBLIC) {
            assertFalse(dom.contains(secret), "the browser shows '" + secret + "'");
        }

        Files.deleteIfExists(SCREENSHOT);
        run("--window-size=390,844", "--hide-scrollbars", "--screenshot=" + SCREENSHOT, url.toString());
        assertTrue(Files.size(SCREENSHOT) > 10_000, "a phone-sized screenshot at " + SCREENSHOT);
        byte[] png = Files.readAllBytes(SCREENSHOT);
        assertEquals(390, readInt(png, 16), "screenshot width");
        assertEquals(844, readInt(png, 20), "screenshot height");
        // the whole page at phone width too, for people to scroll through
        run("--window-size=390,3200", "--hide-scrollbars", "--screenshot=" + FULL_PAGE, url.toString());
        assertTrue(Files.size(FULL_PAGE) > 10_000, "a full-length screenshot at " + FULL_PAGE);
    }

    /** Runs headless Chromium with the flags this machine needs (root, no GPU, a closed network), returning stdout. */
    private String run(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(chromium().orElseThrow(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--user-data-dir=" + profile));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(profile, "stdout", ".txt");
        Path err = Files.createTempFile(profile, "stderr", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + Files.readString(err));
        }
        assertEquals(0, process.exitValue(), () -> "chromium failed: " + readQuietly(err));
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static String readQuietly(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** A big-endian int of the PNG header (IHDR width at 16, height at 20). */
    private static int readInt(byte[] bytes, int at) {
        return (bytes[at] & 0xff) << 24 | (bytes[at + 1] & 0xff) << 16 | (bytes[at + 2] & 0xff) << 8 | (bytes[at + 3] & 0xff);
    }

    /** $CHROMIUM, else chromium, chromium-browser or google-chrome on the PATH. */
    static Optional<String> chromium() {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) {
            return Files.isExecutable(Path.of(configured)) ? Optional.of(configured) : Optional.empty();
        }
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String name : List.of("chromium", "chromium-browser", "google-chrome")) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
