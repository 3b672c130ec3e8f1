package uk.gov.paas.support.k8scheck;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressServiceBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

import uk.gov.paas.support.k8scheck.NetworkPolicies.Endpoint;
import uk.gov.paas.support.k8scheck.NetworkPolicies.Flow;
import uk.gov.paas.support.k8scheck.Rendered.Workload;

/**
 * Our policy for a rendered overlay. Each violation is one line, "[check] where: what is wrong", so a
 * failing build says which rule broke and where. Checks: schema (in {@link Manifests}), services, probes,
 * resources, security, availability, selectors, ports, references, settings, secrets, console, images, network,
 * connections.
 */
public final class Checks {

    /** The three services, each with the database it must use. */
    public static final Map<String, String> SERVICES = orderedMap(
            "ticket-service", "tickets", "incident-service", "incidents", "escalation-service", "escalation");

    /** What each service reads from its environment to run in a cluster (README, configuration). */
    public static final List<String> REQUIRED_SETTINGS = List.of("QUARKUS_HTTP_PORT", "DB_HOST", "DB_PORT", "DB_NAME",
            "DB_USER", "DB_PASSWORD", "SMTP_HOST", "SMTP_PORT", "SMTP_USERNAME", "SMTP_PASSWORD", "MAIL_FROM",
            "SUPPORT_ZONE", "JWT_ISSUER", "JWT_PUBLIC_KEY_LOCATION",
            // the console's sign-in (OIDC authorization code flow, quarkus-oidc) and its session and form key
            "OIDC_ENABLED", "OIDC_AUTH_SERVER_URL", "OIDC_CLIENT_ID", "OIDC_CLIENT_SECRET", "CONSOLE_SECRET");

    /**
     * What one service alone reads in a cluster (README, configuration): the addresses and tokens for the services
     * it calls, its public address, its own secrets, and ticket-service's emergency address. Without these the prod
     * profile refuses to start, sends links to localhost, or pages nobody for mail to the emergency address.
     */
    public static final Map<String, List<String>> SERVICE_SETTINGS = orderedMap(
            "ticket-service", List.of("PUBLIC_URL", "INCIDENT_SERVICE_URL", "INCIDENT_SERVICE_TOKEN", "ESCALATION_SERVICE_URL",
                    "ESCALATION_SERVICE_TOKEN", "EMERGENCY_ADDRESSES"),
            "incident-service", List.of("PUBLIC_URL", "STATUS_PAGE_URL", "ESCALATION_SERVICE_URL", "ESCALATION_SERVICE_TOKEN"),
            "escalation-service", List.of("PUBLIC_URL", "ACK_LINK_SECRET", "INCIDENT_SERVICE_URL", "INCIDENT_SERVICE_TOKEN"));

    /** Calls between services (issue 9): caller, callee, why. */
    public static final List<List<String>> CALLS = List.of(
            List.of("ticket-service", "incident-service", "tickets -> incidents"),
            List.of("incident-service", "escalation-service", "incidents -> escalation"),
            List.of("ticket-service", "escalation-service", "tickets -> escalation"),
            List.of("escalation-service", "incident-service", "escalation -> incidents"));

    /** Health endpoints each probe of a service must use. */
    static final Map<String, String> PROBE_PATHS = orderedMap(
            "startupProbe", "/q/health/started", "livenessProbe", "/q/health/live", "readinessProbe", "/q/health/ready");

    /** Where the ingress controller and Prometheus run; the base's policies name the same namespaces. */
    static final Endpoint INGRESS_CONTROLLER = Endpoint.foreignPod("ingress controller", "ingress-nginx",
            Map.of("app.kubernetes.io/name", "ingress-nginx"));
    static final Endpoint PROMETHEUS = Endpoint.foreignPod("Prometheus", "monitoring",
            Map.of("app.kubernetes.io/name", "prometheus"));
    static final Endpoint KUBE_DNS = Endpoint.foreignPod("kube-dns", "kube-system", Map.of("k8s-app", "kube-dns"));
    static final Endpoint CNPG_OPERATOR = Endpoint.foreignPod("CloudNativePG operator", "cnpg-system",
            Map.of("app.kubernetes.io/name", "cloudnative-pg"));
    static final Endpoint OTHER_NAMESPACE = Endpoint.foreignPod("a pod in namespace default", "default", Map.of("app", "other"));
    /** Stands for any address outside the cluster (TEST-NET-3, never routed). */
    static final String OUTSIDE_IP = "203.0.113.10";

    private static final Pattern CREDENTIAL = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|PRIVATE_?KEY|CREDENTIAL).*");

    /** The kernel's profiles that trust committed development keys and offer the development sign-in (config/Profiles). */
    static final List<String> DEVELOPMENT_PROFILES = List.of("dev", "test", "local");
    /**
     * Variables that switch the development sign-in (anyone signs in as anyone) on: the property
     * support.console.dev-sign-in, the kernel's CONSOLE_DEV_SIGN_IN that the development profiles read, and their
     * profile-prefixed forms (_LOCAL_SUPPORT_CONSOLE_DEV_SIGN_IN ...).
     */
    private static final Pattern DEV_SIGN_IN = Pattern.compile("(_[A-Z0-9]+_)?(SUPPORT_)?CONSOLE_DEV_SIGN_IN");
    /** CONSOLE_SECRET encrypts the session cookie and signs the forms: the kernel wants at least this many characters. */
    static final int CONSOLE_SECRET_MIN = 32;
    /** The paths each service's console needs on its own host: its pages, GOV.UK Frontend's assets, its stylesheets. */
    static final List<String> CONSOLE_PATHS = List.of("/console", "/assets", "/console-assets");
    private static final Pattern CNPG_SERVICE = Pattern.compile("(.+)-(rw|ro|r)");

    private Checks() {
    }

    public static List<String> all(Rendered r) {
        List<String> v = new ArrayList<>(r.schemaViolations());
        v.addAll(services(r));
        v.addAll(probes(r));
        v.addAll(resources(r));
        v.addAll(security(r));
        v.addAll(availability(r));
        v.addAll(selectors(r));
        v.addAll(ports(r));
        v.addAll(references(r));
        v.addAll(settings(r));
        v.addAll(secrets(r));
        v.addAll(console(r));
        v.addAll(images(r));
        v.addAll(network(r));
        v.addAll(connections(r));
        return v;
    }

    /** The three services are all there, as Deployments. */
    static List<String> services(Rendered r) {
        List<String> v = new ArrayList<>();
        for (String service : SERVICES.keySet()) {
            if (r.named(Deployment.class, r.namespace(), service).isEmpty()) {
                v.add("[services] no Deployment " + service + " in namespace " + r.namespace());
            }
        }
        return v;
    }

    /** Every container has all three probes, on a port it declares; the services' probes use their health endpoints. */
    static List<String> probes(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Workload w : r.workloads()) {
            for (Container c : w.template().getSpec().getContainers()) {
                Map<String, Probe> probes = orderedMap("startupProbe", c.getStartupProbe(),
                        "livenessProbe", c.getLivenessProbe(), "readinessProbe", c.getReadinessProbe());
                for (Map.Entry<String, Probe> e : probes.entrySet()) {
                    String where = "[probes] " + w + " container " + c.getName() + ": ";
                    Probe probe = e.getValue();
                    if (probe == null) {
                        v.add(where + "no " + e.getKey());
                        continue;
                    }
                    IntOrString port = probe.getHttpGet() != null ? probe.getHttpGet().getPort()
                            : probe.getTcpSocket() != null ? probe.getTcpSocket().getPort() : null;
                    if (port != null && containerPort(c, port).isEmpty()) {
                        v.add(where + e.getKey() + " port " + show(port) + " is not a port the container declares");
                    }
                    if (SERVICES.containsKey(w.name())) {
                        String path = probe.getHttpGet() == null ? null : probe.getHttpGet().getPath();
                        if (!PROBE_PATHS.get(e.getKey()).equals(path)) {
                            v.add(where + e.getKey() + " must be an HTTP GET of " + PROBE_PATHS.get(e.getKey()) + ", not " + path);
                        }
                    }
                }
            }
        }
        return v;
    }

    /** Requests for CPU and memory, a memory limit, and requests within limits. */
    static List<String> resources(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Workload w : r.workloads()) {
            for (Container c : w.allContainers()) {
                String where = "[resources] " + w + " container " + c.getName() + ": ";
                ResourceRequirements res = c.getResources();
                Map<String, Quantity> requests = res == null || res.getRequests() == null ? Map.of() : res.getRequests();
                Map<String, Quantity> limits = res == null || res.getLimits() == null ? Map.of() : res.getLimits();
                for (String resource : List.of("cpu", "memory")) {
                    if (!requests.containsKey(resource)) {
                        v.add(where + "no " + resource + " request");
                    }
                }
                if (!limits.containsKey("memory")) {
                    v.add(where + "no memory limit");
                }
                for (String resource : List.of("cpu", "memory")) {
                    if (requests.containsKey(resource) && limits.containsKey(resource)
                            && requests.get(resource).getNumericalAmount().compareTo(limits.get(resource).getNumericalAmount()) > 0) {
                        v.add(where + resource + " request " + requests.get(resource) + " exceeds its limit " + limits.get(resource));
                    }
                }
            }
        }
        return v;
    }

    /**
     * The restricted Pod Security Standard and more: non-root, no privilege escalation, all capabilities
     * dropped, RuntimeDefault seccomp, a read-only root filesystem with a writable /tmp, no host access,
     * no service-account token; and the namespace enforcing the restricted profile.
     */
    static List<String> security(Rendered r) {
        List<String> v = new ArrayList<>();
        String enforce = r.namespaceLabels(r.namespace()).get("pod-security.kubernetes.io/enforce");
        if (!"restricted".equals(enforce)) {
            v.add("[security] Namespace " + r.namespace() + ": label pod-security.kubernetes.io/enforce must be restricted, not " + enforce);
        }
        for (Workload w : r.workloads()) {
            PodSpec pod = w.template().getSpec();
            PodSecurityContext psc = pod.getSecurityContext();
            String podWhere = "[security] " + w + ": ";
            if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
                v.add(podWhere + "must not use the host's network, PID or IPC namespace");
            }
            if (pod.getVolumes() != null && pod.getVolumes().stream().anyMatch(vol -> vol.getHostPath() != null)) {
                v.add(podWhere + "must not mount a hostPath volume");
            }
            if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
                v.add(podWhere + "automountServiceAccountToken must be false (nothing here calls the Kubernetes API)");
            }
            for (Container c : w.allContainers()) {
                String where = "[security] " + w + " container " + c.getName() + ": ";
                SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
                Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : psc == null ? null : psc.getRunAsNonRoot();
                Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : psc == null ? null : psc.getRunAsUser();
                SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : psc == null ? null : psc.getSeccompProfile();
                if (!Boolean.TRUE.equals(nonRoot)) {
                    v.add(where + "runAsNonRoot must be true");
                }
                if (user != null && user == 0) {
                    v.add(where + "runAsUser 0 is root");
                }
                if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                    v.add(where + "allowPrivilegeEscalation must be false");
                }
                if (Boolean.TRUE.equals(sc.getPrivileged())) {
                    v.add(where + "must not be privileged");
                }
                if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                    v.add(where + "readOnlyRootFilesystem must be true");
                }
                if (sc.getCapabilities() == null || sc.getCapabilities().getDrop() == null
                        || !sc.getCapabilities().getDrop().contains("ALL")) {
                    v.add(where + "capabilities must drop ALL");
                }
                if (sc.getCapabilities() != null && sc.getCapabilities().getAdd() != null && !sc.getCapabilities().getAdd().isEmpty()) {
                    v.add(where + "must add no capabilities, not " + sc.getCapabilities().getAdd());
                }
                if (seccomp == null || !List.of("RuntimeDefault", "Localhost").contains(seccomp.getType())) {
                    v.add(where + "seccompProfile must be RuntimeDefault");
                }
                boolean writableTmp = c.getVolumeMounts() != null && c.getVolumeMounts().stream()
                        .anyMatch(m -> "/tmp".equals(m.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly())
                                && volume(pod, m.getName()).map(vol -> vol.getEmptyDir() != null).orElse(false));
                if (!writableTmp) {
                    v.add(where + "needs a writable /tmp (an emptyDir volume) under its read-only root filesystem");
                }
            }
        }
        return v;
    }

    /** The services roll out without losing capacity and have a disruption budget and an autoscaler target. */
    static List<String> availability(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Deployment d : r.all(Deployment.class)) {
            if (!SERVICES.containsKey(d.getMetadata().getName())) {
                continue;
            }
            String where = "[availability] Deployment " + d.getMetadata().getName() + ": ";
            var strategy = d.getSpec().getStrategy();
            IntOrString maxUnavailable = strategy == null || strategy.getRollingUpdate() == null ? null
                    : strategy.getRollingUpdate().getMaxUnavailable();
            boolean zero = maxUnavailable != null && (Integer.valueOf(0).equals(maxUnavailable.getIntVal()) || "0%".equals(maxUnavailable.getStrVal()));
            if (strategy == null || !"RollingUpdate".equals(strategy.getType()) || !zero) {
                v.add(where + "the rolling update must keep maxUnavailable 0 (got " + show(maxUnavailable) + ")");
            }
            Map<String, String> labels = d.getSpec().getTemplate().getMetadata().getLabels();
            if (r.disruptionBudgets().stream().noneMatch(p -> Selectors.matches(p.getSpec().getSelector(), labels))) {
                v.add(where + "no PodDisruptionBudget selects its pods");
            }
        }
        return v;
    }

    /** Services and disruption budgets select some pod template; autoscalers target an existing workload. */
    static List<String> selectors(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Service s : r.all(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            if (selector == null || selector.isEmpty()) {
                v.add("[selectors] Service " + s.getMetadata().getName() + " has no selector");
            } else if (selected(r, s).isEmpty()) {
                v.add("[selectors] Service " + s.getMetadata().getName() + " selects no pod template (selector " + selector + ")");
            }
        }
        for (PodDisruptionBudget p : r.disruptionBudgets()) {
            if (r.workloads().stream().noneMatch(w -> w.namespace().equals(Rendered.namespaceOf(p))
                    && Selectors.matches(p.getSpec().getSelector(), w.podLabels()))) {
                v.add("[selectors] PodDisruptionBudget " + p.getMetadata().getName() + " selects no pod template");
            }
        }
        for (HorizontalPodAutoscaler h : r.autoscalers()) {
            var target = h.getSpec().getScaleTargetRef();
            if (r.workloads().stream().noneMatch(w -> w.kind().equals(target.getKind()) && w.name().equals(target.getName()))) {
                v.add("[selectors] HorizontalPodAutoscaler " + h.getMetadata().getName() + " targets " + target.getKind()
                        + " " + target.getName() + ", which the overlay does not define");
            }
        }
        return v;
    }

    /**
     * Every Service targetPort is a port the selected containers expose; Ingress backends name an existing
     * Service port; each service listens (QUARKUS_HTTP_PORT) on the port it declares as "http".
     */
    static List<String> ports(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Service s : r.all(Service.class)) {
            for (ServicePort port : s.getSpec().getPorts()) {
                IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
                for (Workload w : selected(r, s)) {
                    if (w.template().getSpec().getContainers().stream().allMatch(c -> containerPort(c, target).isEmpty())) {
                        v.add("[ports] Service " + s.getMetadata().getName() + " port " + Objects.toString(port.getName(), String.valueOf(port.getPort()))
                                + ": targetPort " + show(target) + " is not exposed by any container of " + w
                                + " (exposed: " + exposed(w) + ")");
                    }
                }
            }
        }
        for (Ingress ingress : r.ingresses()) {
            for (IngressServiceBackend backend : backends(ingress)) {
                Optional<Service> service = r.service(Rendered.namespaceOf(ingress), backend.getName());
                if (service.isEmpty()) {
                    v.add("[ports] Ingress " + ingress.getMetadata().getName() + ": backend Service " + backend.getName() + " is not defined");
                } else if (servicePort(service.get(), backend).isEmpty()) {
                    v.add("[ports] Ingress " + ingress.getMetadata().getName() + ": backend port "
                            + Objects.toString(backend.getPort().getName(), String.valueOf(backend.getPort().getNumber()))
                            + " is not a port of Service " + backend.getName());
                }
            }
        }
        for (Workload w : r.workloads()) {
            if (!SERVICES.containsKey(w.name())) {
                continue;
            }
            for (Container c : w.template().getSpec().getContainers()) {
                String listens = environment(r, w, c).get("QUARKUS_HTTP_PORT");
                Optional<Integer> http = containerPort(c, new IntOrString("http"));
                if (http.isEmpty()) {
                    v.add("[ports] " + w + " container " + c.getName() + ": declares no port named http");
                } else if (listens != null && !listens.equals(String.valueOf(http.get()))) {
                    v.add("[ports] " + w + " container " + c.getName() + ": listens on QUARKUS_HTTP_PORT " + listens
                            + " but declares http as " + http.get());
                }
            }
        }
        return v;
    }

    /**
     * Every ConfigMap and Secret a pod, an Ingress or the database refers to exists, with the keys used.
     * A Secret exists when the overlay renders it or lists it in external-secrets.yaml (created out of band).
     * Hosts the services are configured to reach by a cluster-local name must be Services of the overlay.
     */
    static List<String> references(Rendered r) {
        List<String> v = new ArrayList<>();
        String ns = r.namespace();
        for (Workload w : r.workloads()) {
            for (Container c : w.allContainers()) {
                String where = "[references] " + w + " container " + c.getName();
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (e.getValueFrom() == null) {
                        continue;
                    }
                    var cm = e.getValueFrom().getConfigMapKeyRef();
                    var sk = e.getValueFrom().getSecretKeyRef();
                    if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                        configMapKey(r, ns, cm.getName(), cm.getKey()).ifPresent(p -> v.add(where + " env " + e.getName() + ": " + p));
                    }
                    if (sk != null && !Boolean.TRUE.equals(sk.getOptional())) {
                        secretKey(r, ns, sk.getName(), sk.getKey()).ifPresent(p -> v.add(where + " env " + e.getName() + ": " + p));
                    }
                }
                for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        configMapKey(r, ns, from.getConfigMapRef().getName(), null).ifPresent(p -> v.add(where + " envFrom: " + p));
                    }
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        secretKey(r, ns, from.getSecretRef().getName(), null).ifPresent(p -> v.add(where + " envFrom: " + p));
                    }
                }
            }
            for (Volume vol : w.template().getSpec().getVolumes() == null ? List.<Volume>of() : w.template().getSpec().getVolumes()) {
                if (vol.getConfigMap() != null && !Boolean.TRUE.equals(vol.getConfigMap().getOptional())) {
                    configMapKey(r, ns, vol.getConfigMap().getName(), null).ifPresent(p -> v.add("[references] " + w + " volume " + vol.getName() + ": " + p));
                }
                if (vol.getSecret() != null && !Boolean.TRUE.equals(vol.getSecret().getOptional())) {
                    secretKey(r, ns, vol.getSecret().getSecretName(), null).ifPresent(p -> v.add("[references] " + w + " volume " + vol.getName() + ": " + p));
                }
            }
            if (SERVICES.containsKey(w.name())) {
                for (Container c : w.template().getSpec().getContainers()) {
                    Map<String, String> env = environment(r, w, c);
                    for (String setting : List.of("DB_HOST", "SMTP_HOST")) {
                        String host = env.get(setting);
                        if (host != null && resolve(r, host).isEmpty() && isClusterLocal(r, host)) {
                            v.add("[references] " + w + ": " + setting + " '" + host + "' names no Service in the overlay"
                                    + " (nor a CloudNativePG Cluster's -rw/-ro/-r Service)");
                        }
                    }
                }
            }
        }
        for (Ingress ingress : r.ingresses()) {
            for (IngressTLS tls : ingress.getSpec().getTls() == null ? List.<IngressTLS>of() : ingress.getSpec().getTls()) {
                secretKey(r, ns, tls.getSecretName(), "tls.crt").ifPresent(p -> v.add("[references] Ingress " + ingress.getMetadata().getName() + " tls: " + p));
            }
        }
        for (GenericKubernetesResource cluster : r.custom("Cluster")) {
            for (Object role : list(path(cluster.getAdditionalProperties(), "spec", "managed", "roles"))) {
                Object secret = path(role, "passwordSecret", "name");
                if (secret != null) {
                    for (String key : List.of("username", "password")) {
                        secretKey(r, ns, secret.toString(), key).ifPresent(p -> v.add("[references] Cluster "
                                + cluster.getMetadata().getName() + " role " + path(role, "name") + ": " + p));
                    }
                }
            }
        }
        return v;
    }

    /** Each service gets every setting it needs, and its own database. */
    static List<String> settings(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Workload w : r.workloads()) {
            if (!SERVICES.containsKey(w.name())) {
                continue;
            }
            for (Container c : w.template().getSpec().getContainers()) {
                if (hasMissingEnvFrom(r, w, c)) {
                    continue; // its settings are unknown; [references] reports the missing source
                }
                Map<String, String> env = environment(r, w, c);
                List<String> required = new ArrayList<>(REQUIRED_SETTINGS);
                required.addAll(SERVICE_SETTINGS.getOrDefault(w.name(), List.of()));
                for (String setting : required) {
                    if (!env.containsKey(setting)) {
                        v.add("[settings] " + w + ": " + setting + " is not set");
                    }
                }
                String db = env.get("DB_NAME");
                if (db != null && !db.equals(SERVICES.get(w.name()))) {
                    v.add("[settings] " + w + ": DB_NAME is " + db + ", but its database is " + SERVICES.get(w.name()));
                }
            }
        }
        return v;
    }

    /**
     * Credentials never sit in ConfigMaps or literal env values, nor reach a container from a ConfigMap under another
     * key; a CONSOLE_SECRET the overlay renders (dev) is long enough to key the console's session cookie.
     */
    static List<String> secrets(Rendered r) {
        List<String> v = new ArrayList<>();
        for (ConfigMap cm : r.all(ConfigMap.class)) {
            for (String key : cm.getData() == null ? List.<String>of() : List.copyOf(cm.getData().keySet())) {
                if (CREDENTIAL.matcher(key).matches()) {
                    v.add("[secrets] ConfigMap " + cm.getMetadata().getName() + ": key " + key + " looks like a credential; put it in a Secret");
                }
            }
        }
        for (Workload w : r.workloads()) {
            for (Container c : w.allContainers()) {
                for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (!CREDENTIAL.matcher(e.getName()).matches()) {
                        continue;
                    }
                    if (e.getValue() != null) {
                        v.add("[secrets] " + w + " container " + c.getName() + ": env " + e.getName()
                                + " has a literal value; take it from a Secret");
                    } else if (e.getValueFrom() != null && e.getValueFrom().getConfigMapKeyRef() != null) {
                        v.add("[secrets] " + w + " container " + c.getName() + ": env " + e.getName() + " comes from ConfigMap "
                                + e.getValueFrom().getConfigMapKeyRef().getName() + "; take it from a Secret");
                    }
                }
                if (SERVICES.containsKey(w.name())) {
                    secretValue(r, w, c, "CONSOLE_SECRET").filter(s -> s.length() < CONSOLE_SECRET_MIN).ifPresent(s ->
                            v.add("[secrets] " + w + " container " + c.getName() + ": CONSOLE_SECRET has " + s.length()
                                    + " characters; it needs at least " + CONSOLE_SECRET_MIN + " (it encrypts the console's session cookie)"));
                }
            }
        }
        return v;
    }

    /**
     * The console signs people in through the identity provider, and only through it: OIDC on with an issuer URL (https
     * outside the development profiles) and a client id, the development sign-in off (the development profiles switch it
     * on unless CONSOLE_DEV_SIGN_IN=false), the code flow as the console's mechanism; behind an Ingress that ends TLS the
     * redirect URIs and cookies are forced to https. Each service's /console, /assets and /console-assets reach it on
     * one host. Missing settings are [settings]'s to report.
     */
    static List<String> console(Rendered r) {
        List<String> v = new ArrayList<>();
        Map<String, List<String>> tlsHosts = new LinkedHashMap<>();
        for (Workload w : r.workloads()) {
            if (!SERVICES.containsKey(w.name())) {
                continue;
            }
            List<String> hosts = consoleHosts(r, w.name());
            if (hosts.isEmpty()) {
                v.add("[console] Ingress: no host routes /console to " + w.name() + " (its pages and the sign-in's return to"
                        + " /console/signed-in)");
            }
            for (String host : hosts) {
                for (String path : CONSOLE_PATHS) {
                    String to = route(r, host, path + "/x").orElse("nothing");
                    if (!to.equals(w.name())) {
                        v.add("[console] Ingress host " + host + ": " + path + " goes to " + to + ", not " + w.name()
                                + ", whose console this host serves");
                    }
                }
                if (tlsHost(r, host)) {
                    tlsHosts.computeIfAbsent(w.name(), k -> new ArrayList<>()).add(host);
                }
            }
        }
        for (Workload w : r.workloads()) {
            if (!SERVICES.containsKey(w.name())) {
                continue;
            }
            for (Container c : w.template().getSpec().getContainers()) {
                if (hasMissingEnvFrom(r, w, c)) {
                    continue;
                }
                String where = "[console] " + w + ": ";
                Map<String, String> env = environment(r, w, c);
                String enabled = env.get("OIDC_ENABLED");
                if (enabled != null && !"true".equalsIgnoreCase(enabled.trim())) {
                    v.add(where + "OIDC_ENABLED is '" + enabled + "'; it must be true, or the console answers 401 to everyone");
                }
                boolean development = profiles(env).stream().anyMatch(DEVELOPMENT_PROFILES::contains);
                String issuer = env.get("OIDC_AUTH_SERVER_URL");
                if (issuer != null) {
                    if (issuer.isBlank()) {
                        v.add(where + "OIDC_AUTH_SERVER_URL is empty; set the realm's issuer URL");
                    } else if (!issuer.trim().matches("https?://[^/\\s]+(/\\S*)?")) {
                        v.add(where + "OIDC_AUTH_SERVER_URL '" + issuer + "' is not an http(s) URL");
                    } else if (!development && !issuer.trim().startsWith("https://")) {
                        v.add(where + "OIDC_AUTH_SERVER_URL '" + issuer + "' must be https outside the development profiles"
                                + " (the client secret and the codes go to it)");
                    }
                }
                String clientId = env.get("OIDC_CLIENT_ID");
                if (clientId != null && clientId.isBlank()) {
                    v.add(where + "OIDC_CLIENT_ID is empty");
                }
                env.forEach((name, value) -> {
                    if (DEV_SIGN_IN.matcher(name).matches() && !"false".equalsIgnoreCase(value.trim())) {
                        v.add(where + name + "=" + value + " switches the development sign-in on: anyone could sign in as anyone");
                    }
                });
                if (development && !"false".equalsIgnoreCase(env.getOrDefault("CONSOLE_DEV_SIGN_IN", "").trim())
                        && !"false".equalsIgnoreCase(env.getOrDefault("SUPPORT_CONSOLE_DEV_SIGN_IN", "").trim())) {
                    v.add(where + "profile " + env.get("QUARKUS_PROFILE") + " switches the development sign-in on unless"
                            + " CONSOLE_DEV_SIGN_IN=false");
                }
                String mechanismSetting = env.containsKey("QUARKUS_HTTP_AUTH_PERMISSION_CONSOLE_AUTH_MECHANISM")
                        ? "QUARKUS_HTTP_AUTH_PERMISSION_CONSOLE_AUTH_MECHANISM" : env.containsKey("CONSOLE_SIGN_IN") ? "CONSOLE_SIGN_IN" : null;
                String mechanism = mechanismSetting != null ? env.get(mechanismSetting).trim() : development ? "dev-sign-in" : "code";
                if (!"code".equals(mechanism)) {
                    v.add(where + (mechanismSetting == null ? "profile " + env.get("QUARKUS_PROFILE") + " signs in to the console"
                            + " with " + mechanism + " unless CONSOLE_SIGN_IN=code" : mechanismSetting + "=" + mechanism
                            + ": the console must sign people in with the identity provider (code)"));
                }
                for (String host : tlsHosts.getOrDefault(w.name(), List.of())) {
                    for (Map.Entry<String, String> forced : Map.of(
                            "QUARKUS_OIDC_AUTHENTICATION_FORCE_REDIRECT_HTTPS_SCHEME", "the sign-in would send the identity provider an http:// redirect_uri",
                            "QUARKUS_OIDC_AUTHENTICATION_COOKIE_FORCE_SECURE", "the session cookies would lack Secure").entrySet().stream()
                            .sorted(Map.Entry.comparingByKey()).toList()) {
                        if (!"true".equalsIgnoreCase(env.getOrDefault(forced.getKey(), "").trim())) {
                            v.add(where + "its console is served over TLS at " + host + ", which ends at the ingress controller:"
                                    + " set " + forced.getKey() + "=true, or " + forced.getValue());
                        }
                    }
                }
            }
        }
        return v;
    }

    /** QUARKUS_PROFILE's profiles; a packaged service without it runs prod. */
    static List<String> profiles(Map<String, String> env) {
        String profile = env.get("QUARKUS_PROFILE");
        if (profile == null || profile.isBlank()) {
            return List.of("prod");
        }
        return List.of(profile.trim().split("\\s*,\\s*"));
    }

    /** The hosts whose /console an Ingress sends to the service's Service (as the controller matches paths). */
    static List<String> consoleHosts(Rendered r, String service) {
        List<String> hosts = new ArrayList<>();
        for (Ingress ingress : r.ingresses()) {
            for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
                String host = rule.getHost() == null ? "*" : rule.getHost();
                if (!hosts.contains(host) && route(r, host, "/console/x").filter(service::equals).isPresent()) {
                    hosts.add(host);
                }
            }
        }
        return hosts;
    }

    /**
     * The Service a request for this host and path reaches: among the Ingresses' paths for the host, an Exact match
     * first, else the longest Prefix that matches whole path elements (the networking.k8s.io/v1 rules).
     */
    static Optional<String> route(Rendered r, String host, String requestPath) {
        String best = null;
        int bestLength = -1;
        boolean exact = false;
        for (Ingress ingress : r.ingresses()) {
            for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
                String ruleHost = rule.getHost() == null ? "*" : rule.getHost();
                if (!ruleHost.equals(host) || rule.getHttp() == null) {
                    continue;
                }
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    String p = path.getPath() == null ? "/" : path.getPath();
                    if (path.getBackend().getService() == null) {
                        continue;
                    }
                    String to = path.getBackend().getService().getName();
                    if ("Exact".equals(path.getPathType())) {
                        if (p.equals(requestPath) && !exact) {
                            best = to;
                            exact = true;
                        }
                    } else if (!exact && prefixMatches(p, requestPath) && p.length() > bestLength) {
                        best = to;
                        bestLength = p.length();
                    }
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static boolean prefixMatches(String prefix, String path) {
        String p = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
        return p.isEmpty() || path.equals(p) || path.startsWith(p + "/");
    }

    private static boolean tlsHost(Rendered r, String host) {
        return r.ingresses().stream().anyMatch(i -> i.getSpec().getTls() != null && i.getSpec().getTls().stream()
                .anyMatch(tls -> tls.getHosts() != null && tls.getHosts().contains(host)));
    }

    /** A setting's value when it comes from a Secret the overlay renders (dev); empty otherwise (prod's are unknown). */
    static Optional<String> secretValue(Rendered r, Workload w, Container c, String name) {
        String secretName = null;
        String key = null;
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            if (from.getSecretRef() != null && name.startsWith(from.getPrefix() == null ? "" : from.getPrefix())) {
                String k = name.substring(from.getPrefix() == null ? 0 : from.getPrefix().length());
                if (secretKeys(r, w.namespace(), from.getSecretRef().getName()).map(keys -> keys.contains(k)).orElse(false)) {
                    secretName = from.getSecretRef().getName();
                    key = k;
                }
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (name.equals(e.getName())) {
                boolean fromSecret = e.getValueFrom() != null && e.getValueFrom().getSecretKeyRef() != null;
                secretName = fromSecret ? e.getValueFrom().getSecretKeyRef().getName() : null;
                key = fromSecret ? e.getValueFrom().getSecretKeyRef().getKey() : null;
            }
        }
        if (secretName == null) {
            return Optional.empty();
        }
        String k = key;
        return r.secret(w.namespace(), secretName).flatMap(s -> {
            if (s.getStringData() != null && s.getStringData().containsKey(k)) {
                return Optional.of(s.getStringData().get(k));
            }
            if (s.getData() != null && s.getData().containsKey(k)) {
                return Optional.of(new String(java.util.Base64.getMimeDecoder().decode(s.getData().get(k)), java.nio.charset.StandardCharsets.UTF_8));
            }
            return Optional.empty();
        });
    }

    /** Every image names a version: a tag other than latest, or a digest. */
    static List<String> images(Rendered r) {
        List<String> v = new ArrayList<>();
        for (Workload w : r.workloads()) {
            for (Container c : w.allContainers()) {
                imageProblem(c.getImage()).ifPresent(p -> v.add("[images] " + w + " container " + c.getName() + ": " + p));
            }
        }
        for (GenericKubernetesResource cluster : r.custom("Cluster")) {
            Object image = path(cluster.getAdditionalProperties(), "spec", "imageName");
            if (image != null) {
                imageProblem(image.toString()).ifPresent(p -> v.add("[images] Cluster " + cluster.getMetadata().getName() + ": " + p));
            }
        }
        return v;
    }

    static Optional<String> imageProblem(String image) {
        if (image == null || image.isBlank()) {
            return Optional.of("no image");
        }
        if (image.contains("@sha256:")) {
            return Optional.empty();
        }
        String lastPart = image.substring(image.lastIndexOf('/') + 1);
        if (!lastPart.contains(":")) {
            return Optional.of("image " + image + " has no tag; pin a version (kustomize images: newTag)");
        }
        if (lastPart.endsWith(":latest")) {
            return Optional.of("image " + image + " is tagged latest; pin a version");
        }
        return Optional.empty();
    }

    /**
     * The NetworkPolicies allow every call the services make and nothing we know they must not: a
     * default-deny policy, then the flows derived from the overlay (DNS, database and SMTP hosts from the
     * services' settings, the JWKS URL and the console's identity provider, the calls between services, the Ingress's backends, Prometheus
     * scrapes, the CloudNativePG operator and replication).
     */
    static List<String> network(Rendered r) {
        List<String> v = new ArrayList<>();
        String ns = r.namespace();
        NetworkPolicies policies = new NetworkPolicies(r.networkPolicies(), ns);
        if (!policies.hasDefaultDeny()) {
            v.add("[network] no default-deny NetworkPolicy in namespace " + ns
                    + " (podSelector {}, policyTypes Ingress and Egress, no rules)");
        }
        for (Flow flow : requiredFlows(r)) {
            policies.blockedBy(flow).ifPresent(why -> v.add("[network] a required call is blocked: " + flow + ": " + why));
        }
        for (Flow flow : forbiddenFlows(r)) {
            if (policies.blockedBy(flow).isEmpty()) {
                v.add("[network] a call nothing needs is allowed: " + flow);
            }
        }
        return v;
    }

    static List<Flow> requiredFlows(Rendered r) {
        List<Flow> flows = new ArrayList<>();
        for (Workload w : r.workloads()) {
            if (!SERVICES.containsKey(w.name())) {
                continue;
            }
            Endpoint self = endpoint(r, w);
            flows.add(new Flow("DNS", self, KUBE_DNS, 53, "UDP"));
            flows.add(new Flow("DNS", self, KUBE_DNS, 53, "TCP"));
            Map<String, String> env = environment(r, w, w.template().getSpec().getContainers().get(0));
            addHostFlows(r, flows, self, "database (DB_HOST)", env.get("DB_HOST"), env.get("DB_PORT"));
            addHostFlows(r, flows, self, "mail (SMTP_HOST)", env.get("SMTP_HOST"), env.get("SMTP_PORT"));
            String jwks = env.get("JWT_PUBLIC_KEY_LOCATION");
            if (jwks != null && jwks.matches("https?://.*")) {
                URI uri = URI.create(jwks);
                int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                addHostFlows(r, flows, self, "token keys (JWT_PUBLIC_KEY_LOCATION)", uri.getHost(), String.valueOf(port));
            }
            // the console's sign-in: discovery, token and JWKS endpoints, called from the pod (browsers go there themselves)
            String issuer = env.get("OIDC_AUTH_SERVER_URL");
            if (issuer != null && issuer.trim().matches("https?://[^/\\s]+(/\\S*)?")) {
                URI uri = URI.create(issuer.trim());
                int port = uri.getPort() > 0 ? uri.getPort() : "https".equals(uri.getScheme()) ? 443 : 80;
                addHostFlows(r, flows, self, "console sign-in (OIDC_AUTH_SERVER_URL)", uri.getHost(), String.valueOf(port));
            }
            String scrape = w.template().getMetadata().getAnnotations() == null ? null
                    : w.template().getMetadata().getAnnotations().get("prometheus.io/port");
            if (scrape != null) {
                flows.add(new Flow("metrics scrape", PROMETHEUS, self, Integer.parseInt(scrape), "TCP"));
            }
        }
        for (List<String> call : CALLS) {
            Optional<Workload> caller = workload(r, call.get(0));
            Optional<Service> callee = r.service(r.namespace(), call.get(1));
            if (caller.isPresent() && callee.isPresent()) {
                ServicePort port = callee.get().getSpec().getPorts().get(0);
                for (Workload target : selected(r, callee.get())) {
                    targetPort(target, port).ifPresent(p -> flows.add(new Flow(call.get(2), endpoint(r, caller.get()), endpoint(r, target), p, "TCP")));
                }
            }
        }
        for (Ingress ingress : r.ingresses()) {
            for (IngressServiceBackend backend : backends(ingress)) {
                r.service(r.namespace(), backend.getName()).ifPresent(service -> servicePort(service, backend).ifPresent(port -> {
                    for (Workload target : selected(r, service)) {
                        targetPort(target, port).ifPresent(p -> flows.add(new Flow("public route via Ingress " + ingress.getMetadata().getName(),
                                INGRESS_CONTROLLER, endpoint(r, target), p, "TCP")));
                    }
                }));
            }
        }
        for (GenericKubernetesResource cluster : r.custom("Cluster")) {
            Endpoint db = clusterEndpoint(r, cluster);
            flows.add(new Flow("CloudNativePG operator status", CNPG_OPERATOR, db, 8000, "TCP"));
            flows.add(new Flow("replication", db, db, 5432, "TCP"));
            flows.add(new Flow("instance manager -> Kubernetes API", db, Endpoint.external("Kubernetes API", OUTSIDE_IP), 443, "TCP"));
        }
        return flows;
    }

    /**
     * Calls that nothing makes: between services, every pair not in {@link #CALLS} (a call listed one way
     * only is forbidden the other way; incident-service and escalation-service call each other, so both ways
     * are required and nothing may call ticket-service), a stranger's to any pod of the overlay, outside ports.
     */
    static List<Flow> forbiddenFlows(Rendered r) {
        List<Flow> flows = new ArrayList<>();
        List<String> names = List.copyOf(SERVICES.keySet());
        for (String from : names) {
            for (String to : names) {
                boolean needed = from.equals(to) || CALLS.stream().anyMatch(c -> c.get(0).equals(from) && c.get(1).equals(to));
                Optional<Workload> source = workload(r, from);
                Optional<Workload> target = workload(r, to);
                if (!needed && source.isPresent() && target.isPresent()) {
                    containerPort(target.get().template().getSpec().getContainers().get(0), new IntOrString("http")).ifPresent(p ->
                            flows.add(new Flow("no such call", endpoint(r, source.get()), endpoint(r, target.get()), p, "TCP")));
                }
            }
        }
        // every pod of the overlay (the services, and the database, mail catcher and identity provider of dev) on every
        // port it declares: nothing in another namespace but the ingress controller, Prometheus and the operator calls in
        for (Workload w : r.workloads()) {
            Endpoint self = endpoint(r, w);
            for (Container c : w.template().getSpec().getContainers()) {
                for (ContainerPort port : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                    flows.add(new Flow("another namespace", OTHER_NAMESPACE, self, port.getContainerPort(), "TCP"));
                }
            }
            flows.add(new Flow("ssh out of the cluster", self, Endpoint.external("outside", OUTSIDE_IP), 22, "TCP"));
        }
        return flows;
    }

    private static void addHostFlows(Rendered r, List<Flow> flows, Endpoint self, String why, String host, String port) {
        if (host == null || port == null || !port.matches("\\d+")) {
            return;
        }
        int p = Integer.parseInt(port);
        Optional<List<Endpoint>> targets = resolve(r, host);
        if (targets.isPresent()) {
            Optional<Service> service = r.service(r.namespace(), shortName(r, host));
            for (Endpoint target : targets.get()) {
                int targetPort = service.flatMap(s -> s.getSpec().getPorts().stream().filter(sp -> sp.getPort() == p).findFirst())
                        .flatMap(sp -> workload(r, target.name()).flatMap(w -> targetPort(w, sp))).orElse(p);
                flows.add(new Flow(why, self, target, targetPort, "TCP"));
            }
        } else if (!isClusterLocal(r, host)) {
            flows.add(new Flow(why, self, Endpoint.external(host, OUTSIDE_IP), p, "TCP"));
        }
    }

    /** The kernel's pool size when DB_POOL_MAX_SIZE is not set (support-kernel microprofile-config.properties). */
    static final int DEFAULT_POOL = 16;
    /** Connections a pod holds outside its pool: the outbox's LISTEN connection (OutboxWakeUp). */
    static final int OUTSIDE_POOL = 1;
    /** Of a server's max_connections, kept for superusers (PostgreSQL's 3) and for people and tools (psql, backups). */
    static final int RESERVED = 10;
    private static final Pattern MAX_CONNECTIONS = Pattern.compile("max_connections=(\\d+)");

    /**
     * Every pod the services may run at once (an autoscaler's maximum, or the replicas, plus a rolling update's surge),
     * each with its pool ({@code DB_POOL_MAX_SIZE}) and its LISTEN connection, fits the {@code max_connections} of the
     * database server it uses (less {@link #RESERVED}): else, under load or in a rollout, PostgreSQL refuses
     * connections ("too many clients already"). A server outside the overlay is its operator's to size: not checked.
     */
    static List<String> connections(Rendered r) {
        List<String> v = new ArrayList<>();
        Map<String, Integer> demand = new LinkedHashMap<>();
        Map<String, List<String>> parts = new LinkedHashMap<>();
        for (Deployment d : r.all(Deployment.class)) {
            String name = d.getMetadata().getName();
            if (!SERVICES.containsKey(name)) {
                continue;
            }
            Workload w = r.workloads().stream().filter(x -> x.source() == d).findFirst().orElseThrow();
            Container c = d.getSpec().getTemplate().getSpec().getContainers().get(0);
            Map<String, String> env = environment(r, w, c);
            String host = env.get("DB_HOST");
            if (host == null) {
                continue; // [settings] reports it
            }
            int pool;
            try {
                pool = env.containsKey("DB_POOL_MAX_SIZE") ? Integer.parseInt(env.get("DB_POOL_MAX_SIZE").trim()) : DEFAULT_POOL;
            } catch (NumberFormatException e) {
                v.add("[connections] " + w + ": DB_POOL_MAX_SIZE '" + env.get("DB_POOL_MAX_SIZE") + "' is not a number");
                continue;
            }
            int pods = mostPods(r, d);
            demand.merge(host, pods * (pool + OUTSIDE_POOL), Integer::sum);
            parts.computeIfAbsent(host, h -> new ArrayList<>()).add(name + " " + pods + " pods x " + (pool + OUTSIDE_POOL));
        }
        demand.forEach((host, wanted) -> maxConnections(r, host).ifPresent(max -> {
            if (wanted > max - RESERVED) {
                v.add("[connections] database " + host + ": up to " + wanted + " connections (" + String.join(", ", parts.get(host))
                        + ") but max_connections " + max + " leaves " + (max - RESERVED) + " (" + RESERVED + " reserved)");
            }
        }));
        return v;
    }

    /** The most pods of a Deployment at once: its autoscaler's maximum (else its replicas) plus the rolling update's surge. */
    static int mostPods(Rendered r, Deployment d) {
        int pods = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        for (HorizontalPodAutoscaler h : r.autoscalers()) {
            var target = h.getSpec().getScaleTargetRef();
            if ("Deployment".equals(target.getKind()) && d.getMetadata().getName().equals(target.getName())) {
                pods = Math.max(pods, h.getSpec().getMaxReplicas());
            }
        }
        var strategy = d.getSpec().getStrategy();
        if (strategy != null && "Recreate".equals(strategy.getType())) {
            return pods;
        }
        IntOrString surge = strategy == null || strategy.getRollingUpdate() == null ? null : strategy.getRollingUpdate().getMaxSurge();
        if (surge == null) {
            return pods + (int) Math.ceil(pods * 0.25); // Kubernetes' default, 25%
        }
        if (surge.getIntVal() != null) {
            return pods + surge.getIntVal();
        }
        String percent = surge.getStrVal().replace("%", "").trim();
        return pods + (int) Math.ceil(pods * Integer.parseInt(percent) / 100.0);
    }

    /**
     * The max_connections of the server behind a host: a CloudNativePG Cluster's {@code spec.postgresql.parameters}, or
     * a {@code -c max_connections=N} argument of the workload behind a Service (PostgreSQL's default, 100, when neither
     * says); empty when the overlay does not run that server.
     */
    static Optional<Integer> maxConnections(Rendered r, String host) {
        String name = shortName(r, host);
        Optional<Service> service = r.service(r.namespace(), name);
        if (service.isPresent()) {
            List<Workload> behind = selected(r, service.get());
            if (behind.isEmpty()) {
                return Optional.empty();
            }
            for (Workload w : behind) {
                for (Container c : w.template().getSpec().getContainers()) {
                    List<String> words = new ArrayList<>();
                    if (c.getCommand() != null) {
                        words.addAll(c.getCommand());
                    }
                    if (c.getArgs() != null) {
                        words.addAll(c.getArgs());
                    }
                    for (String word : words) {
                        Matcher m = MAX_CONNECTIONS.matcher(word);
                        if (m.find()) {
                            return Optional.of(Integer.parseInt(m.group(1)));
                        }
                    }
                }
            }
            return Optional.of(100);
        }
        Matcher m = CNPG_SERVICE.matcher(name);
        if (m.matches()) {
            return r.custom("Cluster").stream().filter(c -> c.getMetadata().getName().equals(m.group(1))).findFirst().map(c -> {
                Object value = path(c.getAdditionalProperties().get("spec"), "postgresql", "parameters", "max_connections");
                return value == null ? 100 : Integer.parseInt(value.toString().trim());
            });
        }
        return Optional.empty();
    }

    /** The pods behind a host name: a Service of the overlay or a CloudNativePG Cluster's Service; empty if neither. */
    static Optional<List<Endpoint>> resolve(Rendered r, String host) {
        String name = shortName(r, host);
        Optional<Service> service = r.service(r.namespace(), name);
        if (service.isPresent()) {
            return Optional.of(selected(r, service.get()).stream().map(w -> endpoint(r, w)).toList());
        }
        Matcher m = CNPG_SERVICE.matcher(name);
        if (m.matches()) {
            return r.custom("Cluster").stream().filter(c -> c.getMetadata().getName().equals(m.group(1)))
                    .findFirst().map(c -> List.of(clusterEndpoint(r, c)));
        }
        return Optional.empty();
    }

    private static boolean isClusterLocal(Rendered r, String host) {
        return !shortName(r, host).contains(".");
    }

    private static String shortName(Rendered r, String host) {
        String ns = r.namespace();
        for (String suffix : List.of("." + ns + ".svc.cluster.local", "." + ns + ".svc", "." + ns)) {
            if (host.endsWith(suffix)) {
                return host.substring(0, host.length() - suffix.length());
            }
        }
        return host;
    }

    @SuppressWarnings("unchecked")
    private static Endpoint clusterEndpoint(Rendered r, GenericKubernetesResource cluster) {
        Map<String, String> labels = new LinkedHashMap<>();
        Object inherited = path(cluster.getAdditionalProperties(), "spec", "inheritedMetadata", "labels");
        if (inherited instanceof Map<?, ?> map) {
            labels.putAll((Map<String, String>) map);
        }
        // the operator labels every instance pod with its cluster's name
        labels.put("cnpg.io/cluster", cluster.getMetadata().getName());
        return Endpoint.pod("CloudNativePG Cluster " + cluster.getMetadata().getName(), r.namespace(),
                r.namespaceLabels(r.namespace()), labels, Map.of("postgresql", 5432, "status", 8000));
    }

    static Endpoint endpoint(Rendered r, Workload w) {
        Map<String, Integer> named = new LinkedHashMap<>();
        for (Container c : w.template().getSpec().getContainers()) {
            for (ContainerPort p : c.getPorts() == null ? List.<ContainerPort>of() : c.getPorts()) {
                if (p.getName() != null) {
                    named.put(p.getName(), p.getContainerPort());
                }
            }
        }
        return Endpoint.pod(w.name(), w.namespace(), r.namespaceLabels(w.namespace()), w.podLabels(), named);
    }

    private static Optional<Workload> workload(Rendered r, String name) {
        return r.workloads().stream().filter(w -> w.name().equals(name)).findFirst();
    }

    static List<Workload> selected(Rendered r, Service s) {
        Map<String, String> selector = s.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return List.of();
        }
        return r.workloads().stream()
                .filter(w -> w.namespace().equals(Rendered.namespaceOf(s)) && Selectors.matches(selector, w.podLabels()))
                .toList();
    }

    private static Optional<Integer> targetPort(Workload w, ServicePort port) {
        IntOrString target = port.getTargetPort() != null ? port.getTargetPort() : new IntOrString(port.getPort());
        return w.template().getSpec().getContainers().stream().map(c -> containerPort(c, target))
                .flatMap(Optional::stream).findFirst();
    }

    private static Optional<ServicePort> servicePort(Service service, IngressServiceBackend backend) {
        return service.getSpec().getPorts().stream().filter(p -> backend.getPort().getName() != null
                ? backend.getPort().getName().equals(p.getName())
                : Objects.equals(backend.getPort().getNumber(), p.getPort())).findFirst();
    }

    /** The number of a container port given by number or name, if the container declares it. */
    static Optional<Integer> containerPort(Container c, IntOrString port) {
        List<ContainerPort> ports = c.getPorts() == null ? List.of() : c.getPorts();
        if (port.getIntVal() != null) {
            return ports.stream().map(ContainerPort::getContainerPort).filter(port.getIntVal()::equals).findFirst();
        }
        return ports.stream().filter(p -> port.getStrVal().equals(p.getName())).map(ContainerPort::getContainerPort).findFirst();
    }

    private static String exposed(Workload w) {
        return w.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.<ContainerPort>empty() : c.getPorts().stream())
                .map(p -> (p.getName() == null ? "" : p.getName() + "=") + p.getContainerPort())
                .collect(Collectors.joining(", "));
    }

    private static List<IngressServiceBackend> backends(Ingress ingress) {
        List<IngressServiceBackend> backends = new ArrayList<>();
        if (ingress.getSpec().getDefaultBackend() != null && ingress.getSpec().getDefaultBackend().getService() != null) {
            backends.add(ingress.getSpec().getDefaultBackend().getService());
        }
        for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
            if (rule.getHttp() != null) {
                for (HTTPIngressPath path : rule.getHttp().getPaths()) {
                    if (path.getBackend().getService() != null) {
                        backends.add(path.getBackend().getService());
                    }
                }
            }
        }
        return backends;
    }

    /**
     * A container's environment as the kubelet builds it: envFrom first, then env over it. Secret values
     * are not known offline and appear as "(secret name/key)".
     */
    public static Map<String, String> environment(Rendered r, Workload w, Container c) {
        Map<String, String> env = new LinkedHashMap<>();
        String ns = w.namespace();
        for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
            String prefix = from.getPrefix() == null ? "" : from.getPrefix();
            if (from.getConfigMapRef() != null) {
                r.configMap(ns, from.getConfigMapRef().getName()).map(ConfigMap::getData).ifPresent(data ->
                        data.forEach((k, value) -> env.put(prefix + k, value)));
            }
            if (from.getSecretRef() != null) {
                String name = from.getSecretRef().getName();
                secretKeys(r, ns, name).ifPresent(keys -> keys.forEach(k -> env.put(prefix + k, "(secret " + name + "/" + k + ")")));
            }
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            if (e.getValueFrom() == null) {
                env.put(e.getName(), e.getValue() == null ? "" : e.getValue());
            } else if (e.getValueFrom().getConfigMapKeyRef() != null) {
                var ref = e.getValueFrom().getConfigMapKeyRef();
                env.put(e.getName(), r.configMap(ns, ref.getName()).map(ConfigMap::getData).map(d -> d.get(ref.getKey()))
                        .orElse("(missing ConfigMap key " + ref.getName() + "/" + ref.getKey() + ")"));
            } else if (e.getValueFrom().getSecretKeyRef() != null) {
                var ref = e.getValueFrom().getSecretKeyRef();
                // set even when the reference is broken: [references] reports that, not [settings]
                env.put(e.getName(), "(secret " + ref.getName() + "/" + ref.getKey() + ")");
            } else {
                env.put(e.getName(), "(from " + e.getValueFrom() + ")");
            }
        }
        return env;
    }

    private static boolean hasMissingEnvFrom(Rendered r, Workload w, Container c) {
        return c.getEnvFrom() != null && c.getEnvFrom().stream().anyMatch(from ->
                from.getConfigMapRef() != null && r.configMap(w.namespace(), from.getConfigMapRef().getName()).isEmpty()
                        || from.getSecretRef() != null && secretKeys(r, w.namespace(), from.getSecretRef().getName()).isEmpty());
    }

    private static Optional<String> configMapKey(Rendered r, String ns, String name, String key) {
        Optional<ConfigMap> cm = r.configMap(ns, name);
        if (cm.isEmpty()) {
            return Optional.of("ConfigMap " + name + " is not defined in the overlay");
        }
        List<String> keys = new ArrayList<>();
        if (cm.get().getData() != null) {
            keys.addAll(cm.get().getData().keySet());
        }
        if (cm.get().getBinaryData() != null) {
            keys.addAll(cm.get().getBinaryData().keySet());
        }
        return key == null || keys.contains(key) ? Optional.empty()
                : Optional.of("ConfigMap " + name + " has no key '" + key + "' (keys: " + String.join(", ", keys) + ")");
    }

    private static Optional<String> secretKey(Rendered r, String ns, String name, String key) {
        Optional<List<String>> keys = secretKeys(r, ns, name);
        if (keys.isEmpty()) {
            return Optional.of("Secret " + name + " is neither rendered by the overlay nor listed in its external-secrets.yaml");
        }
        return key == null || keys.get().contains(key) ? Optional.empty()
                : Optional.of("Secret " + name + " has no key '" + key + "' (keys: " + String.join(", ", keys.get()) + ")");
    }

    private static Optional<List<String>> secretKeys(Rendered r, String ns, String name) {
        Optional<Secret> secret = r.secret(ns, name);
        if (secret.isPresent()) {
            List<String> keys = new ArrayList<>();
            if (secret.get().getData() != null) {
                keys.addAll(secret.get().getData().keySet());
            }
            if (secret.get().getStringData() != null) {
                keys.addAll(secret.get().getStringData().keySet());
            }
            return Optional.of(keys);
        }
        return r.externalSecret(name).map(s -> s.keyList().orElse(List.of()));
    }

    private static Optional<Volume> volume(PodSpec pod, String name) {
        return pod.getVolumes() == null ? Optional.empty() : pod.getVolumes().stream().filter(v -> name.equals(v.getName())).findFirst();
    }

    private static String show(IntOrString value) {
        return value == null ? "nothing" : value.getIntVal() != null ? String.valueOf(value.getIntVal()) : value.getStrVal();
    }

    static Object path(Object node, String... keys) {
        Object current = node;
        for (String key : keys) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static List<?> list(Object node) {
        return node instanceof List<?> l ? l : List.of();
    }

    private static <V> Map<String, V> orderedMap(Object... pairs) {
        Map<String, V> map = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            @SuppressWarnings("unchecked")
            V value = (V) pairs[i + 1];
            map.put((String) pairs[i], value);
        }
        return map;
    }
}
