package uk.gov.paas.support.escalation;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import uk.gov.paas.support.kernel.testing.StubResponses;
import uk.gov.paas.support.local.DevTokens;

/** Stand-in incident-service over real HTTP: records each page event posted to it, with its Idempotency-Key and token. */
public class IncidentServiceStub implements QuarkusTestResourceLifecycleManager {

    public record Received(String idempotencyKey, String authorization, String body) {
    }

    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
    private static HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/api/incidents/page-events", IncidentServiceStub::pageEvent);
        server.start();
        return Map.of("quarkus.rest-client.incident-service.url", "http://127.0.0.1:" + server.getAddress().getPort(),
                "quarkus.rest-client.incident-service.read-timeout", "1500",
                "support.clients.incident-service.token", DevTokens.forRole("service"));
    }

    private static void pageEvent(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        RECEIVED.add(new Received(exchange.getRequestHeaders().getFirst("Idempotency-Key"),
                exchange.getRequestHeaders().getFirst("Authorization"), body));
        StubResponses.json(exchange, 200, "{\"incidents\":[7]}");
    }

    @Override
    public void stop() {
        server.stop(0);
    }

    public static List<Received> received() {
        return RECEIVED;
    }

    public static void reset() {
        RECEIVED.clear();
    }
}
