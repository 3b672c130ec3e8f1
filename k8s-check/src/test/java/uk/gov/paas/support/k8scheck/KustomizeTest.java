package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** Without kubectl the checks fail loudly; they never pass by rendering nothing. */
class KustomizeTest {

    @Test
    void missingKubectlFailsWithAClearMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Kustomize("/nonexistent/kubectl").render(Overlay.overlay("dev")));
        assertTrue(e.getMessage().startsWith("kubectl not found (tried '/nonexistent/kubectl')"), e.getMessage());
    }

    @Test
    void aKustomizationThatDoesNotBuildFailsWithKustomizesMessage() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Kustomize().render(Path.of("/nonexistent/overlay")));
        assertTrue(e.getMessage().contains("kubectl kustomize /nonexistent/overlay failed"), e.getMessage());
    }
}
