package uk.gov.paas.support.k8scheck;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/** One rendered overlay: its typed objects, the schema violations found parsing it, its external Secrets. */
public final class Rendered {

    /** A Deployment or StatefulSet: something that runs pods from a template. */
    public record Workload(String kind, String name, String namespace, PodTemplateSpec template, HasMetadata source) {
        public Map<String, String> podLabels() {
            Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
            return labels == null ? Map.of() : labels;
        }

        public List<Container> allContainers() {
            List<Container> all = new ArrayList<>();
            if (template.getSpec().getInitContainers() != null) {
                all.addAll(template.getSpec().getInitContainers());
            }
            all.addAll(template.getSpec().getContainers());
            return all;
        }

        @Override
        public String toString() {
            return kind + " " + name;
        }
    }

    private final List<HasMetadata> objects;
    private final List<String> schemaViolations;
    private final List<Manifests.ExternalSecret> externalSecrets;

    Rendered(List<HasMetadata> objects, List<String> schemaViolations, List<Manifests.ExternalSecret> externalSecrets) {
        this.objects = List.copyOf(objects);
        this.schemaViolations = List.copyOf(schemaViolations);
        this.externalSecrets = List.copyOf(externalSecrets);
    }

    public List<HasMetadata> objects() {
        return objects;
    }

    public List<String> schemaViolations() {
        return schemaViolations;
    }

    public List<Manifests.ExternalSecret> externalSecrets() {
        return externalSecrets;
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    public <T extends HasMetadata> Optional<T> named(Class<T> type, String namespace, String name) {
        return all(type).stream()
                .filter(o -> name.equals(o.getMetadata().getName()) && namespace.equals(namespaceOf(o)))
                .findFirst();
    }

    public List<GenericKubernetesResource> custom(String kind) {
        return all(GenericKubernetesResource.class).stream().filter(r -> kind.equals(r.getKind())).toList();
    }

    /** The namespace the overlay deploys into: its Namespace object, else the first namespaced object's. */
    public String namespace() {
        return all(Namespace.class).stream().map(n -> n.getMetadata().getName()).findFirst()
                .orElseGet(() -> objects.stream().map(o -> o.getMetadata().getNamespace())
                        .filter(n -> n != null).findFirst().orElse("default"));
    }

    public Map<String, String> namespaceLabels(String namespace) {
        Map<String, String> labels = new LinkedHashMap<>();
        all(Namespace.class).stream().filter(n -> namespace.equals(n.getMetadata().getName()))
                .map(n -> n.getMetadata().getLabels()).filter(l -> l != null).forEach(labels::putAll);
        // the API server sets this label on every namespace
        labels.put("kubernetes.io/metadata.name", namespace);
        return labels;
    }

    public static String namespaceOf(HasMetadata o) {
        String ns = o.getMetadata().getNamespace();
        return ns == null ? "default" : ns;
    }

    public List<Workload> workloads() {
        return Stream.concat(
                all(Deployment.class).stream().map(d -> new Workload("Deployment", d.getMetadata().getName(),
                        namespaceOf(d), d.getSpec().getTemplate(), d)),
                all(StatefulSet.class).stream().map(s -> new Workload("StatefulSet", s.getMetadata().getName(),
                        namespaceOf(s), s.getSpec().getTemplate(), s)))
                .toList();
    }

    public Optional<ConfigMap> configMap(String namespace, String name) {
        return named(ConfigMap.class, namespace, name);
    }

    public Optional<Secret> secret(String namespace, String name) {
        return named(Secret.class, namespace, name);
    }

    public Optional<Manifests.ExternalSecret> externalSecret(String name) {
        return externalSecrets.stream().filter(s -> name.equals(s.name())).findFirst();
    }

    public Optional<Service> service(String namespace, String name) {
        return named(Service.class, namespace, name);
    }

    public List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    public List<Ingress> ingresses() {
        return all(Ingress.class);
    }

    public List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    public List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }
}
