package uk.gov.paas.support.kernel.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

import org.eclipse.microprofile.rest.client.RestClientBuilder;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.quarkus.test.junit.QuarkusTest;

/**
 * Real REST clients over real HTTP: each callee gets its own token from {@code support.clients.<configKey>.token}
 * (application.properties of the kernel's tests), an unset one sends no header, an unlisted callee's call fails.
 */
@QuarkusTest
class ServiceTokenFilterTest {

    @RegisterRestClient(configKey = "stub-incident")
    @RegisterProvider(ServiceTokenFilter.class)
    interface IncidentStub {
        @GET
        @Path("/incident")
        String call();
    }

    @RegisterRestClient(configKey = "stub-escalation")
    @RegisterProvider(ServiceTokenFilter.class)
    interface EscalationStub {
        @GET
        @Path("/escalation")
        String call();
    }

    @RegisterRestClient(configKey = "stub-unset")
    @RegisterProvider(ServiceTokenFilter.class)
    interface UnsetStub {
        @GET
        @Path("/unset")
        String call();
    }

    @RegisterRestClient(configKey = "stub-unlisted")
    @RegisterProvider(ServiceTokenFilter.class)
    interface UnlistedStub {
        @GET
        @Path("/unlisted")
        String call();
    }

    static HttpServer server;
    static final Map<String, String> AUTHORIZATION = new ConcurrentHashMap<>();

    @Inject
    ServiceClients clients;

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            AUTHORIZATION.put(exchange.getRequestURI().getPath(), auth == null ? "(none)" : auth);
            byte[] body = "ok".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop(0);
    }

    private static <T> T client(Class<T> type) {
        return RestClientBuilder.newBuilder().baseUri(URI.create("http://127.0.0.1:" + server.getAddress().getPort())).build(type);
    }

    @Test
    void eachCalleeGetsItsOwnToken() {
        assertEquals("ok", client(IncidentStub.class).call());
        assertEquals("ok", client(EscalationStub.class).call());
        assertEquals("Bearer token-for-incident", AUTHORIZATION.get("/incident"));
        assertEquals("Bearer token-for-escalation", AUTHORIZATION.get("/escalation"));
    }

    @Test
    void anUnsetTokenSendsNoHeader() {
        assertEquals("ok", client(UnsetStub.class).call());
        assertEquals("(none)", AUTHORIZATION.get("/unset"));
    }

    @Test
    void aCalleeMissingFromTheConfigurationIsNeverCalled() {
        RuntimeException failed = assertThrows(RuntimeException.class, () -> client(UnlistedStub.class).call());
        assertTrue(String.valueOf(failed.getMessage()).contains("support.clients.stub-unlisted.token")
                || String.valueOf(failed.getCause()).contains("support.clients.stub-unlisted.token"), String.valueOf(failed));
        assertNull(AUTHORIZATION.get("/unlisted"), "the call never left");
    }

    @Test
    void theMappingListsACalleeWhoseVariableIsUnset() {
        assertEquals(Map.of("stub-escalation", Optional.of("token-for-escalation"), "stub-incident", Optional.of("token-for-incident"),
                "stub-unset", Optional.empty()), clients.tokens());
        // so the guard, outside development, names it
        String problem = ServiceTokenGuard.violation(List.of("prod"), clients.tokens(), "kernel").orElseThrow();
        assertEquals("support.clients.stub-unset.token (STUB_UNSET_TOKEN) is not set; set it to a bearer token with the role service "
                + "issued to kernel", problem);
        assertFalse(problem.contains("stub-incident"));
    }
}
