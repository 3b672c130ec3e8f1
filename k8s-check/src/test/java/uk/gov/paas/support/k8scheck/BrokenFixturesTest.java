package uk.gov.paas.support.k8scheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each check shown failing: every fixture under src/test/fixtures/broken is a kustomization that reuses an
 * overlay and breaks one thing with a patch. The check must report exactly that (its message), and nothing
 * from any other check, so a fixture proves one rule and cannot pass by accident.
 */
class BrokenFixturesTest {

    /** A fixture, the overlay it breaks (for its external Secrets), and the violation it must produce. */
    record Fixture(String name, String overlay, String expected) {
        String check() {
            return expected.substring(0, expected.indexOf(']') + 1);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final List<Fixture> FIXTURES = List.of(
            new Fixture("unknown-field", "dev",
                    "[schema] Deployment ticket-service: unknown field spec.template.spec.containers[0].readinesProbe"),
            new Fixture("wrong-type", "prod",
                    "[schema] Deployment incident-service: invalid value at spec.replicas"),
            new Fixture("missing-probe", "dev",
                    "[probes] Deployment incident-service container incident-service: no readinessProbe"),
            new Fixture("probe-wrong-path", "prod",
                    "[probes] Deployment ticket-service container ticket-service: livenessProbe must be an HTTP GET of /q/health/live, not /q/health/ready"),
            new Fixture("missing-limit", "dev",
                    "[resources] Deployment escalation-service container escalation-service: no memory limit"),
            new Fixture("privilege-escalation", "dev",
                    "[security] Deployment ticket-service container ticket-service: allowPrivilegeEscalation must be false"),
            new Fixture("writable-root-filesystem", "prod",
                    "[security] Deployment escalation-service container escalation-service: readOnlyRootFilesystem must be true"),
            new Fixture("runs-as-root", "dev",
                    "[security] StatefulSet postgres container postgres: runAsUser 0 is root"),
            new Fixture("rollout-drops-capacity", "prod",
                    "[availability] Deployment incident-service: the rolling update must keep maxUnavailable 0 (got 1)"),
            new Fixture("service-selector-typo", "dev",
                    "[selectors] Service incident-service selects no pod template (selector {app.kubernetes.io/name=incident-servce})"),
            new Fixture("target-port-unexposed", "prod",
                    "[ports] Service escalation-service port http: targetPort 8083 is not exposed by any container of Deployment escalation-service (exposed: http=8080)"),
            new Fixture("secret-key-missing", "dev",
                    "[references] Deployment ticket-service container ticket-service env DB_PASSWORD: Secret ticket-service-db-"),
            new Fixture("secret-undeclared", "prod",
                    "[references] Deployment incident-service container incident-service env SMTP_USERNAME: Secret smtp-relay is neither rendered by the overlay nor listed in its external-secrets.yaml"),
            new Fixture("configmap-undefined", "dev",
                    "[references] Deployment escalation-service container escalation-service envFrom: ConfigMap escalation is not defined in the overlay"),
            new Fixture("database-host-typo", "dev",
                    "[references] Deployment ticket-service: DB_HOST 'postgress' names no Service in the overlay"),
            new Fixture("missing-setting", "prod",
                    "[settings] Deployment ticket-service: SMTP_HOST is not set"),
            new Fixture("missing-service-token", "prod",
                    "[settings] Deployment ticket-service: INCIDENT_SERVICE_TOKEN is not set"),
            new Fixture("escalation-without-incident-token", "prod",
                    "[settings] Deployment escalation-service: INCIDENT_SERVICE_TOKEN is not set"),
            new Fixture("credential-in-configmap", "prod",
                    "[secrets] ConfigMap support-platform: key SMTP_PASSWORD looks like a credential; put it in a Secret"),
            new Fixture("image-latest", "dev",
                    "[images] Deployment ticket-service container ticket-service: image registry.example.gov.uk/support-platform/ticket-service:latest is tagged latest"),
            new Fixture("image-untagged", "prod",
                    "[images] Deployment escalation-service container escalation-service: image registry.example.gov.uk/support-platform/escalation-service has no tag"),
            new Fixture("network-blocks-service-call", "dev",
                    "[network] a required call is blocked: ticket-service -> incident-service:8080/TCP (tickets -> incidents): egress from ticket-service is allowed by none of"),
            new Fixture("network-blocks-database", "prod",
                    "[network] a required call is blocked: incident-service -> CloudNativePG Cluster support-db:5432/TCP (database (DB_HOST)): egress from incident-service"),
            new Fixture("network-blocks-smtp", "dev",
                    "[network] a required call is blocked: escalation-service -> mailpit:1025/TCP (mail (SMTP_HOST)): ingress to mailpit is allowed by none of [default-deny, mailpit-from-services]"),
            new Fixture("network-allows-too-much", "dev",
                    "[network] a call nothing needs is allowed: escalation-service -> outside:22/TCP (ssh out of the cluster)"),
            new Fixture("no-default-deny", "prod",
                    "[network] no default-deny NetworkPolicy in namespace support"),
            new Fixture("too-many-connections", "prod",
                    "[connections] database support-db-rw: up to 1071 connections (escalation-service 7 pods x 51, incident-service 7 pods x 51, ticket-service 7 pods x 51) but max_connections 400 leaves 390 (10 reserved)"));

    static Stream<Fixture> fixtures() {
        return FIXTURES.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void brokenManifestFailsItsCheckAndOnlyThatCheck(Fixture fixture) {
        Path dir = Overlay.FIXTURES.resolve("broken").resolve(fixture.name());
        List<String> violations = Overlay.check(Overlay.render(dir, Overlay.overlay(fixture.overlay()).resolve("external-secrets.yaml")));
        String all = String.join("\n", violations);
        assertTrue(violations.stream().anyMatch(v -> v.startsWith(fixture.expected())),
                "expected a violation starting with\n  " + fixture.expected() + "\ngot:\n" + all);
        assertTrue(violations.stream().allMatch(v -> v.startsWith(fixture.check())),
                "only " + fixture.check() + " may fail on this fixture; got:\n" + all);
    }

    @Test
    void everyFixtureDirectoryIsTested() throws IOException {
        try (Stream<Path> dirs = Files.list(Overlay.FIXTURES.resolve("broken"))) {
            List<String> onDisk = dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
            List<String> tested = FIXTURES.stream().map(Fixture::name).sorted().toList();
            assertFalse(onDisk.isEmpty());
            assertEquals(onDisk, tested, "a fixture directory without a test proves nothing");
        }
    }
}
