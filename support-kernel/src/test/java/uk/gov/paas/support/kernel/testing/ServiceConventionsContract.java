package uk.gov.paas.support.kernel.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.ConfigProvider;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import uk.gov.paas.support.kernel.clients.ServiceClients;
import uk.gov.paas.support.kernel.config.Profiles;
import uk.gov.paas.support.kernel.outbox.OutboxMessage;
import uk.gov.paas.support.local.DevTokens;

/**
 * What every service promises from day one, run by each service's own @QuarkusTest subclass: health that
 * separates liveness from readiness, the calendar's coverage warning, OpenAPI, metrics, and the API's
 * 401 / 403 / 400 / 413 problem+json answers that write nothing (never a 500 for bad input), and README's access table naming each route's roles as the
 * code's annotations do.
 */
public abstract class ServiceConventionsContract {

    @Inject
    protected MutableClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void livenessIsUpWithoutAskingTheDatabase() {
        given().when().get("/q/health/live").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", not(hasItem(containsString("Database"))));
    }

    @Test
    void readinessChecksTheDatabaseAndTheCalendar() {
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"))
                .body("checks.find { it.name == 'support-hours calendar' }.data.bankHolidaysCoveredUntil", equalTo("2028-12-31"))
                .body("checks.find { it.name == 'support-hours calendar' }.data.warning", nullValue());
    }

    @Test
    void readinessWarnsWhenBankHolidaysRunOutWithinNinetyDays() {
        clock.set(Instant.parse("2028-11-01T12:00:00Z"));
        given().when().get("/q/health/ready").then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.find { it.name == 'support-hours calendar' }.data.warning", containsString("2028-12-31"));
    }

    @Test
    void openApiDescribesTheApiAndItsBearerScheme() {
        given().when().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/admin/outbox'", not(nullValue()))
                .body("components.securitySchemes.SecurityScheme.scheme", equalTo("bearer"));
    }

    /**
     * Every 2xx answer of every operation that /q/openapi lists says what its body is, so a client generated from the
     * document knows what it gets. A JSON body's schema must describe something: a {@code $ref}, a oneOf, a scalar, an
     * array of described items, or an object with properties; an empty schema or a bare {@code type: object} (what a
     * method returning {@code Response} or {@code Object} gets) fails. Two exceptions, by design: a 204 has no body, so
     * no content; a body that is not JSON (an HTML page, a text/calendar feed, a Markdown report) is a string, and a
     * string schema is all it needs.
     */
    @Test
    void everySuccessfulAnswerInTheOpenApiDocumentHasASchema() {
        Map<String, Object> document = given().when().get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath().getMap("");
        List<String> missing = OpenApiSchemas.successesWithoutSchema(document);
        assertTrue(missing.isEmpty(), "/q/openapi has 2xx answers without a schema (return the view type or RestResponse<View>, "
                + "and say a status other than 200 with @APIResponseSchema):\n  " + String.join("\n  ", missing));
    }

    @Test
    void prometheusMetricsIncludeTheOutboxCounters() {
        given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("support_outbox_sent_total{kind=\"email\""))
                .body(containsString("support_outbox_dead_total{kind=\"email\""))
                .body(containsString("support_outbox_oldest_pending_age_seconds{kind=\"email\""));
    }

    @Test
    void anApiCallWithoutATokenIs401ProblemJson() {
        given().when().get("/api/admin/outbox").then().statusCode(401)
                .contentType("application/problem+json").body("status", equalTo(401));
    }

    @Test
    void anApiCallWithTheWrongRoleIs403ProblemJson() {
        given().auth().oauth2(DevTokens.forRole("agent")).when().get("/api/admin/outbox").then().statusCode(403)
                .contentType("application/problem+json").body("status", equalTo(403));
    }

    @Test
    void aBadBodyIs400ProblemJsonNamingTheFieldAndWritesNothing() {
        long before = OutboxMessage.count();
        given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON).body("{\"to\":\"nobody\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        assertEquals(before, OutboxMessage.count());
    }

    /** This service's own list routes (beside the kernel's outbox lists), each without a query or ending in one. */
    protected List<String> listRoutes() {
        return List.of();
    }

    /** Reads of this service whose query parameter reaches the database as text, each ending in {@code param=}. */
    protected List<String> textQueries() {
        return List.of();
    }

    /** The table this service kept its Idempotency-Keys in before the kernel's idempotent_request; null if it kept none. */
    protected IdempotencyUpgrade.OldTable idempotencyTableBefore() {
        return null;
    }

    @Test
    void storedIdempotencyKeysStillAnswerAfterTheUpgradeToTheKernelTable() throws Exception {
        IdempotencyUpgrade.OldTable old = idempotencyTableBefore();
        Assumptions.assumeTrue(old != null, "this service kept no Idempotency-Keys before the kernel's table");
        IdempotencyUpgrade.check(ConfigProvider.getConfig().getValue("support.database.name", String.class) + "_upgrade_test", old);
    }

    @Test
    void aPageBeyondTheLastOneIs400NotAnOverflowedOffset() {
        List<String> routes = new ArrayList<>(List.of("/api/admin/outbox", "/api/admin/outbox/calls"));
        routes.addAll(listRoutes());
        for (String route : routes) {
            String url = route + (route.contains("?") ? "&" : "?") + "page=2147483647&size=500";
            given().auth().oauth2(DevTokens.forRole("admin")).when().get(url).then().statusCode(400)
                    .contentType("application/problem+json").body("errors.field", hasItem("page"));
        }
    }

    @Test
    void aHugeOrNegativeIdIsA4xxProblemNeverA500() {
        for (String id : List.of("99999999999999999999", "-1", "9223372036854775807")) {
            int status = given().auth().oauth2(DevTokens.forRole("admin")).when().get("/api/admin/outbox/" + id)
                    .then().contentType("application/problem+json").extract().statusCode();
            assertTrue(status >= 400 && status < 500, id + " answered " + status);
        }
    }

    @Test
    void aNulInAJsonStringIs400NamingTheFieldAndWritesNothing() {
        long before = OutboxMessage.count();
        given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON)
                .body("{\"to\":\"ops@example.org\",\"subject\":\"a\\u0000b\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("subject"));
        assertEquals(before, OutboxMessage.count());
    }

    @Test
    void aNulInAQueryParameterIs400() {
        for (String query : textQueries()) {
            given().auth().oauth2(DevTokens.forRole("admin")).urlEncodingEnabled(false).when().get(query + "a%00b").then()
                    .statusCode(400).contentType("application/problem+json");
        }
    }

    @Test
    void anEmptyAddressIs400AndWritesNothing() {
        long before = OutboxMessage.count();
        given().auth().oauth2(DevTokens.forRole("admin")).contentType(ContentType.JSON).body("{\"to\":\"\"}")
                .when().post("/api/admin/outbox/test-email")
                .then().statusCode(400).contentType("application/problem+json").body("errors.field", hasItem("to"));
        assertEquals(before, OutboxMessage.count());
    }

    @Test
    void deeplyNestedJsonIs400ProblemJsonAndWritesNothing() throws Exception {
        long before = OutboxMessage.count();
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        for (String body : List.of(nested, "{\"to\":\"ops@example.org\",\"subject\":" + nested + "}")) {
            HttpResponse<String> response = postTestEmail(body);
            assertEquals(400, response.statusCode(), response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(before, OutboxMessage.count());
    }

    @Test
    void anOversizedBodyIs413ProblemJsonAndWritesNothing() throws Exception {
        long before = OutboxMessage.count();
        // the length announced is over the limit: the service answers before reading the body, so none is sent
        String answer;
        try (Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
            socket.setSoTimeout(20_000);
            socket.getOutputStream().write(("POST /api/admin/outbox/test-email HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + DevTokens.forRole("admin") + "\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + 11 * 1024 * 1024 + "\r\nConnection: close\r\n\r\n{\"to\":\"ops@example.org\",\"text\":\"")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            answer = "no answer: " + e;
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":413"), answer);
        assertEquals(before, OutboxMessage.count());
    }

    @Test
    void aChunkedBodyGrowingPastTheLimitIs413ProblemJsonAndWritesNothing() throws Exception {
        long before = OutboxMessage.count();
        // no Content-Length: the size is only known as the chunks arrive (Quarkus REST alone would answer a bare 413)
        String answer;
        try (Socket socket = new Socket(URI.create(RestAssured.baseURI).getHost(), RestAssured.port)) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/admin/outbox/test-email HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + DevTokens.forRole("admin") + "\r\nContent-Type: application/json\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] spaces = " ".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            writeChunk(out, "{\"to\":\"ops@example.org\",\"text\":\"x\"".getBytes(StandardCharsets.US_ASCII));
            try {
                // 11 MB of JSON whitespace; stop once the answer arrives, so the reset of an unread body cannot lose it
                for (int sent = 0; sent < 11 * 1024 * 1024 && socket.getInputStream().available() == 0; sent += spaces.length) {
                    writeChunk(out, spaces);
                }
            } catch (IOException closedByTheService) {
                // the service answered and closed the connection while the body was still being sent
            }
            answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (SocketTimeoutException e) {
            answer = "no answer: " + e;
        }
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.toLowerCase(Locale.ROOT).contains("content-type: application/problem+json"), answer);
        assertTrue(answer.contains("\"status\":413"), answer);
        assertTrue(answer.contains("\"title\":\"Content Too Large\""), answer);
        assertEquals(before, OutboxMessage.count());
    }

    @Test
    void aChunkedBodyUnderTheLimitIsReadWhole() throws Exception {
        // 9 MB of JSON whitespace before the fields: the row can only hold them if the whole body was read
        String text = "chunked " + UUID.randomUUID() + " " + "y".repeat(9_000);
        String body = "{" + " ".repeat(9 * 1024 * 1024) + "\"to\":\"ops@example.org\",\"subject\":\"chunked\",\"text\":\"" + text + "\"}";
        for (String each : List.of(body, "{\"to\":\"ops@example.org\",\"subject\":\"small\",\"text\":\"" + text + "\"}")) {
            byte[] bytes = each.getBytes(StandardCharsets.UTF_8);
            HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/admin/outbox/test-email"))
                    .version(HttpClient.Version.HTTP_1_1)
                    .header("Authorization", "Bearer " + DevTokens.forRole("admin")).header("Content-Type", "application/json")
                    // a stream of unknown length is sent chunked
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes))).build();
            HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
            assertEquals(202, response.statusCode(), response.body());
            long id = Long.parseLong(response.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));
            OutboxMessage row = OutboxMessage.findById(id);
            assertEquals(text, row.textBody);
        }
    }

    private static void writeChunk(OutputStream out, byte[] chunk) throws IOException {
        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(chunk);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
    }

    /** Outside REST Assured, which would pretty-print a huge body into its failure log. */
    private static HttpResponse<String> postTestEmail(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(RestAssured.baseURI + ":" + RestAssured.port + "/api/admin/outbox/test-email"))
                .header("Authorization", "Bearer " + DevTokens.forRole("admin")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void anAdminCanReadTheOutbox() {
        given().auth().oauth2(DevTokens.forRole("admin")).when().get("/api/admin/outbox").then().statusCode(200)
                .body("page", equalTo(0));
    }

    @Test
    void theReadmesAccessTableIsTheCodes() throws IOException {
        String application = ConfigProvider.getConfig().getValue("quarkus.application.name", String.class);
        List<Class<?>> resources = AccessTable.resourceBeans();
        List<String> differences = new ArrayList<>(AccessTable.differences(Files.readAllLines(readme()), application, resources));

        // the bean scan must see every operation the application serves, or the table could miss one unnoticed
        Set<AccessTable.Route> scanned = AccessTable.fromCode(resources).routes().keySet();
        Map<String, Map<String, Object>> paths = given().when().get("/q/openapi?format=json").then().statusCode(200)
                .extract().jsonPath().getMap("paths");
        paths.forEach((path, operations) -> operations.keySet().stream()
                .filter(m -> Set.of("get", "put", "post", "delete", "patch", "head", "options").contains(m))
                .map(m -> new AccessTable.Route(m.toUpperCase(Locale.ROOT), AccessTable.normalise(path)))
                .filter(route -> !scanned.contains(route))
                .forEach(route -> differences.add("/q/openapi lists " + route + ", which no resource bean was found serving")));

        assertTrue(differences.isEmpty(), "README.md's '" + AccessTable.SECTION + "' tables and the code's @RolesAllowed/@PermitAll"
                + " disagree for " + application + ":\n  " + String.join("\n  ", differences));
    }

    @Test
    void profileSettingsFollowTheOneProfilesRule() throws IOException {
        List<String> problems = new ArrayList<>();
        for (String resource : List.of("application.properties", "META-INF/microprofile-config.properties")) {
            for (URL url : Collections.list(Thread.currentThread().getContextClassLoader().getResources(resource))) {
                Properties properties = new Properties();
                try (InputStream in = url.openStream()) {
                    properties.load(in);
                }
                for (String key : properties.stringPropertyNames()) {
                    String value = properties.getProperty(key).strip();
                    Set<String> profiles = key.startsWith("%") ? Set.of(key.substring(1, key.indexOf('.')).split(",")) : Set.of();
                    // a development default names all of the development profiles, or one of them alone
                    if (profiles.size() > 1 && profiles.stream().anyMatch(Profiles.DEVELOPMENT::contains) && !profiles.equals(Profiles.DEVELOPMENT)) {
                        problems.add(url + ": " + key + " names some development profiles but not all of " + Profiles.DEVELOPMENT);
                    }
                    // demo data is switched on only in a development profile (anywhere else it refuses start-up)
                    if (key.matches(".*\\.demo-[a-z-]+") && "true".equals(value) && !Profiles.isDevelopment(profiles)) {
                        problems.add(url + ": " + key + " switches demo data on outside the development profiles");
                    }
                    // a callee's token comes from the variable the start-up guard names
                    String bare = key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key;
                    if (bare.startsWith(ServiceClients.PREFIX + ".") && bare.endsWith(".token")) {
                        String callee = bare.substring(ServiceClients.PREFIX.length() + 1, bare.length() - ".token".length());
                        String expected = "${" + ServiceClients.tokenVariable(callee) + ":";
                        if (!value.startsWith(expected)) {
                            problems.add(url + ": " + key + "=" + value + ", expected " + expected + "}");
                        }
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The repository's README.md: tests run in a module's directory, one below it. */
    static Path readme() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("README.md");
            if (Files.isRegularFile(candidate) && Files.isDirectory(dir.resolve("support-kernel"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("no README.md beside support-kernel/ above " + Path.of("").toAbsolutePath());
    }
}
