package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;

import uk.gov.paas.support.k8scheck.NetworkPolicies.Endpoint;
import uk.gov.paas.support.k8scheck.NetworkPolicies.Flow;

/** The evaluator's semantics on small policies, independent of our manifests. */
class NetworkPoliciesTest {

    private static final ObjectMapper YAML = new YAMLMapper();
    private static final Map<String, String> NS = Map.of("kubernetes.io/metadata.name", "app");
    private static final Endpoint WEB = Endpoint.pod("web", "app", NS, Map.of("role", "web"), Map.of("http", 8080));
    private static final Endpoint API = Endpoint.pod("api", "app", NS, Map.of("role", "api", "tier", "backend"), Map.of("http", 9000));

    private static NetworkPolicies policies(String... yaml) throws Exception {
        List<NetworkPolicy> list = new java.util.ArrayList<>();
        for (String y : yaml) {
            list.add(YAML.readValue(y, NetworkPolicy.class));
        }
        return new NetworkPolicies(list, "app");
    }

    @Test
    void podsNoPolicySelectsAreOpen() throws Exception {
        assertEquals(Optional.empty(), policies().blockedBy(new Flow("t", WEB, API, 9000, "TCP")));
    }

    @Test
    void defaultDenyBlocksBothDirectionsAndIsRecognised() throws Exception {
        NetworkPolicies p = policies("""
                metadata: {name: deny, namespace: app}
                spec: {podSelector: {}, policyTypes: [Ingress, Egress]}
                """);
        assertTrue(p.hasDefaultDeny());
        assertEquals(Optional.of("egress from web is allowed by none of [deny]"), p.blockedBy(new Flow("t", WEB, API, 9000, "TCP")));
    }

    @Test
    void aConnectionNeedsEgressAndIngressAndNamedPortsResolveOnTheDestination() throws Exception {
        String deny = "metadata: {name: deny, namespace: app}\nspec: {podSelector: {}, policyTypes: [Ingress, Egress]}\n";
        String egress = """
                metadata: {name: web-out, namespace: app}
                spec:
                  podSelector: {matchLabels: {role: web}}
                  egress: [{to: [{podSelector: {matchExpressions: [{key: tier, operator: In, values: [backend]}]}}], ports: [{port: http}]}]
                """;
        String ingress = """
                metadata: {name: api-in, namespace: app}
                spec:
                  podSelector: {matchLabels: {role: api}}
                  policyTypes: [Ingress]
                  ingress: [{from: [{podSelector: {matchLabels: {role: web}}}], ports: [{port: 9000, protocol: TCP}]}]
                """;
        Flow call = new Flow("t", WEB, API, 9000, "TCP");
        assertTrue(policies(deny, egress).blockedBy(call).orElseThrow().startsWith("ingress to api"));
        assertEquals(Optional.empty(), policies(deny, egress, ingress).blockedBy(call));
        assertTrue(policies(deny, egress, ingress).blockedBy(new Flow("t", WEB, API, 9000, "UDP")).isPresent(), "protocol matters");
    }

    @Test
    void ipBlocksMatchOnlyAddressesOutsideTheClusterMinusTheirExceptions() throws Exception {
        NetworkPolicies p = policies("""
                metadata: {name: out, namespace: app}
                spec:
                  podSelector: {}
                  policyTypes: [Egress]
                  egress: [{to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}], ports: [{port: 587, endPort: 590}]}]
                """);
        assertFalse(p.blockedBy(new Flow("t", WEB, Endpoint.external("relay", "203.0.113.10"), 589, "TCP")).isPresent());
        assertTrue(p.blockedBy(new Flow("t", WEB, Endpoint.external("relay", "10.1.2.3"), 587, "TCP")).isPresent());
        assertTrue(p.blockedBy(new Flow("t", WEB, Endpoint.external("relay", "203.0.113.10"), 591, "TCP")).isPresent());
        assertTrue(p.blockedBy(new Flow("t", WEB, API, 587, "TCP")).isPresent(), "an ipBlock does not admit pods");
    }

    @Test
    void aNamespaceSelectorAloneAdmitsEveryPodOfThatNamespace() throws Exception {
        NetworkPolicies p = policies("""
                metadata: {name: in, namespace: app}
                spec:
                  podSelector: {}
                  policyTypes: [Ingress]
                  ingress: [{from: [{namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}}]}]
                """);
        assertFalse(p.blockedBy(new Flow("t", Endpoint.foreignPod("controller", "ingress-nginx", Map.of()), API, 9000, "TCP")).isPresent());
        assertTrue(p.blockedBy(new Flow("t", Endpoint.foreignPod("other", "default", Map.of()), API, 9000, "TCP")).isPresent());
        assertTrue(p.blockedBy(new Flow("t", WEB, API, 9000, "TCP")).isPresent(), "same-namespace pods are not in ingress-nginx");
    }
}
