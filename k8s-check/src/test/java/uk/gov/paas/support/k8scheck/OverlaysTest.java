package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;

/** The overlays we ship render, parse into the typed model and meet every check. */
class OverlaysTest {

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void overlayRendersAndPassesEveryCheck(String overlay) {
        Rendered rendered = Overlay.renderOverlay(overlay);
        List<String> violations = Overlay.check(rendered);
        assertEquals(List.of(), violations, overlay + " overlay:\n" + String.join("\n", violations));
        // the checks saw the whole overlay, not an empty render
        assertEquals(3 + (overlay.equals("dev") ? 2 : 0), rendered.all(Deployment.class).size());
        assertFalse(Checks.requiredFlows(rendered).isEmpty());
    }

    @Test
    void devRunsOneReplicaEachWithItsOwnDatabaseAndMailCatcher() {
        Rendered dev = Overlay.renderOverlay("dev");
        dev.all(Deployment.class).forEach(d -> assertEquals(1, d.getSpec().getReplicas(), d.getMetadata().getName()));
        StatefulSet postgres = dev.named(StatefulSet.class, "support", "postgres").orElseThrow();
        assertEquals(1, postgres.getSpec().getVolumeClaimTemplates().size(), "PostgreSQL keeps its data on a volume");
        assertTrue(dev.named(Deployment.class, "support", "mailpit").isPresent());
        assertEquals(List.of(), dev.autoscalers(), "no autoscaling in dev");
    }

    @Test
    void prodRunsTwoReplicasTrustsTheIdentityProviderAndUsesCloudNativePg() {
        Rendered prod = Overlay.renderOverlay("prod");
        for (Deployment d : prod.all(Deployment.class)) {
            assertEquals(2, d.getSpec().getReplicas(), d.getMetadata().getName());
            Map<String, String> env = Checks.environment(prod, prod.workloads().stream()
                    .filter(w -> w.name().equals(d.getMetadata().getName())).findFirst().orElseThrow(),
                    d.getSpec().getTemplate().getSpec().getContainers().get(0));
            assertEquals("prod", env.get("QUARKUS_PROFILE"), "prod must not run a profile that trusts the dev key");
            assertTrue(env.get("JWT_ISSUER").startsWith("https://"), env.get("JWT_ISSUER"));
            assertTrue(env.get("JWT_PUBLIC_KEY_LOCATION").startsWith("https://"), "JWKS URL, not a file: " + env.get("JWT_PUBLIC_KEY_LOCATION"));
        }
        assertEquals(3, prod.autoscalers().size());
        for (HorizontalPodAutoscaler h : prod.autoscalers()) {
            assertEquals(2, h.getSpec().getMinReplicas());
        }
        assertEquals(1, prod.custom("Cluster").size());
        assertEquals(List.of(), prod.all(StatefulSet.class), "prod's database is the operator's, not a StatefulSet");
        assertEquals(List.of(), prod.all(io.fabric8.kubernetes.api.model.Secret.class),
                "prod renders no Secret: every credential is created out of band (external-secrets.yaml)");
    }
}
