package uk.gov.paas.support.kernel.testing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads an OpenAPI document (as parsed JSON) for 2xx answers that do not say what their body is. The rules are
 * {@link ServiceConventionsContract#everySuccessfulAnswerInTheOpenApiDocumentHasASchema}'s.
 */
public final class OpenApiSchemas {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final Set<String> SCALARS = Set.of("string", "integer", "number", "boolean");

    private OpenApiSchemas() {
    }

    /** Each 2xx answer without a schema that describes its body, as "METHOD /path status media-type: why". */
    @SuppressWarnings("unchecked")
    public static List<String> successesWithoutSchema(Map<String, Object> document) {
        List<String> missing = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        Map<String, Object> schemas = (Map<String, Object>) ((Map<String, Object>) document.getOrDefault("components", Map.of()))
                .getOrDefault("schemas", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, operation) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            String name = method.toUpperCase(Locale.ROOT) + " " + path;
            Map<String, Object> responses = (Map<String, Object>) ((Map<String, Object>) operation).getOrDefault("responses", Map.of());
            if (responses.keySet().stream().noneMatch(code -> code.startsWith("2"))) {
                missing.add(name + ": no 2xx answer documented");
            }
            responses.forEach((code, response) -> {
                if (!code.startsWith("2")) {
                    return;
                }
                Map<String, Object> content = (Map<String, Object>) ((Map<String, Object>) response).get("content");
                if (code.equals("204")) {
                    if (content != null && !content.isEmpty()) {
                        missing.add(name + " 204: documents a body, but a 204 has none");
                    }
                    return;
                }
                if (content == null || content.isEmpty()) {
                    missing.add(name + " " + code + ": no content (only a 204 has no body)");
                    return;
                }
                content.forEach((mediaType, media) -> {
                    Object schema = ((Map<String, Object>) media).get("schema");
                    String why = json(mediaType) ? undescribed(schema, schemas, 0) : schema instanceof Map<?, ?> s && types(s).contains("string") ? null
                            : "a " + mediaType + " body is text: a string schema";
                    if (why != null) {
                        missing.add(name + " " + code + " " + mediaType + ": " + why);
                    }
                });
            });
        }));
        return missing;
    }

    private static boolean json(String mediaType) {
        String type = mediaType.toLowerCase(Locale.ROOT).split(";")[0].strip();
        return type.equals("application/json") || type.endsWith("+json") || type.equals("*/*");
    }

    /** Null when the schema describes a JSON value; otherwise what it lacks. */
    private static String undescribed(Object schema, Map<String, Object> schemas, int depth) {
        if (!(schema instanceof Map<?, ?> s) || s.isEmpty()) {
            return "no schema";
        }
        if (s.get("$ref") instanceof String ref) {
            String name = ref.substring(ref.lastIndexOf('/') + 1);
            if (!schemas.containsKey(name)) {
                return "a $ref to no schema (" + ref + ")";
            }
            String why = depth > 5 ? null : undescribed(schemas.get(name), schemas, depth + 1);
            return why == null ? null : name + ", " + why;
        }
        if (nonEmpty(s.get("oneOf")) || nonEmpty(s.get("anyOf")) || nonEmpty(s.get("allOf"))) {
            return null;
        }
        List<String> types = types(s);
        if (types.stream().anyMatch(SCALARS::contains)) {
            return null;
        }
        if (types.contains("array")) {
            String items = undescribed(s.get("items"), schemas, depth + 1);
            return items == null ? null : "an array whose items have " + items;
        }
        if (types.contains("object") && (nonEmpty(s.get("properties")) || s.get("additionalProperties") instanceof Map<?, ?> a
                && undescribed(a, schemas, depth + 1) == null)) {
            return null;
        }
        return "a schema that says nothing of the body (" + s + ")";
    }

    private static List<String> types(Map<?, ?> schema) {
        Object type = schema.get("type");
        if (type instanceof String t) {
            return List.of(t);
        }
        if (type instanceof Collection<?> c) {
            return c.stream().map(String::valueOf).toList();
        }
        return List.of();
    }

    private static boolean nonEmpty(Object value) {
        return value instanceof Collection<?> c ? !c.isEmpty() : value instanceof Map<?, ?> m && !m.isEmpty();
    }
}
