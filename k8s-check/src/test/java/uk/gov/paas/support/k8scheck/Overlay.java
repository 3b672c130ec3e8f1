package uk.gov.paas.support.k8scheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Where the tree lives, and one call to render and check a kustomization as CI does. */
final class Overlay {

    static final Path K8S = Path.of(System.getProperty("k8s.dir", "../k8s")).toAbsolutePath().normalize();
    static final Path FIXTURES = Path.of(System.getProperty("k8s.fixtures.dir", "src/test/fixtures")).toAbsolutePath().normalize();

    private Overlay() {
    }

    static Path overlay(String name) {
        Path dir = K8S.resolve("overlays").resolve(name);
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no overlay " + dir);
        }
        return dir;
    }

    /** Renders a kustomization, with the external Secrets listed in the given file (or none). */
    static Rendered render(Path kustomization, Path externalSecrets) {
        return Manifests.parse(new Kustomize().render(kustomization), Manifests.externalSecrets(externalSecrets));
    }

    static Rendered renderOverlay(String name) {
        return render(overlay(name), overlay(name).resolve("external-secrets.yaml"));
    }

    static List<String> check(Rendered rendered) {
        return Checks.all(rendered);
    }
}
