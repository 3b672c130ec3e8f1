package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The network check is only as good as the flows it derives: these are the calls each overlay's pods must
 * be able to make (issue 9), listed in full so a flow the derivation silently drops fails here.
 */
class FlowsTest {

    @Test
    void devNeedsDnsPostgresMailpitKeycloakTheServiceCallsIngressAndScrapes() {
        TreeSet<String> expected = expected(List.of(
                "%s -> postgres:5432/TCP (database (DB_HOST))",
                "%s -> mailpit:1025/TCP (mail (SMTP_HOST))",
                // the Service's port 80 lands on the pod's 8080
                "%s -> keycloak:8080/TCP (console sign-in (OIDC_AUTH_SERVER_URL))"));
        // browsers reach the development Keycloak's login page through the ingress controller
        expected.add("ingress controller -> keycloak:8080/TCP (public route via Ingress keycloak)");
        assertEquals(expected, flows(Overlay.renderOverlay("dev")));
    }

    @Test
    void prodNeedsDnsTheCnpgClusterTheRelayTheIdentityProviderAndTheOperator() {
        List<String> prodOnly = List.of(
                "%s -> CloudNativePG Cluster support-db:5432/TCP (database (DB_HOST))",
                "%s -> smtp-relay.example.gov.uk:587/TCP (mail (SMTP_HOST))",
                "%s -> sso.example.gov.uk:443/TCP (token keys (JWT_PUBLIC_KEY_LOCATION))",
                "%s -> sso.example.gov.uk:443/TCP (console sign-in (OIDC_AUTH_SERVER_URL))");
        TreeSet<String> expected = expected(prodOnly);
        expected.add("CloudNativePG operator -> CloudNativePG Cluster support-db:8000/TCP (CloudNativePG operator status)");
        expected.add("CloudNativePG Cluster support-db -> CloudNativePG Cluster support-db:5432/TCP (replication)");
        expected.add("CloudNativePG Cluster support-db -> Kubernetes API:443/TCP (instance manager -> Kubernetes API)");
        assertEquals(expected, flows(Overlay.renderOverlay("prod")));
    }

    /**
     * Between services only the calls nobody makes are forbidden: incident-service and escalation-service call
     * each other (both ways required), and nothing calls ticket-service. A call listed in CALLS must never be
     * forbidden too, or the network check could not pass.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void betweenServicesOnlyCallsNobodyMakesAreForbidden(String overlay) {
        TreeSet<String> between = new TreeSet<>();
        Checks.forbiddenFlows(Overlay.renderOverlay(overlay)).stream()
                .filter(f -> Checks.SERVICES.containsKey(f.from().name()) && Checks.SERVICES.containsKey(f.to().name()))
                .forEach(f -> between.add(f.toString()));
        assertEquals(new TreeSet<>(List.of(
                "incident-service -> ticket-service:8080/TCP (no such call)",
                "escalation-service -> ticket-service:8080/TCP (no such call)")), between);
    }

    private static TreeSet<String> flows(Rendered rendered) {
        TreeSet<String> flows = new TreeSet<>();
        Checks.requiredFlows(rendered).forEach(f -> flows.add(f.toString()));
        return flows;
    }

    /** What every overlay needs, plus per service the overlay's own backing services. */
    private static TreeSet<String> expected(List<String> perServiceBackends) {
        TreeSet<String> flows = new TreeSet<>(List.of(
                "ticket-service -> incident-service:8080/TCP (tickets -> incidents)",
                "incident-service -> escalation-service:8080/TCP (incidents -> escalation)",
                "ticket-service -> escalation-service:8080/TCP (tickets -> escalation)",
                "escalation-service -> incident-service:8080/TCP (escalation -> incidents)"));
        for (String service : Checks.SERVICES.keySet()) {
            flows.add(service + " -> kube-dns:53/UDP (DNS)");
            flows.add(service + " -> kube-dns:53/TCP (DNS)");
            flows.add("Prometheus -> " + service + ":8080/TCP (metrics scrape)");
            flows.add("ingress controller -> " + service + ":8080/TCP (public route via Ingress support-platform)");
            perServiceBackends.forEach(b -> flows.add(String.format(b, service)));
        }
        return flows;
    }
}
