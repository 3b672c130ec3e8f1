package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;

import uk.gov.paas.support.k8scheck.Rendered.Workload;

/**
 * The dev overlay's Keycloak is the identity provider its consoles sign in with: its realm is the repository's
 * (local-stack/keycloak/support-realm.json, which kustomize cannot read from outside k8s/, hence the copy) plus the
 * overlay's console hosts as redirect URIs, and the services' settings, the generated client secret and Keycloak's
 * public address all agree with it. A drift in any of them is a sign-in that fails only in a cluster.
 */
class DevKeycloakTest {

    static final Path ORIGINAL = Overlay.K8S.getParent().resolve("local-stack/keycloak/support-realm.json");
    static final Path COPY = Overlay.overlay("dev").resolve("support-realm.json");
    static final String CLIENT = "support-console";
    private static final ObjectMapper JSON = new ObjectMapper();

    static Rendered dev;

    @BeforeAll
    static void render() {
        dev = Overlay.renderOverlay("dev");
    }

    @Test
    void theRealmCopyIsTheRepositorysRealmPlusTheConsoleHostsRedirectUris() throws IOException {
        JsonNode expected = JSON.readTree(ORIGINAL.toFile());
        ArrayNode redirects = (ArrayNode) client(expected).get("redirectUris");
        consoleHosts().values().forEach(host -> redirects.add("http://" + host + "/console/*"));
        List<String> differences = new ArrayList<>();
        differences("$", expected, JSON.readTree(COPY.toFile()), differences);
        assertEquals(List.of(), differences, "k8s/overlays/dev/support-realm.json must be local-stack/keycloak/support-realm.json"
                + " with only the dev console hosts added to the redirect URIs of client " + CLIENT
                + " (http://<host>/console/*, in the Ingress's order): copy the realm file again and add them");
    }

    /** Where two JSON trees differ: "path: expected X, copy has Y". */
    static void differences(String path, JsonNode expected, JsonNode actual, List<String> out) {
        if (expected.isObject() && actual.isObject()) {
            Set<String> names = new LinkedHashSet<>();
            expected.fieldNames().forEachRemaining(names::add);
            actual.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode e = expected.get(name);
                JsonNode a = actual.get(name);
                if (e == null || a == null) {
                    out.add(path + "." + name + ": " + (e == null ? "only in the copy" : "missing in the copy"));
                } else {
                    differences(path + "." + name, e, a, out);
                }
            }
        } else if (expected.isArray() && actual.isArray() && expected.size() == actual.size()) {
            for (int i = 0; i < expected.size(); i++) {
                differences(path + "[" + i + "]", expected.get(i), actual.get(i), out);
            }
        } else if (!expected.equals(actual)) {
            out.add(path + ": expected " + expected + ", the copy has " + actual);
        }
    }

    @Test
    void keycloakImportsTheCopyItsClientSecretIsTheServicesAndItsPublicAddressIsItsIngressHost() throws IOException {
        Deployment keycloak = dev.named(Deployment.class, "support", "keycloak").orElseThrow();
        Container container = keycloak.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertEquals(List.of("start-dev", "--import-realm"), container.getArgs());
        Volume realm = keycloak.getSpec().getTemplate().getSpec().getVolumes().stream()
                .filter(v -> v.getConfigMap() != null).findFirst().orElseThrow();
        assertTrue(container.getVolumeMounts().stream().anyMatch(m -> m.getName().equals(realm.getName())
                && m.getMountPath().equals("/opt/keycloak/data/import")), "the realm is mounted where --import-realm reads");
        ConfigMap realmMap = dev.configMap("support", realm.getConfigMap().getName()).orElseThrow();
        assertEquals(Files.readString(COPY, StandardCharsets.UTF_8), realmMap.getData().get("support-realm.json"));

        JsonNode realmJson = JSON.readTree(COPY.toFile());
        String realmName = realmJson.get("realm").asText();
        String publicUrl = env(container).get("KC_HOSTNAME");
        Ingress ingress = dev.named(Ingress.class, "support", "keycloak").orElseThrow();
        assertEquals("http://" + ingress.getSpec().getRules().get(0).getHost(), publicUrl,
                "KC_HOSTNAME (the issuer's address) is where the Ingress sends browsers");

        for (Workload w : services()) {
            Map<String, String> env = Checks.environment(dev, w, w.template().getSpec().getContainers().get(0));
            assertEquals(CLIENT, env.get("OIDC_CLIENT_ID"), w.toString());
            URI issuer = URI.create(env.get("OIDC_AUTH_SERVER_URL"));
            assertEquals("keycloak", issuer.getHost(), w + " reaches Keycloak by its Service");
            assertEquals("/realms/" + realmName, issuer.getPath(), w.toString());
            String secretRef = env.get("OIDC_CLIENT_SECRET");
            String secretName = secretRef.substring("(secret ".length(), secretRef.indexOf('/'));
            Secret secret = dev.secret("support", secretName).orElseThrow();
            assertEquals(client(realmJson).get("secret").asText(),
                    new String(Base64.getMimeDecoder().decode(secret.getData().get("client-secret")), StandardCharsets.UTF_8),
                    w + ": the generated client secret must be the realm's, or the code exchange answers 401");
        }
    }

    /** The dev Ingress host that routes /console to each service. */
    static Map<String, String> consoleHosts() {
        Map<String, String> hosts = new LinkedHashMap<>();
        Ingress ingress = dev.named(Ingress.class, "support", "support-platform").orElseThrow();
        for (IngressRule rule : ingress.getSpec().getRules()) {
            for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                if ("/console".equals(path.getPath())) {
                    hosts.put(path.getBackend().getService().getName(), rule.getHost());
                }
            }
        }
        assertEquals(List.copyOf(Checks.SERVICES.keySet()), List.copyOf(hosts.keySet()), "every service's console is routed");
        return hosts;
    }

    private static ObjectNode client(JsonNode realm) {
        for (JsonNode client : realm.get("clients")) {
            if (CLIENT.equals(client.get("clientId").asText())) {
                return (ObjectNode) client;
            }
        }
        throw new AssertionError("no client " + CLIENT + " in the realm");
    }

    private static List<Workload> services() {
        List<Workload> services = new ArrayList<>(dev.workloads().stream().filter(w -> Checks.SERVICES.containsKey(w.name())).toList());
        assertFalse(services.isEmpty());
        return services;
    }

    private static Map<String, String> env(Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar e : c.getEnv()) {
            env.put(e.getName(), e.getValue());
        }
        return env;
    }
}
