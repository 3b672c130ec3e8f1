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
            new Fixture("missing-console-secret", "prod",
                    "[settings] Deployment escalation-service: CONSOLE_SECRET is not set"),
            new Fixture("credential-in-configmap", "prod",
                    "[secrets] ConfigMap support-platform: key SMTP_PASSWORD looks like a credential; put it in a Secret"),
            new Fixture("console-secret-literal", "dev",
                    "[secrets] Deployment ticket-service container ticket-service: env OIDC_CLIENT_SECRET has a literal value; take it from a Secret"),
            new Fixture("console-secret-from-configmap", "prod",
                    "[secrets] Deployment incident-service container incident-service: env CONSOLE_SECRET comes from ConfigMap incident-service; take it from a Secret"),
            new Fixture("console-secret-too-short", "dev",
                    "[secrets] Deployment ticket-service container ticket-service: CONSOLE_SECRET has 9 characters; it needs at least 32"),
            new Fixture("console-oidc-disabled", "dev",
                    "[console] Deployment ticket-service: OIDC_ENABLED is 'false'; it must be true, or the console answers 401 to everyone"),
            new Fixture("console-no-issuer", "prod",
                    "[console] Deployment incident-service: OIDC_AUTH_SERVER_URL is empty; set the realm's issuer URL"),
            new Fixture("console-issuer-over-http", "prod",
                    "[console] Deployment escalation-service: OIDC_AUTH_SERVER_URL 'http://sso.example.gov.uk:443/realms/support' must be https outside the development profiles"),
            new Fixture("console-dev-sign-in", "prod",
                    "[console] Deployment ticket-service: SUPPORT_CONSOLE_DEV_SIGN_IN=true switches the development sign-in on: anyone could sign in as anyone"),
            new Fixture("console-dev-sign-in-mechanism", "dev",
                    "[console] Deployment escalation-service: CONSOLE_SIGN_IN=dev-sign-in: the console must sign people in with the identity provider (code)"),
            new Fixture("console-dev-sign-in-by-default", "dev",
                    "[console] Deployment incident-service: profile local switches the development sign-in on unless CONSOLE_DEV_SIGN_IN=false"),
            new Fixture("console-not-routed", "prod",
                    "[console] Ingress: no host routes /console to ticket-service"),
            new Fixture("console-assets-not-routed", "dev",
                    "[console] Ingress host escalation.support.localtest.me: /assets goes to nothing, not escalation-service"),
            new Fixture("console-redirect-over-http", "prod",
                    "[console] Deployment ticket-service: its console is served over TLS at tickets.support.example.gov.uk, which ends at the ingress controller: set QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME=true"),
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
            new Fixture("network-blocks-keycloak", "dev",
                    "[network] a required call is blocked: ticket-service -> keycloak:8080/TCP (console sign-in (OIDC_AUTH_SERVER_URL)): egress from ticket-service is allowed by none of"),
            new Fixture("network-blocks-sign-in-page", "dev",
                    "[network] a required call is blocked: ingress controller -> keycloak:8080/TCP (public route via Ingress keycloak): ingress to keycloak is allowed by none of [default-deny, keycloak-from-services-and-ingress]"),
            new Fixture("network-blocks-identity-provider", "prod",
                    "[network] a required call is blocked: incident-service -> sso.example.gov.uk:443/TCP (console sign-in (OIDC_AUTH_SERVER_URL)): egress from incident-service is allowed by none of"),
            new Fixture("network-keycloak-open-to-all-namespaces", "dev",
                    "[network] a call nothing needs is allowed: a pod in namespace default -> keycloak:8080/TCP (another namespace)"),
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
