package uk.gov.paas.support.ticket;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.gov.paas.support.kernel.testing.StubResponses;
import uk.gov.paas.support.local.DevTokens;

/**
 * Stand-in escalation-service over real HTTP: who is on call on a rota (the test sets the answer), a page route
 * recording each request with its Idempotency-Key, and POST /api/pages/resolve resolving the open page of a dedup key
 * as the real one does (200, the pages resolved: none when no page with that key is open). A test can make it fail
 * (500) or hang.
 *
 * <p>And a stand-in incident-service: POST /api/incidents honouring Idempotency-Key as the real one does (a repeat
 * answers 200 with the first incident). It can be truly down ({@link #incidentDown()}: the port is closed, so a
 * connection is refused) and come back on the same port ({@link #incidentUp()}), or refuse requests (400).
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers. */
    public enum Mode {
        UP, FAILING, SLOW
    }

    /** One request as it arrived, with the W3C traceparent header it carried (null: none). */
    public record Received(String path, String idempotencyKey, String authorization, String body, String traceparent) {
    }

    /** How the incident-service stub answers while it is up. */
    public enum IncidentMode {
        UP, REFUSING
    }

    /** An incident the stub declared, with the Idempotency-Key that first asked for it. */
    public record Declared(long id, String idempotencyKey, String body) {
    }

    private static final AtomicReference<Mode> ESCALATION_MODE = new AtomicReference<>(Mode.UP);
    private static final AtomicReference<String> ON_CALL = new AtomicReference<>();
    private static final List<Received> ESCALATION_REQUESTS = new CopyOnWriteArrayList<>();
    private static final java.util.Set<String> OPEN_PAGES = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();
    private static HttpServer escalation;

    private static final Object INCIDENT_LOCK = new Object();
    private static final AtomicReference<IncidentMode> INCIDENT_MODE = new AtomicReference<>(IncidentMode.UP);
    private static final List<Received> INCIDENT_REQUESTS = new CopyOnWriteArrayList<>();
    private static final Map<String, Declared> INCIDENTS_BY_KEY = new java.util.concurrent.ConcurrentHashMap<>();
    private static final java.util.concurrent.atomic.AtomicLong NEXT_INCIDENT = new java.util.concurrent.atomic.AtomicLong(701);
    private static int incidentPort;
    private static HttpServer incident;

    @Override
    public Map<String, String> start() {
        try {
            escalation = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        escalation.setExecutor(Executors.newFixedThreadPool(4));
        escalation.createContext("/api/rotas", this::rotas);
        escalation.createContext("/api/pages", this::pages);
        escalation.createContext("/api/pages/resolve", this::resolvePages);
        escalation.start();
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            incidentPort = socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        incidentUp();
        return Map.of("quarkus.rest-client.escalation-service.url", "http://127.0.0.1:" + escalation.getAddress().getPort(),
                "quarkus.rest-client.escalation-service.read-timeout", "1500",
                "support.clients.escalation-service.token", DevTokens.forRole("service"),
                "quarkus.rest-client.incident-service.url", "http://127.0.0.1:" + incidentPort,
                "quarkus.rest-client.incident-service.read-timeout", "1500",
                "support.clients.incident-service.token", DevTokens.forRole("service"));
    }

    @Override
    public void stop() {
        escalation.stop(0);
        incidentDown();
    }

    /** Every stub up and answering normally, with nothing recorded. */
    public static void reset() {
        ESCALATION_MODE.set(Mode.UP);
        ON_CALL.set(null);
        ESCALATION_REQUESTS.clear();
        OPEN_PAGES.clear();
        INCIDENT_MODE.set(IncidentMode.UP);
        INCIDENT_REQUESTS.clear();
        INCIDENTS_BY_KEY.clear();
        incidentUp();
    }

    /** incident-service goes down: its port is closed, so every connection is refused. */
    public static void incidentDown() {
        synchronized (INCIDENT_LOCK) {
            if (incident != null) {
                java.util.concurrent.Executor threads = incident.getExecutor();
                incident.stop(0);
                incident = null;
                if (threads instanceof java.util.concurrent.ExecutorService pool) {
                    pool.shutdownNow();
                }
            }
        }
    }

    /** incident-service is back, on the same port, with the incidents it had declared. */
    public static void incidentUp() {
        synchronized (INCIDENT_LOCK) {
            if (incident != null) {
                return;
            }
            IOException last = null;
            for (int attempt = 0; attempt < 50; attempt++) {
                try {
                    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", incidentPort), 0);
                    server.setExecutor(Executors.newFixedThreadPool(2));
                    server.createContext("/api/incidents", ServiceStubs::incidents);
                    server.start();
                    incident = server;
                    return;
                } catch (IOException e) {
                    last = e;
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException interrupted) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            throw new IllegalStateException("the incident-service stub could not listen on port " + incidentPort + " again", last);
        }
    }

    public static void incidentMode(IncidentMode mode) {
        INCIDENT_MODE.set(mode);
    }

    /** Every request that reached the incident-service stub. */
    public static List<Received> incidentRequests() {
        return INCIDENT_REQUESTS;
    }

    /** The incidents the stub declared: one per Idempotency-Key, however often it was asked. */
    public static List<Declared> incidentsDeclared() {
        return INCIDENTS_BY_KEY.values().stream().sorted(java.util.Comparator.comparingLong(Declared::id)).toList();
    }

    private static void incidents(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        INCIDENT_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), key, exchange.getRequestHeaders().getFirst("Authorization"), body,
                exchange.getRequestHeaders().getFirst("traceparent")));
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"status\":405}");
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        if (INCIDENT_MODE.get() == IncidentMode.REFUSING) {
            respond(exchange, 400, "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"severity: must be one of P1, P2, P3, P4\"}");
            return;
        }
        if (key == null) {
            long id = NEXT_INCIDENT.getAndIncrement();
            INCIDENTS_BY_KEY.put("no-key-" + id, new Declared(id, null, body));
            respond(exchange, 201, "{\"id\":" + id + ",\"status\":\"INVESTIGATING\"}");
            return;
        }
        boolean[] created = {false};
        Declared declared = INCIDENTS_BY_KEY.computeIfAbsent(key, k -> {
            created[0] = true;
            return new Declared(NEXT_INCIDENT.getAndIncrement(), k, body);
        });
        respond(exchange, created[0] ? 201 : 200, "{\"id\":" + declared.id() + ",\"status\":\"INVESTIGATING\"}");
    }

    public static void escalationMode(Mode mode) {
        ESCALATION_MODE.set(mode);
    }

    /** The on-call answer of every rota: {@code now} is on call, {@code next} takes over at the next handoff. */
    public static void onCall(String nowEmail, String nextEmail) {
        ON_CALL.set("{\"rotaId\":1,\"rotaName\":\"Support\",\"now\":" + shift(1, nowEmail) + ",\"next\":" + shift(2, nextEmail) + "}");
    }

    public static List<Received> escalationRequests() {
        return ESCALATION_REQUESTS;
    }

    private static String shift(long id, String email) {
        return email == null ? "null" : "{\"person\":{\"id\":" + id + ",\"name\":\"" + email.substring(0, email.indexOf('@')) + "\",\"email\":\""
                + email + "\"},\"start\":\"2026-11-30T09:00:00Z\",\"end\":\"2026-12-07T09:00:00Z\"}";
    }

    private boolean misbehave(HttpExchange exchange) throws IOException {
        switch (ESCALATION_MODE.get()) {
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
            default -> {
                return false;
            }
        }
    }

    private void rotas(HttpExchange exchange) throws IOException {
        ESCALATION_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), null, exchange.getRequestHeaders().getFirst("Authorization"), "",
                exchange.getRequestHeaders().getFirst("traceparent")));
        if (misbehave(exchange)) {
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        if (!path.endsWith("/on-call") || ON_CALL.get() == null || path.contains("/nosuch/")) {
            respond(exchange, 404, "{\"status\":404,\"detail\":\"There is no rota\"}");
            return;
        }
        respond(exchange, 200, ON_CALL.get());
    }

    private void pages(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
        boolean seen = ESCALATION_REQUESTS.stream().anyMatch(p -> p.idempotencyKey() != null && p.idempotencyKey().equals(key));
        ESCALATION_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), key, exchange.getRequestHeaders().getFirst("Authorization"), body,
                exchange.getRequestHeaders().getFirst("traceparent")));
        OPEN_PAGES.add(dedupKey(body));
        respond(exchange, seen ? 200 : 201, "{\"id\":1,\"status\":\"TRIGGERED\"}");
    }

    /** The page requests that reached the stub (not the resolves). */
    public static List<Received> pageRequests() {
        return ESCALATION_REQUESTS.stream().filter(r -> r.path().equals("/api/pages")).toList();
    }

    /** The resolve requests that reached the stub. */
    public static List<Received> resolveRequests() {
        return ESCALATION_REQUESTS.stream().filter(r -> r.path().equals("/api/pages/resolve")).toList();
    }

    private void resolvePages(HttpExchange exchange) throws IOException {
        if (misbehave(exchange)) {
            return;
        }
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        ESCALATION_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"), body,
                exchange.getRequestHeaders().getFirst("traceparent")));
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, "{\"status\":405}");
            return;
        }
        if (exchange.getRequestHeaders().getFirst("Authorization") == null) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String dedupKey = dedupKey(body);
        if (dedupKey.isBlank()) {
            respond(exchange, 400, "{\"title\":\"Invalid request\",\"status\":400,\"detail\":\"dedupKey: must not be blank\"}");
            return;
        }
        String resolved = OPEN_PAGES.remove(dedupKey) ? "[{\"id\":1,\"status\":\"RESOLVED\"}]" : "[]";
        respond(exchange, 200, "{\"dedupKey\":" + JSON.writeValueAsString(dedupKey) + ",\"resolved\":" + resolved + "}");
    }

    private static String dedupKey(String body) {
        try {
            return JSON.readTree(body).path("dedupKey").asText("");
        } catch (IOException e) {
            return "";
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        StubResponses.json(exchange, status, json);
    }
}
