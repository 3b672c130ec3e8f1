package uk.gov.paas.support.escalation.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.kernel.testing.Browser;
import uk.gov.paas.support.kernel.testing.MailParts;
import uk.gov.paas.support.local.DevTokens;

/**
 * Across two packaged services as {@code ./run-local} runs them (the local profile with its demo directory, rota and
 * policy; real HTTP between them; PostgreSQL; a real SMTP server): a P1 declared in incident-service whose first update
 * is missed (its response target shortened to one minute by configuration, as an operator could) pages through
 * escalation-service, the page email reaches the person on call, the agent acknowledges that page from the on-call
 * console in a real Chromium, and incident-service's timeline records who acknowledged it. Needs both services packaged
 * ({@code ./mvnw verify} packages incident-service before escalation-service's integration tests run); with CI=true a
 * missing jar or browser fails the test rather than skipping it.
 */
class MissedUpdatePageIT {

    static final Path INCIDENT_JAR = Path.of("../incident-service/target/quarkus-app/quarkus-run.jar");
    static final Path ESCALATION_JAR = Path.of("target/quarkus-app/quarkus-run.jar");
    static final Duration READY = Duration.ofSeconds(120);

    final String word = UUID.randomUUID().toString().substring(0, 6);
    final List<Process> processes = new ArrayList<>();
    GreenMail smtp;

    @Test
    void aMissedUpdatePagesTheOnCallPersonWhoAcknowledgesFromTheConsoleAndTheIncidentSaysSo() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        for (Path jar : List.of(INCIDENT_JAR, ESCALATION_JAR)) {
            if (!Files.isRegularFile(jar)) {
                if (ci) {
                    fail(jar + " is missing: package both services first (./mvnw verify does)");
                }
                assumeTrue(false, jar + " is missing: package both services first");
            }
        }
        Browser.assumeAvailable();

        int incidentPort = freePort();
        int escalationPort = freePort();
        int smtpPort = freePort();
        smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        String suffix = Optional.ofNullable(System.getenv("TEST_DB_SUFFIX")).orElse("");
        String incidentsDb = "incidents_e2e" + suffix;
        String escalationDb = "escalation_e2e" + suffix;
        freshDatabases(incidentsDb, escalationDb);
        String serviceToken = DevTokens.forRole("service");
        String incidentUrl = "http://localhost:" + incidentPort;
        String escalationUrl = "http://localhost:" + escalationPort;
        Map<String, String> common = Map.of("SMTP_HOST", "127.0.0.1", "SMTP_PORT", Integer.toString(smtpPort),
                "INCIDENT_SERVICE_URL", incidentUrl, "ESCALATION_SERVICE_URL", escalationUrl,
                "INCIDENT_SERVICE_TOKEN", serviceToken, "ESCALATION_SERVICE_TOKEN", serviceToken);
        start("incident-service", INCIDENT_JAR, common, Map.of("INCIDENT_PORT", Integer.toString(incidentPort), "DB_NAME", incidentsDb,
                // a missed first update within a minute, found within two seconds
                "SUPPORT_TARGETS_P1_IN_HOURS_RESPOND", "1m", "SUPPORT_TARGETS_P1_OUT_OF_HOURS_RESPOND", "1m", "INCIDENT_SCAN_INTERVAL", "2s"));
        start("escalation-service", ESCALATION_JAR, common, Map.of("ESCALATION_PORT", Integer.toString(escalationPort), "DB_NAME", escalationDb));
        awaitReady(incidentUrl, 0);
        awaitReady(escalationUrl, 1);

        // the incident: a P1 nobody updates
        String title = "Payments API returns 503 (" + word + ")";
        long incident = given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                .body(Map.of("title", title, "description", "Every payment fails since 10:02.", "severity", "P1"))
                .post(incidentUrl + "/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        String dedupKey = "incident-" + incident + "-update-overdue";

        // a minute later the update is missed: incident-service asks escalation-service to page
        long page = waitFor(Duration.ofSeconds(150), "a page for " + dedupKey, () -> {
            JsonPath pages = given().auth().oauth2(DevTokens.forRole("agent")).get(escalationUrl + "/api/pages?status=open&size=100")
                    .then().statusCode(200).extract().jsonPath();
            List<Map<String, Object>> items = pages.getList("items");
            return items.stream().filter(p -> dedupKey.equals(p.get("dedupKey"))).map(p -> ((Number) p.get("id")).longValue()).findFirst();
        });
        // ... and the page email reaches whoever the demo policy's first level names, with its acknowledgement link
        MimeMessage pageEmail = waitFor(Duration.ofSeconds(60), "the page email", () -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains("Page #" + page + ":")).findFirst());
        assertTrue(subject(pageEmail).startsWith("[P1 "), subject(pageEmail));
        assertTrue(MailParts.text(pageEmail).contains(escalationUrl + "/ack/"), MailParts.text(pageEmail));

        // the agent on call acknowledges it from the on-call console
        String agentEmail = "oncall." + word + "@support.example";
        try (Browser agent = Browser.desktop()) {
            agent.signIn(escalationUrl + "/console", "agent", null, agentEmail);
            agent.open(escalationUrl + "/console/pages");
            assertEquals("Open pages", agent.h1());
            agent.assertAccessible("the open pages, with the incident's page");
            agent.press(By.cssSelector("main a[href$='/console/pages/" + page + "']"));
            assertTrue(agent.h1().contains(title), agent.h1());
            agent.press(By.id("acknowledge"));
            assertEquals("acknowledged", agent.driver().findElement(By.id("page-status")).getText().strip());
            agent.assertAccessible("the acknowledged page");
        }
        assertEquals("ACKNOWLEDGED", given().auth().oauth2(DevTokens.forRole("agent")).get(escalationUrl + "/api/pages/" + page)
                .then().statusCode(200).extract().jsonPath().getString("status"));

        // escalation-service reports the acknowledgement back: the incident's timeline says who and when
        String entry = waitFor(Duration.ofSeconds(60), "the acknowledgement on the incident's timeline", () -> {
            String body = given().auth().oauth2(DevTokens.forRole("agent")).get(incidentUrl + "/api/incidents/" + incident)
                    .then().statusCode(200).extract().asString();
            return body.contains("acknowledged by") ? Optional.of(body) : Optional.empty();
        });
        assertTrue(entry.contains("Page #" + page + " acknowledged by"), entry);
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    // --- the two services, as run-local starts them

    private void start(String name, Path jar, Map<String, String> common, Map<String, String> own) throws IOException {
        File log = Path.of("target", "e2e-" + name + ".log").toFile();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx384m",
                "-Dquarkus.profile=local", "-jar", jar.toAbsolutePath().toString())
                .redirectErrorStream(true).redirectOutput(log);
        builder.environment().putAll(common);
        builder.environment().putAll(own);
        processes.add(builder.start());
    }

    private void awaitReady(String url, int index) throws Exception {
        long deadline = System.nanoTime() + READY.toNanos();
        while (System.nanoTime() < deadline) {
            if (!processes.get(index).isAlive()) {
                fail(url + " exited with " + processes.get(index).exitValue() + "; see target/e2e-*.log");
            }
            try {
                if (given().get(url + "/q/health/ready").statusCode() == 200) {
                    return;
                }
            } catch (Exception notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        fail(url + " was not ready within " + READY + "; see target/e2e-*.log");
    }

    private static void freshDatabases(String... names) throws Exception {
        String host = Optional.ofNullable(System.getenv("DB_HOST")).orElse("localhost");
        String port = Optional.ofNullable(System.getenv("DB_PORT")).orElse("5432");
        String user = Optional.ofNullable(System.getenv("DB_USER")).orElse("postgres");
        String password = Optional.ofNullable(System.getenv("DB_PASSWORD")).orElse("");
        try (Connection connection = DriverManager.getConnection("jdbc:postgresql://" + host + ":" + port + "/postgres", user, password);
                Statement statement = connection.createStatement()) {
            for (String name : names) {
                statement.execute("drop database if exists " + name + " with (force)");
                statement.execute("create database " + name);
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static <T> T waitFor(Duration limit, String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            Optional<T> found = probe.get();
            if (found.isPresent()) {
                return found.get();
            }
            Thread.sleep(1000);
        }
        return fail("no " + what + " within " + limit + "; see target/e2e-*.log");
    }

    private static String subject(MimeMessage message) {
        try {
            return String.valueOf(message.getSubject());
        } catch (jakarta.mail.MessagingException e) {
            return "";
        }
    }

}
