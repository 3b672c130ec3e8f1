package uk.gov.paas.support.incident.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.gov.paas.support.kernel.testing.StubResponses;
import uk.gov.paas.support.local.DevTokens;

/**
 * A stand-in escalation-service over real HTTP: a people directory the test fills, and a page route that records
 * each request with its Idempotency-Key. A test can make it fail (500), hang, refuse (400), or answer late (LATE:
 * the right answer after {@link #LATE_MILLIS}, with {@link #askedLate()} and {@link #answeredLate()} to watch it).
 */
public class EscalationStub implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers. */
    public enum Mode {
        UP, FAILING, SLOW, REFUSING, LATE
    }

    /** How long a LATE answer takes: under the client's read timeout (1500 ms) and fault-tolerance timeout (2 s). */
    public static final long LATE_MILLIS = 1200;

    public record Received(String idempotencyKey, String authorization, String body) {
    }

    private static final Map<String, String> PEOPLE_BY_EMAIL = new ConcurrentHashMap<>();
    private static final Map<String, String> PEOPLE_BY_ROLE = new ConcurrentHashMap<>();
    private static final List<Received> PAGES = new CopyOnWriteArrayList<>();
    private static final List<Received> RESOLVES = new CopyOnWriteArrayList<>();
    private static final AtomicReference<Mode> MODE = new AtomicReference<>(Mode.UP);
    private static final AtomicInteger REQUESTS = new AtomicInteger();
    private static final AtomicInteger NEXT_PAGE = new AtomicInteger(1);
    private static final AtomicReference<CountDownLatch> ASKED_LATE = new AtomicReference<>(new CountDownLatch(1));
    private static final AtomicBoolean ANSWERED_LATE = new AtomicBoolean();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/api/people", this::people);
        server.createContext("/api/pages", this::page);
        server.start();
        return Map.of("quarkus.rest-client.escalation-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "support.clients.escalation-service.token", DevTokens.forRole("service"),
                "quarkus.rest-client.escalation-service.read-timeout", "1500");
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    public static void reset() {
        PEOPLE_BY_EMAIL.clear();
        PEOPLE_BY_ROLE.clear();
        PAGES.clear();
        RESOLVES.clear();
        MODE.set(Mode.UP);
        REQUESTS.set(0);
        ASKED_LATE.set(new CountDownLatch(1));
        ANSWERED_LATE.set(false);
    }

    /** Counted down when a request reaches the stub in LATE mode (before it starts waiting). */
    public static CountDownLatch askedLate() {
        return ASKED_LATE.get();
    }

    /** Whether a LATE request has finished waiting. */
    public static boolean answeredLate() {
        return ANSWERED_LATE.get();
    }

    public static void mode(Mode mode) {
        MODE.set(mode);
    }

    /** Adds a person to the stub directory. */
    public static void person(long id, String name, String email, boolean productionAccess, String... roles) {
        String json = "{\"id\":" + id + ",\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"productionAccess\":" + productionAccess
                + ",\"roles\":[" + String.join(",", java.util.Arrays.stream(roles).map(r -> "\"" + r + "\"").toList()) + "],\"availableNow\":true}";
        PEOPLE_BY_EMAIL.put(email.toLowerCase(), json);
        for (String role : roles) {
            PEOPLE_BY_ROLE.merge(role, json, (a, b) -> a + "," + b);
        }
    }

    /** Each POST /api/pages/resolve received (dedup key in the body). */
    public static List<Received> resolves() {
        return RESOLVES;
    }

    public static List<Received> pages() {
        return PAGES;
    }

    public static int requests() {
        return REQUESTS.get();
    }

    private boolean misbehave(HttpExchange exchange) throws IOException {
        REQUESTS.incrementAndGet();
        switch (MODE.get()) {
            case FAILING -> {
                respond(exchange, 500, "{\"status\":500}");
                return true;
            }
            case SLOW -> {
                try {
                    Thread.sleep(3000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                respond(exchange, 503, "{}");
                return true;
            }
            case LATE -> {
                ASKED_LATE.get().countDown();
                try {
                    Thread.sleep(LATE_MILLIS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                ANSWERED_LATE.set(true);
                return false;
            }
            default -> {
                return false;
            }
        }
    }

    private void people(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String query = exchange.getRequestURI().getQuery() == null ? "" : java.net.URLDecoder.decode(exchange.getRequestURI().getQuery(), StandardCharsets.UTF_8);
        String items = "";
        for (String pair : query.split("&")) {
            if (pair.startsWith("email=")) {
                items = PEOPLE_BY_EMAIL.getOrDefault(pair.substring(6).toLowerCase(), "");
            } else if (pair.startsWith("role=")) {
                items = PEOPLE_BY_ROLE.getOrDefault(pair.substring(5), "");
            }
        }
        respond(exchange, 200, "{\"items\":[" + items + "],\"page\":0,\"size\":50,\"total\":" + (items.isEmpty() ? 0 : items.split("\\},\\{").length) + "}");
    }

    private void page(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        if (exchange.getRequestURI().getPath().equals("/api/pages/resolve")) {
            RESOLVES.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"), exchange.getRequestHeaders().getFirst("Authorization"), body));
            respond(exchange, 200, "{\"resolved\":[{\"id\":1,\"status\":\"RESOLVED\"}]}");
            return;
        }
        if (MODE.get() == Mode.REFUSING) {
            respond(exchange, 400, "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"severity: must be one of P1, P2, P3, P4\"}");
            return;
        }
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean seen = PAGES.stream().anyMatch(p -> p.idempotencyKey() != null && p.idempotencyKey().equals(key));
        PAGES.add(new Received(key, exchange.getRequestHeaders().getFirst("Authorization"), body));
        respond(exchange, seen ? 200 : 201, "{\"id\":" + (seen ? 1 : NEXT_PAGE.getAndIncrement()) + ",\"status\":\"TRIGGERED\"}");
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        StubResponses.json(exchange, status, json);
    }
}
