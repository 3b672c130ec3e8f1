package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** What {@link OpenApiSchemas} counts as a 2xx answer without a schema, on small documents. */
class OpenApiSchemasTest {

    private static Map<String, Object> answer(String code, Map<String, Object> content) {
        Map<String, Object> response = content == null ? Map.of("description", "x") : Map.of("description", "x", "content", content);
        return Map.of("paths", Map.of("/api/things", Map.of("post", Map.of("responses", Map.of(code, response)))),
                "components", Map.of("schemas", Map.of("Thing", Map.of("type", "object", "properties", Map.of("id", Map.of("type", "integer"))),
                        "Nothing", Map.of("type", "object"))));
    }

    private static Map<String, Object> json(Map<String, Object> schema) {
        return Map.of("application/json", Map.of("schema", schema));
    }

    @Test
    void aResponseOrObjectReturnTypeHasNoSchema() {
        assertEquals(List.of("POST /api/things 200 application/json: no schema"), OpenApiSchemas.successesWithoutSchema(answer("200", json(Map.of()))));
        assertTrue(OpenApiSchemas.successesWithoutSchema(answer("200", json(Map.of("type", "object")))).get(0).contains("says nothing"));
        assertTrue(OpenApiSchemas.successesWithoutSchema(answer("201", json(Map.of("$ref", "#/components/schemas/Nothing")))).get(0)
                .contains("Nothing"));
        assertTrue(OpenApiSchemas.successesWithoutSchema(answer("200", json(Map.of("type", "array", "items", Map.of())))).get(0)
                .contains("array"));
        assertEquals(List.of("POST /api/things 202: no content (only a 204 has no body)"), OpenApiSchemas.successesWithoutSchema(answer("202", null)));
    }

    @Test
    void aViewAScalarAnEmpty204AndATextPageAreDescribed() {
        assertEquals(List.of(), OpenApiSchemas.successesWithoutSchema(answer("201", json(Map.of("$ref", "#/components/schemas/Thing")))));
        assertEquals(List.of(), OpenApiSchemas.successesWithoutSchema(answer("200", json(Map.of("type", "array", "items",
                Map.of("$ref", "#/components/schemas/Thing"))))));
        assertEquals(List.of(), OpenApiSchemas.successesWithoutSchema(answer("200", json(Map.of("type", "string")))));
        assertEquals(List.of(), OpenApiSchemas.successesWithoutSchema(answer("204", null)));
        assertEquals(List.of(), OpenApiSchemas.successesWithoutSchema(answer("200", Map.of("text/html", Map.of("schema", Map.of("type", "string"))))));
        assertEquals(List.of("POST /api/things 200 text/calendar: a text/calendar body is text: a string schema"),
                OpenApiSchemas.successesWithoutSchema(answer("200", Map.of("text/calendar", Map.of("schema", Map.of())))));
    }
}
