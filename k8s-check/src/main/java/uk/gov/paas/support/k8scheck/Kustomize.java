package uk.gov.paas.support.k8scheck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Renders a kustomization with {@code kubectl kustomize}, offline: no cluster, no kubeconfig needed. */
public final class Kustomize {

    /** kubectl to run: the {@code KUBECTL} environment variable, else {@code kubectl} on the PATH. */
    public static String defaultKubectl() {
        String fromEnv = System.getenv("KUBECTL");
        return fromEnv == null || fromEnv.isBlank() ? "kubectl" : fromEnv;
    }

    private final String kubectl;

    public Kustomize(String kubectl) {
        this.kubectl = kubectl;
    }

    public Kustomize() {
        this(defaultKubectl());
    }

    /** The rendered multi-document YAML; fails with kustomize's own message when the tree does not build. */
    public String render(Path kustomization) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kustomize", ".yaml");
            err = Files.createTempFile("kustomize", ".err");
            Process process;
            try {
                process = new ProcessBuilder(List.of(kubectl, "kustomize", kustomization.toString()))
                        .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            } catch (IOException e) {
                // a missing kubectl must fail the build, never skip the checks: CI has it at /usr/bin/kubectl
                throw new IllegalStateException("kubectl not found (tried '" + kubectl + "'): k8s-check renders the"
                        + " overlays with `kubectl kustomize`; install kubectl (v1.27+, it includes kustomize) or set"
                        + " KUBECTL to its path", e);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + kustomization + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + kustomization + " failed: "
                        + Files.readString(err, StandardCharsets.UTF_8).strip());
            }
            return Files.readString(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("could not run kubectl kustomize " + kustomization, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted rendering " + kustomization, e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
