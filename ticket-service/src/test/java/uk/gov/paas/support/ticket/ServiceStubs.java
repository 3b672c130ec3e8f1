package uk.gov.paas.support.ticket;

import java.io.IOException;
import java.io.OutputStream;
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
import uk.gov.paas.support.local.DevTokens;

/**
 * Stand-in escalation-service over real HTTP: who is on call on a rota (the test sets the answer), and a page route
 * recording each request with its Idempotency-Key. A test can make it fail (500) or hang.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

    /** How the stub answers. */
    public enum Mode {
        UP, FAILING, SLOW
    }

    public record Received(String path, String idempotencyKey, String authorization, String body) {
    }

    private static final AtomicReference<Mode> ESCALATION_MODE = new AtomicReference<>(Mode.UP);
    private static final AtomicReference<String> ON_CALL = new AtomicReference<>();
    private static final List<Received> ESCALATION_REQUESTS = new CopyOnWriteArrayList<>();
    private static HttpServer escalation;

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
        escalation.start();
        return Map.of("quarkus.rest-client.escalation-service.url", "http://127.0.0.1:" + escalation.getAddress().getPort(),
                "quarkus.rest-client.escalation-service.read-timeout", "1500",
                "support.escalation-client.token", DevTokens.forRole("service"),
                "support.incident-client.token", DevTokens.forRole("service"));
    }

    @Override
    public void stop() {
        escalation.stop(0);
    }

    public static void reset() {
        ESCALATION_MODE.set(Mode.UP);
        ON_CALL.set(null);
        ESCALATION_REQUESTS.clear();
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
        ESCALATION_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), null, exchange.getRequestHeaders().getFirst("Authorization"), ""));
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
        ESCALATION_REQUESTS.add(new Received(exchange.getRequestURI().getPath(), key, exchange.getRequestHeaders().getFirst("Authorization"), body));
        respond(exchange, seen ? 200 : 201, "{\"id\":1,\"status\":\"TRIGGERED\"}");
    }

    static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
