package uk.gov.paas.support.kernel.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser for end-to-end tests of server-rendered pages: Debian's headless Chromium driven through Debian's
 * chromedriver (Selenium), with axe-core's accessibility rules and screenshots.
 *
 * <pre>
 * assumeTrue(Browser.available(), Browser.missing());   // skips locally without Chromium; fails with CI=true
 * try (Browser browser = Browser.desktop()) {
 *     browser.open(url);
 *     browser.assertAccessible("status page");
 *     browser.screenshot(Path.of("target/status-page.png"));
 * }
 * </pre>
 *
 * Where things are: {@code CHROMIUM} (default {@code /usr/bin/chromium}), {@code CHROMEDRIVER} (default
 * {@code /usr/bin/chromedriver}) and {@code AXE_CORE} (default: {@code .ci/browser/node_modules/axe-core/axe.min.js} in
 * the working directory or any folder above it; {@code npm ci --prefix .ci/browser} puts it there). Both binaries are
 * named to Selenium explicitly, so Selenium Manager never runs and nothing is downloaded. Each browser has a profile
 * of its own in a temporary folder, deleted on {@link #close()}.
 */
public final class Browser implements AutoCloseable {

    /** A desktop window, the default. */
    public static final Dimension DESKTOP = new Dimension(1280, 900);
    /** A phone's viewport (iPhone 12 to 15: 390 x 844 CSS pixels). */
    public static final Dimension PHONE = new Dimension(390, 844);

    /** The WCAG 2.0 and 2.1 level A and AA rules; axe-core's best practices and AAA rules are left out. */
    public static final List<String> WCAG_TAGS = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa");

    /** Violations of these impacts fail {@link #assertAccessible}; minor and moderate ones are printed. */
    private static final List<String> FAILING_IMPACTS = List.of("serious", "critical");
    private static final int TARGETS_SHOWN = 3;

    /**
     * Headless, with the flags this machine needs: root (no sandbox), no GPU, a small /dev/shm, and a closed
     * network (no QUIC, no component updates, sync or background fetches, so Chromium calls nobody but the page).
     */
    static final List<String> FLAGS = List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage");

    /**
     * Selenium looks for a DevTools binding of Chromium's version on the classpath (selenium-devtools-v156 ...) and warns
     * at every start when there is none. The harness needs none: its DevTools commands go through chromedriver
     * ({@code executeCdpCommand}), which serves any version, so a Debian upgrade of Chromium cannot break it. Held here,
     * as java.util.logging keeps only weak references to loggers.
     */
    private static final Logger CDP_VERSION_FINDER = quiet("org.openqa.selenium.devtools.CdpVersionFinder");

    private static volatile String axeSource;

    private final ChromeDriver driver;
    private final Path profile;
    private final Dimension size;

    private Browser(Dimension size) {
        Optional<String> missing = whatIsMissing();
        if (missing.isPresent()) {
            throw new IllegalStateException("no browser for the test: " + missing.get());
        }
        this.size = size;
        try {
            profile = Files.createTempDirectory("browser-profile");
        } catch (IOException e) {
            throw new IllegalStateException("no temporary folder for the browser's profile", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium().toFile());
        options.addArguments(FLAGS);
        options.addArguments("--window-size=" + size.getWidth() + "," + size.getHeight(), "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(chromedriver().toFile())
                .usingAnyFreePort().withSilent(true).build();
        try {
            driver = new ChromeDriver(service, options);
        } catch (RuntimeException e) {
            deleteProfile();
            throw e;
        }
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60)).scriptTimeout(Duration.ofSeconds(60));
        fitViewport();
    }

    /** A desktop browser, 1280 x 900. */
    public static Browser desktop() {
        return new Browser(DESKTOP);
    }

    /** A browser whose page is 390 x 844 CSS pixels wide and high, as on a phone. */
    public static Browser phone() {
        return new Browser(PHONE);
    }

    /** A browser whose page (the viewport, not the window) is this size. */
    public static Browser sized(int width, int height) {
        return new Browser(new Dimension(width, height));
    }

    /** The driver, for whatever this class does not wrap. */
    public WebDriver driver() {
        return driver;
    }

    /** Loads the address and waits for the page to finish loading. */
    public Browser open(String url) {
        driver.get(url);
        return this;
    }

    /** The size this browser's pages are laid out at. */
    public Dimension size() {
        return size;
    }

    // --- what a person does in a console page (one home for every console's browser tests)

    /** Types into the field with this id, replacing what it held. */
    public void type(String id, String text) {
        org.openqa.selenium.WebElement field = driver.findElement(org.openqa.selenium.By.id(id));
        field.clear();
        field.sendKeys(text);
    }

    /** Clicks, then waits for the next page: a form's answer is a new document, even when it is the same address. */
    public void press(org.openqa.selenium.WebElement button) {
        org.openqa.selenium.WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
        button.click();
        awaitNewDocument(page);
    }

    private void awaitNewDocument(org.openqa.selenium.WebElement page) {
        // the old document is gone once its root is stale; chromedriver sometimes says so as "Node ... does not belong to
        // the document" instead of a stale element, after the click went through (a retry then would click the next page)
        new org.openqa.selenium.support.ui.WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> {
            try {
                page.isEnabled();
                return false;
            } catch (org.openqa.selenium.StaleElementReferenceException gone) {
                return true;
            } catch (org.openqa.selenium.WebDriverException e) {
                if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
                    return true;
                }
                throw e;
            }
        });
    }

    /**
     * Presses the element the locator finds. chromedriver now and then answers the click itself with "Node ... does not
     * belong to the document" before anything was sent: the element is looked up again, up to three times (a failure
     * while waiting for the next page is not retried: the click went through).
     */
    public void press(org.openqa.selenium.By locator) {
        for (int attempt = 1;; attempt++) {
            org.openqa.selenium.WebElement element = driver.findElement(locator);
            org.openqa.selenium.WebElement page = driver.findElement(org.openqa.selenium.By.tagName("html"));
            try {
                element.click();
            } catch (org.openqa.selenium.WebDriverException e) {
                if (attempt == 3 || e.getMessage() == null || !e.getMessage().contains("does not belong to the document")) {
                    throw e;
                }
                continue;
            }
            awaitNewDocument(page);
            return;
        }
    }

    /** Presses the submit button of the page's form posting to a path ending so ({@link #press(org.openqa.selenium.By)}). */
    public void submit(String actionEnd) {
        press(org.openqa.selenium.By.cssSelector("form[action$='" + actionEnd + "'] button[type=submit]"));
    }

    /** The page's heading. */
    public String h1() {
        return driver.findElement(org.openqa.selenium.By.tagName("h1")).getText().strip();
    }

    /** The text of the first element the selector finds; failing, what the page reads instead. */
    public String text(String css) {
        try {
            return driver.findElement(org.openqa.selenium.By.cssSelector(css)).getText().strip();
        } catch (org.openqa.selenium.NoSuchElementException e) {
            throw new AssertionError("no " + css + " on " + driver.getCurrentUrl() + ", which reads:\n"
                    + driver.findElement(org.openqa.selenium.By.tagName("body")).getText(), e);
        }
    }

    /**
     * Opens a console (its {@code /console} address) as an anonymous person, who is sent to the development sign-in
     * (checked with axe-core), and signs in there: the role, a tenant's organisation, an email address.
     */
    public void signIn(String consoleUrl, String role, String organisation, String email) {
        open(consoleUrl);
        if (!"Sign in".equals(h1())) {
            throw new AssertionError("an anonymous browser at " + consoleUrl + " is not sent to sign in: " + h1());
        }
        check(null, "the sign-in page");
        devSignIn(role, organisation, email);
    }

    /** The development sign-in form, as a person fills it: the role, a tenant's organisation, an email address. */
    public void devSignIn(String role, String organisation, String email) {
        driver.findElement(org.openqa.selenium.By.id("role-" + role)).click();
        if (organisation != null) {
            type("organisation", organisation);
        }
        type("email", email);
        press(driver.findElement(org.openqa.selenium.By.cssSelector("main form button[type=submit]")));
    }

    /**
     * axe-core on the page as it stands ({@link #assertAccessible}); when named, a photograph of it into
     * {@code target/browser/console-<name>.png} and, when CONSOLE_SCREENSHOTS names a folder (docs/console), there too.
     */
    public void check(String name, String pageName) {
        if (name != null) {
            try {
                screenshot(Files.createDirectories(Path.of("target", "browser")).resolve("console-" + name + ".png"));
                String docs = System.getenv("CONSOLE_SCREENSHOTS");
                if (docs != null && !docs.isBlank()) {
                    screenshot(Files.createDirectories(Path.of(docs)).resolve(name + ".png"));
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        assertAccessible(pageName);
    }

    /** A URL's path, without its query. */
    public static String path(String url) {
        return url.replaceAll("^https?://[^/]+", "").replaceAll("\\?.*$", "");
    }

    /**
     * Writes a PNG of the whole page (not only what the viewport shows) at the browser's width, through the DevTools
     * protocol; if Chromium refuses that, of the viewport. Returns the file.
     */
    public Path screenshot(Path file) {
        byte[] png;
        try {
            Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
            @SuppressWarnings("unchecked")
            Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
            double width = Math.max(number(content.get("width")), size.getWidth());
            double height = Math.max(number(content.get("height")), size.getHeight());
            Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                    "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            png = Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            System.out.println("Browser: a full-page screenshot failed (" + e.getMessage().lines().findFirst().orElse("")
                    + "); taking the viewport");
            png = driver.getScreenshotAs(OutputType.BYTES);
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return Files.write(file, png);
        } catch (IOException e) {
            throw new IllegalStateException("could not write the screenshot " + file, e);
        }
    }

    /**
     * Runs axe-core's WCAG 2.0 and 2.1 A and AA rules in the page the browser shows now, and fails with every
     * serious or critical violation (rule, impact, what it asks for, the first elements it found); minor and moderate
     * ones are printed to standard output only.
     */
    public void assertAccessible(String pageName) {
        List<Violation> violations = axe();
        List<Violation> failing = violations.stream().filter(v -> FAILING_IMPACTS.contains(v.impact())).toList();
        List<Violation> lesser = violations.stream().filter(v -> !FAILING_IMPACTS.contains(v.impact())).toList();
        if (!lesser.isEmpty()) {
            System.out.println("axe-core: " + pageName + " (" + driver.getCurrentUrl() + ") has " + lesser.size()
                    + " minor or moderate violation(s), not failed:\n" + describe(lesser));
        }
        if (!failing.isEmpty()) {
            throw new AssertionError("axe-core: " + pageName + " (" + driver.getCurrentUrl() + ") has " + failing.size()
                    + " serious or critical accessibility violation(s) of WCAG 2.0/2.1 A and AA:\n" + describe(failing));
        }
    }

    /** One rule axe-core found broken, with how many elements broke it and the selectors of the first few. */
    public record Violation(String id, String impact, String help, String helpUrl, int count, List<String> targets) {
    }

    /** Every violation axe-core finds in the page now, whatever its impact. */
    public List<Violation> axe() {
        String installed = "return typeof window.axe === 'object' && typeof window.axe.run === 'function';";
        if (!Boolean.TRUE.equals(driver.executeScript(installed))) {
            driver.executeScript(axeSource());
        }
        Object result = driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const tags = arguments[0];
                const shown = arguments[1];
                axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] })
                  .then(r => done(r.violations.map(v => ({
                      id: v.id, impact: v.impact || 'unknown', help: v.help, helpUrl: v.helpUrl, count: v.nodes.length,
                      targets: v.nodes.slice(0, shown).map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' | '))
                  }))))
                  .catch(e => done('axe.run failed: ' + e));
                """, WCAG_TAGS, TARGETS_SHOWN);
        if (!(result instanceof List<?> list)) {
            throw new IllegalStateException("axe-core did not run in " + driver.getCurrentUrl() + ": " + result);
        }
        List<Violation> violations = new ArrayList<>();
        for (Object item : list) {
            Map<?, ?> v = (Map<?, ?>) item;
            List<String> targets = ((List<?>) v.get("targets")).stream().map(String::valueOf).toList();
            violations.add(new Violation((String) v.get("id"), (String) v.get("impact"), (String) v.get("help"), (String) v.get("helpUrl"),
                    (int) number(v.get("count")), targets));
        }
        return violations;
    }

    private static String describe(List<Violation> violations) {
        StringBuilder out = new StringBuilder();
        for (Violation v : violations) {
            out.append("  - ").append(v.id()).append(" (").append(v.impact()).append("): ").append(v.help()).append(", ")
                    .append(v.count()).append(v.count() == 1 ? " element: " : " elements: ").append(String.join(", ", v.targets()))
                    .append(v.count() > v.targets().size() ? ", ..." : "").append("\n    ").append(v.helpUrl()).append('\n');
        }
        return out.toString();
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            deleteProfile();
        }
    }

    /**
     * Whether Chromium, chromedriver and axe-core are all here, so a test can skip without them. With the
     * environment variable {@code CI=true} a missing one is an {@link AssertionError} instead: CI installs them
     * ({@code .ci/run}), so there a missing browser is a broken build, never a quietly skipped test.
     */
    public static boolean available() {
        Optional<String> missing = whatIsMissing();
        if (missing.isPresent() && "true".equals(System.getenv("CI"))) {
            throw new AssertionError("CI=true, and the browser tests cannot run: " + missing.get());
        }
        return missing.isEmpty();
    }

    /** What {@link #available()} found missing, for an assumption's message; empty when nothing is. */
    public static String missing() {
        return whatIsMissing().map(m -> "browser test skipped: " + m).orElse("");
    }

    /** Skips the calling test when the browser is not here (fails it with {@code CI=true}): {@link #available()}. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(available(), Browser::missing);
    }

    private static Optional<String> whatIsMissing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(chromium())) {
            missing.add("no Chromium at " + chromium() + " (apt-get install chromium, or set CHROMIUM)");
        }
        if (!Files.isExecutable(chromedriver())) {
            missing.add("no chromedriver at " + chromedriver() + " (apt-get install chromium-driver, or set CHROMEDRIVER)");
        }
        if (axeCore().isEmpty()) {
            missing.add("no axe-core: set AXE_CORE to axe.min.js, or run npm ci --prefix .ci/browser in the repository");
        }
        return missing.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", missing));
    }

    static Path chromium() {
        return Path.of(env("CHROMIUM", "/usr/bin/chromium"));
    }

    static Path chromedriver() {
        return Path.of(env("CHROMEDRIVER", "/usr/bin/chromedriver"));
    }

    /** $AXE_CORE, else .ci/browser/node_modules/axe-core/axe.min.js in the working directory or the nearest folder above. */
    static Optional<Path> axeCore() {
        String configured = System.getenv("AXE_CORE");
        if (configured != null && !configured.isBlank()) {
            Path file = Path.of(configured);
            return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(".ci/browser/node_modules/axe-core/axe.min.js");
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    private static String axeSource() {
        String source = axeSource;
        if (source == null) {
            Path file = axeCore().orElseThrow(() -> new IllegalStateException("no axe-core (AXE_CORE, .ci/browser)"));
            try {
                source = Files.readString(file, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException("could not read " + file, e);
            }
            axeSource = source;
        }
        return source;
    }

    /**
     * --window-size sizes the window; the page gets what is left of it. Make the viewport itself the asked-for size,
     * so a phone-sized page is laid out 390 CSS pixels wide as on the phone.
     */
    private void fitViewport() {
        Object inner = driver.executeScript("return [window.innerWidth, window.innerHeight];");
        List<?> wh = (List<?>) inner;
        if ((int) number(wh.get(0)) != size.getWidth() || (int) number(wh.get(1)) != size.getHeight()) {
            driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", size.getWidth(), "height", size.getHeight(),
                    "deviceScaleFactor", 1, "mobile", false));
        }
    }

    private void deleteProfile() {
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
        } catch (IOException e) {
            System.out.println("Browser: could not delete the profile " + profile + ": " + e);
        }
    }

    private static Logger quiet(String name) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(Level.SEVERE);
        return logger;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
