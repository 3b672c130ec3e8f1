package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.networking.v1.Ingress;

/** The console check's model of how an ingress controller picks a backend (networking.k8s.io/v1 path matching). */
class RoutesTest {

    private static final String INGRESS = """
            apiVersion: networking.k8s.io/v1
            kind: Ingress
            metadata: {name: web, namespace: app}
            spec:
              rules:
                - host: a.example
                  http:
                    paths:
                      - {path: /console, pathType: Prefix, backend: {service: {name: console, port: {name: http}}}}
                      - {path: /console/admin, pathType: Prefix, backend: {service: {name: admin, port: {name: http}}}}
                      - {path: /console/exact, pathType: Exact, backend: {service: {name: exact, port: {name: http}}}}
                      - {path: /, pathType: Prefix, backend: {service: {name: catch-all, port: {name: http}}}}
                - host: b.example
                  http:
                    paths:
                      - {path: /console/, pathType: Prefix, backend: {service: {name: other, port: {name: http}}}}
            """;

    private static Rendered rendered() throws Exception {
        return new Rendered(List.of(new YAMLMapper().readValue(INGRESS, Ingress.class)), List.of(), List.of());
    }

    @Test
    void aPrefixMatchesWholePathElementsAndTheLongestWins() throws Exception {
        Rendered r = rendered();
        assertEquals(Optional.of("console"), Checks.route(r, "a.example", "/console"));
        assertEquals(Optional.of("console"), Checks.route(r, "a.example", "/console/x"));
        assertEquals(Optional.of("admin"), Checks.route(r, "a.example", "/console/admin/x"));
        // /console is no prefix of /console-assets: that goes to the catch-all
        assertEquals(Optional.of("catch-all"), Checks.route(r, "a.example", "/console-assets/x"));
        // a trailing slash in the rule's path changes nothing
        assertEquals(Optional.of("other"), Checks.route(r, "b.example", "/console/x"));
        assertEquals(Optional.empty(), Checks.route(r, "b.example", "/assets/x"));
        assertEquals(Optional.empty(), Checks.route(r, "c.example", "/console/x"));
    }

    @Test
    void anExactPathWinsOverEveryPrefix() throws Exception {
        assertEquals(Optional.of("exact"), Checks.route(rendered(), "a.example", "/console/exact"));
        assertEquals(Optional.of("console"), Checks.route(rendered(), "a.example", "/console/exact/x"));
    }

    @Test
    void theConsoleHostsAreTheHostsWhoseConsoleReachesTheService() throws Exception {
        assertEquals(List.of("a.example"), Checks.consoleHosts(rendered(), "console"));
        assertEquals(List.of("b.example"), Checks.consoleHosts(rendered(), "other"));
        assertEquals(List.of(), Checks.consoleHosts(rendered(), "catch-all"));
    }
}
