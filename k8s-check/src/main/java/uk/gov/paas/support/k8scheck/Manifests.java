package uk.gov.paas.support.k8scheck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;

/**
 * Parses rendered YAML into the Fabric8 Kubernetes model, strictly: a field the model does not know, or a
 * value of the wrong type, is a violation (the API server would reject it, or worse, drop it silently).
 * Fabric8's classes keep unknown fields in an "additionalProperties" map through {@code @JsonAnySetter};
 * the strict mapper ignores that annotation so Jackson's FAIL_ON_UNKNOWN_PROPERTIES applies.
 * Custom resources (CloudNativePG) have no schema here: they are read as GenericKubernetesResource and the
 * fields we rely on are checked by {@link Checks}.
 */
public final class Manifests {

    /** The kinds the overlays may contain, each with the typed model it must parse into. */
    static final Map<String, Class<? extends HasMetadata>> TYPED = Map.of(
            "v1/Namespace", Namespace.class,
            "v1/ConfigMap", ConfigMap.class,
            "v1/Secret", Secret.class,
            "v1/Service", Service.class,
            "apps/v1/Deployment", Deployment.class,
            "apps/v1/StatefulSet", StatefulSet.class,
            "policy/v1/PodDisruptionBudget", PodDisruptionBudget.class,
            "autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class,
            "networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class,
            "networking.k8s.io/v1/Ingress", Ingress.class);

    /** Custom resources we know by name, without a typed model. */
    static final List<String> CUSTOM = List.of("postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io/v1/Database");

    private static final ObjectMapper YAML = new YAMLMapper();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            // the API server refuses "2" for an integer and 2 for a string; so do we
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .annotationIntrospector(new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(Annotated a) {
                    return Boolean.FALSE;
                }
            })
            .build();

    private static final ObjectMapper LENIENT = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    private Manifests() {
    }

    /** Every document of a rendered overlay, with the schema violations found while reading it. */
    public static Rendered parse(String yaml, List<ExternalSecret> externalSecrets) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        try {
            for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(new YAMLFactory().createParser(yaml)).readAll()) {
                if (doc == null || doc.isNull() || doc.isEmpty()) {
                    continue;
                }
                String apiVersion = doc.path("apiVersion").asText();
                String kind = doc.path("kind").asText();
                String name = doc.path("metadata").path("name").asText("<no name>");
                String key = apiVersion + "/" + kind;
                Class<? extends HasMetadata> type = TYPED.get(key);
                if (type != null) {
                    objects.add(strict(doc, type, kind + " " + name, violations));
                } else if (CUSTOM.contains(key)) {
                    objects.add(LENIENT.treeToValue(doc, GenericKubernetesResource.class));
                } else {
                    violations.add("[schema] " + kind + " " + name + ": " + key + " is not a kind k8s-check knows;"
                            + " add its model to Manifests.TYPED (or CUSTOM) so it is checked");
                }
            }
        } catch (IOException e) {
            violations.add("[schema] the rendered YAML does not parse: " + e.getMessage());
        }
        return new Rendered(objects, violations, externalSecrets);
    }

    private static <T extends HasMetadata> T strict(JsonNode doc, Class<T> type, String what, List<String> violations)
            throws JsonProcessingException {
        JsonNode tree = doc.deepCopy();
        for (int attempt = 0; attempt < 50; attempt++) {
            try {
                return STRICT.treeToValue(tree, type);
            } catch (JsonMappingException e) {
                violations.add("[schema] " + what + ": " + describe(e));
                // drop the offending field and read on, so each bad field is reported once and the
                // rest of the object is still checked by the other rules
                if (!remove(tree, e.getPath())) {
                    break;
                }
            }
        }
        return LENIENT.treeToValue(tree, type);
    }

    private static boolean remove(JsonNode tree, List<JsonMappingException.Reference> path) {
        if (path.isEmpty()) {
            return false;
        }
        JsonNode parent = tree;
        for (JsonMappingException.Reference ref : path.subList(0, path.size() - 1)) {
            parent = ref.getFieldName() != null ? parent.path(ref.getFieldName()) : parent.path(ref.getIndex());
        }
        JsonMappingException.Reference last = path.get(path.size() - 1);
        if (parent instanceof com.fasterxml.jackson.databind.node.ObjectNode object && last.getFieldName() != null) {
            return object.remove(last.getFieldName()) != null;
        }
        if (parent instanceof com.fasterxml.jackson.databind.node.ArrayNode array && last.getIndex() >= 0) {
            return array.remove(last.getIndex()) != null;
        }
        return false;
    }

    static String describe(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining()).replaceFirst("^\\.", "");
        if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException) {
            return "unknown field " + path;
        }
        return "invalid value at " + path + " (" + e.getOriginalMessage().lines().findFirst().orElse("") + ")";
    }

    /** Reads an overlay's list of Secrets created out of band; none when the file is absent. */
    public static List<ExternalSecret> externalSecrets(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            return List.of(YAML.readValue(file.toFile(), ExternalSecret[].class));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** A Secret the platform team creates before applying an overlay (external-secrets.yaml). */
    public record ExternalSecret(String name, String type, List<String> keys, String holds) {
        public Optional<List<String>> keyList() {
            return Optional.ofNullable(keys);
        }
    }
}
