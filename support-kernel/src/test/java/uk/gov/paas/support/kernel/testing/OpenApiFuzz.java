package uk.gov.paas.support.kernel.testing;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import uk.gov.paas.support.local.DevTokens;

/**
 * A fuzz run driven by the running service's own {@code /q/openapi}: for every operation it sends valid, boundary and
 * malformed requests as every kind of caller, and fails on
 * <ul>
 * <li>any 5xx;</li>
 * <li>any 2xx to a caller the route's {@code @RolesAllowed}/{@code @PermitAll} does not let in (read by
 * {@link AccessTable#fromCode}), or to a tenant on a resource another organisation's tenant created;</li>
 * <li>any 4xx that is not problem+json, or that changed a row: every table of the service's schema (outbox included) is
 * read before each request as (row count, newest {@code xmin}), which any insert, update or delete changes, and again
 * after a 4xx.</li>
 * </ul>
 * Requests are sent one at a time (so a change is the request's own; the test profile runs no scheduled job) from a
 * {@link Random} seeded by {@value #SEED_PROPERTY} (printed, so a failure reproduces), {@value #REQUESTS_PROPERTY} of them
 * ({@code fuzz.requests.<service>} for one service). Path parameters take ids the service itself answered (a list's
 * {@code items[].id}, a created resource's {@code id}), ids given by {@link #ids}, or odd ones.
 */
public final class OpenApiFuzz {

    public static final String SEED_PROPERTY = "fuzz.seed";
    public static final String REQUESTS_PROPERTY = "fuzz.requests";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");
    private static final int MAX_FAILURES_SHOWN = 25;
    /** Refused by Vert.x's HTTP parser before any route runs (request line or headers too long): no body of ours. */
    private static final Set<Integer> HTTP_CODEC_REFUSALS = Set.of(414, 431);

    /** Who calls: the role the access check knows it by ({@code anonymous} for none), its header, its organisation. */
    public record Caller(String name, String role, String authorization, String organisation) {
    }

    /** One operation of the OpenAPI document. */
    record Operation(String method, String path, JsonNode spec, Set<String> allowed) {
        @Override
        public String toString() {
            return method.toUpperCase(Locale.ROOT) + " " + path;
        }
    }

    /** What a run saw, per service. */
    public record Result(String service, long seed, int requests, int ok2xx, int client4xx, int server5xx, int writesOn4xx,
            int leaks, double seconds, List<String> failures) {
        public String summary() {
            return String.format(Locale.ROOT, "OpenApiFuzz %s: seed=%d requests=%d 2xx=%d 4xx=%d 5xx=%d writes-on-4xx=%d"
                    + " role-leaks=%d seconds=%.1f", service, seed, requests, ok2xx, client4xx, server5xx, writesOn4xx, leaks, seconds);
        }
    }

    private final String base;
    private final DataSource dataSource;
    private final Map<AccessTable.Route, Set<String>> allowed = new HashMap<>();
    private final Map<String, List<String>> pool = new HashMap<>();
    private final Map<String, String> owners = new HashMap<>();
    private final Map<String, List<JsonNode>> values = new HashMap<>();
    private final Set<String> excluded = new LinkedHashSet<>();
    private final List<Caller> callers = new ArrayList<>();
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    private JsonNode document;
    private Random random;
    private String snapshotSql;

    private OpenApiFuzz(String base, DataSource dataSource, Collection<Class<?>> resources) {
        this.base = base;
        this.dataSource = dataSource;
        AccessTable.fromCode(resources).routes().forEach((route, access) -> allowed.put(route, access.roles()));
        callers.add(new Caller("anonymous", "anonymous", null, null));
        callers.add(new Caller("bad-token", "anonymous", "Bearer not.a.token", null));
        callers.add(new Caller("tenant-without-org", "anonymous",
                "Bearer " + DevTokens.mintUnchecked("fuzz-no-org@example.org", List.of("tenant", "admin"), Map.of()), null));
        callers.add(new Caller("tenant-acme", "tenant", "Bearer " + DevTokens.tenant("acme"), "acme"));
        callers.add(new Caller("tenant-globex", "tenant", "Bearer " + DevTokens.tenant("globex"), "globex"));
        for (String role : List.of("agent", "admin", "service")) {
            callers.add(new Caller(role, role, "Bearer " + DevTokens.forRole(role), null));
        }
    }

    /** A fuzzer of the application this {@code @QuarkusTest} runs (REST Assured's base URI and port, its resource beans). */
    public static OpenApiFuzz forThisApplication(DataSource dataSource) {
        return of(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port, dataSource, AccessTable.resourceBeans());
    }

    /** A fuzzer of the service at {@code base} (scheme, host and port), whose tables {@code dataSource} reaches. */
    public static OpenApiFuzz of(String base, DataSource dataSource, Collection<Class<?>> resources) {
        return new OpenApiFuzz(base, dataSource, resources);
    }

    /** Real values for the path parameter that follows {@code prefix} (a path template, e.g. {@code /api/rotas}). */
    public OpenApiFuzz ids(String prefix, Collection<?> ids) {
        ids.forEach(id -> addToPool(prefix, String.valueOf(id), null));
        return this;
    }

    /** Plausible values for a body property or query parameter of this name (valid requests pick among them). */
    public OpenApiFuzz values(String name, Object... candidates) {
        for (Object candidate : candidates) {
            values.computeIfAbsent(name, k -> new ArrayList<>()).add(json.valueToTree(candidate));
        }
        return this;
    }

    /** Never use this value as the path parameter after {@code prefix} (a row other tests rely on staying as shipped). */
    public OpenApiFuzz exclude(String prefix, Object value) {
        excluded.add(prefix + "|" + value);
        return this;
    }

    /** How many requests a run sends: {@code fuzz.requests.<service>}, else {@code fuzz.requests}, else the default. */
    public static int requests(String service, int fallback) {
        String value = System.getProperty(REQUESTS_PROPERTY + "." + service, System.getProperty(REQUESTS_PROPERTY));
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }

    /** The seed: {@code fuzz.seed} when set, else a fresh one (printed with the summary). */
    public static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null || value.isBlank() ? System.nanoTime() : Long.parseLong(value.strip());
    }

    /**
     * The fuzz test every service runs: {@code fuzz.requests.<service>} (else {@code fallback}) requests with
     * {@code fuzz.seed} (else a fresh seed); prints the summary and fails on any failure, or when too few requests got a
     * 2xx to have reached the code behind validation (the run would then prove only the front door).
     */
    public Result check(String service, int fallback) throws Exception {
        Result result = run(service, requests(service, fallback), seed());
        System.out.println(result.summary());
        org.junit.jupiter.api.Assertions.assertTrue(result.failures().isEmpty(),
                result.summary() + "\n" + String.join("\n", result.failures()));
        org.junit.jupiter.api.Assertions.assertTrue(result.ok2xx() > result.requests() / 20,
                "too few 2xx to have reached the code behind validation: " + result.summary());
        return result;
    }

    /** Sends {@code count} requests and reports what they answered; the caller asserts on {@link Result#failures}. */
    public Result run(String service, int count, long seed) throws Exception {
        random = new Random(seed);
        long start = System.nanoTime();
        document = json.readTree(send("GET", "/q/openapi?format=json", null, null, null, Map.of()).body());
        List<Operation> operations = operations();
        snapshotSql = snapshotSql();
        int ok = 0, client = 0, server = 0, writes = 0, leaks = 0;
        Map<String, String> failures = new LinkedHashMap<>();
        int failed = 0;
        Map<String, String> previous = null;
        for (int i = 0; i < count; i++) {
            Operation operation = operations.get(random.nextInt(operations.size()));
            Caller caller = pickCaller(operation);
            Request request = build(operation, caller);
            // sent one at a time with no job running: the tables as the last request left them are this one's "before"
            Map<String, String> before = previous == null ? snapshot() : previous;
            previous = null;
            HttpResponse<String> response;
            try {
                response = send(operation.method().toUpperCase(Locale.ROOT), request.target, caller.authorization(), request.contentType,
                        request.body, request.headers);
            } catch (IOException e) {
                // the server may close a connection after answering a refused body; that is an answer, not a failure
                continue;
            }
            int status = response.statusCode();
            String problem = null;
            if (status >= 500) {
                server++;
                problem = "answered " + status;
            } else if (status >= 200 && status < 300) {
                ok++;
                if (!operation.allowed().contains("anonymous") && !operation.allowed().contains(caller.role())) {
                    leaks++;
                    problem = "answered " + status + " to " + caller.name() + ", but only " + operation.allowed() + " may call it";
                } else if (caller.organisation() != null && request.owner != null && !request.owner.equals(caller.organisation())) {
                    leaks++;
                    problem = "answered " + status + " to " + caller.name() + " on a resource of " + request.owner;
                } else {
                    learn(operation, request, caller, response);
                }
            } else if (status >= 400) {
                client++;
                Map<String, String> after = snapshot();
                previous = after;
                if (!after.equals(before)) {
                    writes++;
                    problem = "answered " + status + " but changed " + changed(before, after);
                } else if (request.target.startsWith("/api/") && !HTTP_CODEC_REFUSALS.contains(status)
                        && !response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json")) {
                    problem = "answered " + status + " as " + response.headers().firstValue("Content-Type").orElse("no content type")
                            + ", not application/problem+json";
                }
            }
            if (problem != null) {
                failed++;
                String key = operation + " " + problem.replaceAll("\\d{3}", "xxx").replaceAll(" to [a-z-]+", "");
                failures.putIfAbsent(key, "#" + i + " " + caller.name() + " " + operation.method().toUpperCase(Locale.ROOT) + " "
                        + shorten(request.target) + (request.body == null ? "" : " body " + shorten(request.body)) + " -> " + problem
                        + ": " + shorten(response.body()));
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        List<String> shown = failures.values().stream().limit(MAX_FAILURES_SHOWN).collect(Collectors.toList());
        if (failed > 0) {
            shown.add(0, failed + " failing requests (" + failures.size() + " kinds); reproduce with -D" + SEED_PROPERTY + "=" + seed
                    + " -D" + REQUESTS_PROPERTY + "." + service + "=" + count);
        }
        return new Result(service, seed, count, ok, client, server, writes, leaks, seconds, shown);
    }

    // ---------------------------------------------------------------- the document

    private List<Operation> operations() {
        List<Operation> out = new ArrayList<>();
        document.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            if (METHODS.contains(op.getKey())) {
                AccessTable.Route route = new AccessTable.Route(op.getKey().toUpperCase(Locale.ROOT), AccessTable.normalise(path.getKey()));
                // a route the scan does not know lets nobody in: any 2xx on it fails the run
                out.add(new Operation(op.getKey(), path.getKey(), op.getValue(), allowed.getOrDefault(route, Set.of())));
            }
        }));
        out.sort((a, b) -> a.toString().compareTo(b.toString()));
        if (out.isEmpty()) {
            throw new IllegalStateException("/q/openapi lists no operation");
        }
        return out;
    }

    private JsonNode resolve(JsonNode schema) {
        for (int depth = 0; schema != null && schema.has("$ref") && depth < 20; depth++) {
            String ref = schema.get("$ref").asText();
            schema = document.at(ref.substring(1));
        }
        if (schema != null && schema.has("allOf")) {
            ObjectNode merged = NODES.objectNode();
            ObjectNode properties = merged.putObject("properties");
            ArrayNode required = merged.putArray("required");
            merged.put("type", "object");
            for (JsonNode part : schema.get("allOf")) {
                JsonNode p = resolve(part);
                if (p.has("properties")) {
                    properties.setAll((ObjectNode) p.get("properties"));
                }
                p.path("required").forEach(required::add);
                if (!p.has("properties") && p.has("type")) {
                    return p;
                }
            }
            return merged;
        }
        for (String choice : List.of("oneOf", "anyOf")) {
            if (schema != null && schema.has(choice) && schema.get(choice).size() > 0) {
                JsonNode options = schema.get(choice);
                return resolve(options.get(random.nextInt(options.size())));
            }
        }
        return schema == null ? NODES.objectNode() : schema;
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.get("type");
        if (type == null) {
            return schema.has("properties") ? "object" : schema.has("items") ? "array" : schema.has("enum") ? "string" : "any";
        }
        if (type.isArray()) {
            for (JsonNode t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
            return "null";
        }
        return type.asText();
    }

    // ---------------------------------------------------------------- requests

    private enum Mode { VALID, BOUNDARY, MALFORMED }

    private static final class Request {
        String target;
        String contentType;
        String body;
        String owner;
        final Map<String, String> headers = new TreeMap<>();
    }

    private Caller pickCaller(Operation operation) {
        if (random.nextInt(10) < 6) {
            List<Caller> let = callers.stream().filter(c -> operation.allowed().contains("anonymous")
                    ? c.authorization() == null || random.nextBoolean() : operation.allowed().contains(c.role())).toList();
            if (!let.isEmpty()) {
                return let.get(random.nextInt(let.size()));
            }
        }
        return callers.get(random.nextInt(callers.size()));
    }

    private Request build(Operation operation, Caller caller) {
        Mode mode = Mode.values()[random.nextInt(3)];
        Request request = new Request();
        List<JsonNode> parameters = new ArrayList<>();
        operation.spec().path("parameters").forEach(p -> parameters.add(p.has("$ref") ? resolve(p) : p));
        // which one parameter or body carries the odd value: -1 is the body
        int odd = mode == Mode.VALID ? Integer.MIN_VALUE : random.nextInt(parameters.size() + 1) - 1;
        boolean hasBody = operation.spec().has("requestBody");
        if (odd == -1 && !hasBody && !parameters.isEmpty()) {
            odd = random.nextInt(parameters.size());
        }

        StringBuilder path = new StringBuilder();
        String template = operation.path();
        int at = 0;
        while (at < template.length()) {
            int open = template.indexOf('{', at);
            if (open < 0) {
                path.append(template, at, template.length());
                break;
            }
            path.append(template, at, open);
            int close = template.indexOf('}', open);
            String name = template.substring(open + 1, close).split(":")[0].strip();
            String prefix = AccessTable.normalise(template.substring(0, open));
            int index = indexOf(parameters, name, "path");
            JsonNode schema = index < 0 ? NODES.objectNode() : resolve(parameters.get(index).path("schema"));
            String value;
            if (index == odd) {
                value = mode == Mode.BOUNDARY ? boundaryText(schema) : malformedText();
            } else {
                List<String> known = pool.getOrDefault(prefix, List.of());
                if (!known.isEmpty() && random.nextInt(10) < 9) {
                    value = known.get(random.nextInt(known.size()));
                    String owner = owners.get(prefix + "|" + value);
                    if (owner != null) {
                        request.owner = owner;
                    }
                } else {
                    value = text(valid(name, schema, 0));
                }
            }
            if (excluded.contains(prefix + "|" + value) && !"get".equals(operation.method())) {
                value = "999999999";
            }
            path.append(encodePathSegment(value));
            at = close + 1;
        }

        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new TreeMap<>();
        for (int i = 0; i < parameters.size(); i++) {
            JsonNode parameter = parameters.get(i);
            String in = parameter.path("in").asText();
            String name = parameter.path("name").asText();
            if (in.equals("path")) {
                continue;
            }
            JsonNode schema = resolve(parameter.path("schema"));
            String value;
            if (i == odd) {
                value = mode == Mode.BOUNDARY ? boundaryText(schema) : malformedText();
            } else if (parameter.path("required").asBoolean() || random.nextInt(3) == 0) {
                value = text(valid(name, schema, 0));
            } else {
                continue;
            }
            if (in.equals("query")) {
                query.append(query.length() == 0 ? '?' : '&').append(URLEncoder.encode(name, StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            } else if (in.equals("header") && value.chars().noneMatch(c -> c < 0x20 || c > 0x7e)) {
                headers.put(name, value);
            }
        }
        request.target = path + query.toString();
        if (hasBody) {
            body(request, operation, mode, odd == -1 || mode == Mode.MALFORMED && random.nextBoolean());
        }
        request.headers.putAll(headers);
        return request;
    }

    private static int indexOf(List<JsonNode> parameters, String name, String in) {
        for (int i = 0; i < parameters.size(); i++) {
            if (parameters.get(i).path("name").asText().equals(name) && parameters.get(i).path("in").asText().equals(in)) {
                return i;
            }
        }
        return -1;
    }

    private void body(Request request, Operation operation, Mode mode, boolean oddBody) {
        JsonNode content = operation.spec().path("requestBody").path("content");
        List<String> types = new ArrayList<>();
        content.fieldNames().forEachRemaining(types::add);
        String type = types.isEmpty() ? "application/json" : types.get(random.nextInt(types.size()));
        JsonNode schema = resolve(content.path(type).path("schema"));
        request.contentType = type;
        if (type.contains("json")) {
            JsonNode value = valid("body", schema, 0);
            if (!oddBody) {
                request.body = value.toString();
            } else if (mode == Mode.BOUNDARY) {
                request.body = replaceLeaf(value, schema, true).toString();
            } else {
                request.body = malformedJson(value, schema);
            }
        } else if (type.contains("x-www-form-urlencoded")) {
            JsonNode value = valid("body", schema, 0);
            StringBuilder form = new StringBuilder();
            value.fields().forEachRemaining(f -> form.append(form.length() == 0 ? "" : "&")
                    .append(URLEncoder.encode(f.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(oddBody ? (mode == Mode.BOUNDARY ? boundaryText(NODES.objectNode()) : malformedText())
                            : text(f.getValue()), StandardCharsets.UTF_8)));
            request.body = form.toString();
        } else {
            request.body = oddBody ? (mode == Mode.BOUNDARY ? boundaryText(NODES.objectNode()) : malformedText()) : rawMessage();
        }
        if (mode == Mode.MALFORMED && random.nextInt(8) == 0) {
            request.contentType = List.of("text/plain", "application/xml", "application/json; charset=utf-16", "").get(random.nextInt(4));
        }
    }

    private String rawMessage() {
        String from = List.of("jo@acme.example", "ops@tenant.example", "mailer-daemon@example.org", "\"Odd\" <x@y>", "")
                .get(random.nextInt(5));
        return "From: " + from + "\r\nTo: support@support.example\r\nSubject: fuzz " + random.nextInt(1000)
                + (random.nextBoolean() ? " [EMERGENCY]" : "") + "\r\nMessage-ID: <" + random.nextLong() + "@fuzz>\r\n"
                + (random.nextBoolean() ? "Auto-Submitted: auto-replied\r\n" : "") + "\r\nA body " + word() + "\r\n";
    }

    /** A value the schema accepts, with names the test declared plausible values for taking one of them. */
    private JsonNode valid(String name, JsonNode schema, int depth) {
        List<JsonNode> plausible = values.get(name);
        if (plausible != null && random.nextInt(10) < 8) {
            return plausible.get(random.nextInt(plausible.size()));
        }
        schema = resolve(schema);
        if (schema.has("enum") && schema.get("enum").size() > 0) {
            JsonNode options = schema.get("enum");
            return options.get(random.nextInt(options.size()));
        }
        switch (type(schema)) {
            case "object": {
                ObjectNode object = NODES.objectNode();
                Set<String> required = new LinkedHashSet<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                if (depth < 4) {
                    schema.path("properties").fields().forEachRemaining(p -> {
                        if (required.contains(p.getKey()) || random.nextInt(10) < 7) {
                            object.set(p.getKey(), valid(p.getKey(), p.getValue(), depth + 1));
                        }
                    });
                    JsonNode additional = schema.get("additionalProperties");
                    if (additional != null && additional.isObject() && random.nextBoolean()) {
                        object.set(word(), valid("additional", additional, depth + 1));
                    }
                }
                return object;
            }
            case "array": {
                ArrayNode array = NODES.arrayNode();
                int n = depth < 4 ? random.nextInt(3) : 0;
                for (int i = 0; i < n; i++) {
                    array.add(valid(name, schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer": {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(Math.max(min, 0) + 200);
                return NODES.numberNode(min + (long) (random.nextDouble() * (Math.min(max, min + 1000) - min + 1)));
            }
            case "number":
                return NODES.numberNode(random.nextInt(1000) / 10.0);
            case "boolean":
                return NODES.booleanNode(random.nextBoolean());
            case "string":
                return TextNode.valueOf(validString(name, schema));
            default:
                return TextNode.valueOf(word());
        }
    }

    private String validString(String name, JsonNode schema) {
        String format = schema.path("format").asText("");
        Instant near = Instant.parse("2026-12-02T12:00:00Z").plusSeconds((long) (random.nextGaussian() * 86_400 * 20));
        switch (format) {
            case "date-time":
                return near.toString();
            case "date":
                return LocalDate.ofInstant(near, java.time.ZoneOffset.UTC).toString();
            case "local-time":
            case "time":
                return String.format(Locale.ROOT, "%02d:%02d:00", random.nextInt(24), random.nextInt(4) * 15);
            case "email":
                return "fuzz" + random.nextInt(50) + "@example.org";
            case "uri":
            case "url":
                return "https://example.org/" + word();
            case "uuid":
                return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
            case "duration":
                return "PT" + (1 + random.nextInt(48)) + "H";
            case "int64":
            case "int32":
                return String.valueOf(random.nextInt(100));
            default:
                break;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.contains("email") || lower.equals("to") || lower.equals("from") && !schema.has("format")) {
            return lower.equals("from") ? near.toString() : "fuzz" + random.nextInt(50) + "@example.org";
        }
        if (lower.endsWith("at") && lower.length() > 2 || lower.equals("until") || lower.equals("since")) {
            return near.toString();
        }
        int max = schema.path("maxLength").asInt(40);
        int min = schema.path("minLength").asInt(1);
        String word = word();
        while (word.length() < min) {
            word += word();
        }
        return word.length() > max ? word.substring(0, Math.max(min, max)) : word;
    }

    private static final String[] WORDS = {"paas", "cell", "router", "ops", "deploy", "acme", "quota", "outage", "cf", "tenant"};

    private String word() {
        return WORDS[random.nextInt(WORDS.length)] + random.nextInt(100);
    }

    private static final List<String> FAR_INSTANTS = List.of("+300000-01-01T00:00:00Z", "-5000-01-01T00:00:00Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "1900-01-01T00:00:00Z", "+1000000000-12-31T23:59:59.999999999Z",
            "-1000000000-01-01T00:00:00Z", "1970-01-01T00:00:00Z");

    private String boundaryText(JsonNode schema) {
        String type = type(schema);
        String format = schema.path("format").asText("");
        if (format.equals("date-time") || random.nextInt(6) == 0) {
            return FAR_INSTANTS.get(random.nextInt(FAR_INSTANTS.size()));
        }
        if (format.equals("date") && random.nextBoolean()) {
            return List.of("+300000-01-01", "-5000-01-01", "0000-01-01", "9999-12-31").get(random.nextInt(4));
        }
        List<String> numbers = List.of("0", "-1", "1", "2147483647", "2147483648", "-2147483648", "9223372036854775807",
                "-9223372036854775808", "4294967", "4294968", "500", "501", "99999999999999999999", "1e309", "0.5");
        if (type.equals("integer") || type.equals("number") || random.nextBoolean()) {
            return numbers.get(random.nextInt(numbers.size()));
        }
        return List.of("", " ", "a".repeat(256), "x".repeat(5_000), "é".repeat(300), "😀".repeat(100)).get(random.nextInt(6));
    }

    private String malformedText() {
        return List.of("abc", "a\u0000b", "\u0000", "line\nbreak", "tab\there", "\u0007bell", "\u001b[31m", "' or 1=1 --", "../../etc",
                "%", "\uD800", "NaN", "null", "true", "[]", "{}", "-", "1.5", "0x10", " 1", "\u202Eevil", "<script>", "UNKNOWN_VALUE",
                "P0", "p1", "open ", "\u00a0").get(random.nextInt(27));
    }

    /** One leaf (or the value itself) replaced by a boundary value (or, when {@code boundary} is false, an odd one). */
    private JsonNode replaceLeaf(JsonNode value, JsonNode schema, boolean boundary) {
        if (value instanceof ObjectNode object && object.size() > 0 && random.nextInt(5) > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            String name = names.get(random.nextInt(names.size()));
            JsonNode fieldSchema = resolve(resolve(schema).path("properties").path(name));
            ObjectNode copy = object.deepCopy();
            copy.set(name, replaceLeaf(copy.get(name), fieldSchema, boundary));
            return copy;
        }
        if (value instanceof ArrayNode array && array.size() > 0 && random.nextBoolean()) {
            ArrayNode copy = array.deepCopy();
            int i = random.nextInt(array.size());
            copy.set(i, replaceLeaf(copy.get(i), resolve(schema).path("items"), boundary));
            return copy;
        }
        String text = boundary ? boundaryText(resolve(schema)) : malformedText();
        if (random.nextInt(3) == 0) {
            try {
                return json.readTree(text); // the number as a JSON number
            } catch (IOException | RuntimeException notANumber) {
                // stays text
            }
        }
        return TextNode.valueOf(text);
    }

    private String malformedJson(JsonNode value, JsonNode schema) {
        String valid = value.toString();
        switch (random.nextInt(12)) {
            case 0:
                return valid.substring(0, random.nextInt(Math.max(1, valid.length())));
            case 1:
                return "[".repeat(2_000 + random.nextInt(3_000)) + "]".repeat(random.nextInt(2) * 5_000);
            case 2: {
                String nested = "{\"a\":".repeat(1_500) + "1" + "}".repeat(1_500);
                return value instanceof ObjectNode && value.size() > 0 ? "{\"deep\":" + nested + "," + valid.substring(1) : nested;
            }
            case 3:
                return List.of("", "null", "[]", "\"text\"", "42", "true", "{", "}", "{\"a\":}", "{'a':1}", "\u0000",
                        "{\"a\":1,\"a\":2}").get(random.nextInt(12));
            case 4: {
                if (value instanceof ObjectNode object) {
                    ObjectNode copy = object.deepCopy();
                    copy.put("unknownField" + random.nextInt(5), malformedText());
                    return copy.toString();
                }
                return valid;
            }
            case 5: {
                if (value instanceof ObjectNode object && object.size() > 0) {
                    ObjectNode copy = object.deepCopy();
                    Iterator<String> names = copy.fieldNames();
                    names.next();
                    names.remove();
                    return copy.toString();
                }
                return "{}";
            }
            case 6:
                return replaceWrongType(value).toString();
            default:
                return replaceLeaf(value, schema, false).toString();
        }
    }

    private JsonNode replaceWrongType(JsonNode value) {
        if (value instanceof ObjectNode object && object.size() > 0) {
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            ObjectNode copy = object.deepCopy();
            String name = names.get(random.nextInt(names.size()));
            JsonNode old = copy.get(name);
            JsonNode replacement = switch (random.nextInt(5)) {
                case 0 -> old.isTextual() ? NODES.numberNode(1) : TextNode.valueOf("abc");
                case 1 -> NODES.objectNode().put("x", 1);
                case 2 -> NODES.arrayNode().add("a").add(2);
                case 3 -> NODES.nullNode();
                default -> NODES.booleanNode(true);
            };
            copy.set(name, replacement);
            return copy;
        }
        return NODES.arrayNode().add(value);
    }

    private static String text(JsonNode node) {
        return node.isValueNode() ? node.asText() : node.toString();
    }

    private static String encodePathSegment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- learning ids from answers

    private void learn(Operation operation, Request request, Caller caller, HttpResponse<String> response) {
        String type = response.headers().firstValue("Content-Type").orElse("");
        if (!type.contains("json") || response.body().isEmpty()) {
            return;
        }
        JsonNode answer;
        try {
            answer = json.readTree(response.body());
        } catch (IOException e) {
            return;
        }
        String prefix = AccessTable.normalise(operation.path().replaceAll("\\{[^}]*}", "{}"));
        // a resource created or read at /x/{} belongs to /x; a list at /x names ids under /x
        String collection = prefix;
        if (!"post".equals(operation.method()) && prefix.endsWith("/{}")) {
            collection = prefix.substring(0, prefix.length() - 3);
        }
        String owner = "post".equals(operation.method()) && caller.organisation() != null ? caller.organisation() : null;
        if (answer.has("id") && answer.get("id").isValueNode()) {
            addToPool(collection, answer.get("id").asText(), owner);
        }
        for (JsonNode item : answer.path("items")) {
            if (item.has("id") && item.get("id").isValueNode()) {
                addToPool(prefix, item.get("id").asText(), null);
            }
        }
        if (answer.isArray()) {
            for (JsonNode item : answer) {
                if (item.has("id") && item.get("id").isValueNode()) {
                    addToPool(prefix, item.get("id").asText(), null);
                }
            }
        }
    }

    private void addToPool(String prefix, String value, String owner) {
        String key = AccessTable.normalise(prefix);
        List<String> known = pool.computeIfAbsent(key, k -> new ArrayList<>());
        if (!known.contains(value)) {
            if (known.size() >= 50) {
                known.remove(random == null ? 0 : random.nextInt(known.size()));
            }
            known.add(value);
        }
        if (owner != null) {
            owners.putIfAbsent(key + "|" + value, owner);
        }
    }

    // ---------------------------------------------------------------- the database

    private String snapshotSql() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select table_name from information_schema.tables where table_schema = current_schema()"
                        + " and table_type = 'BASE TABLE' order by 1")) {
            while (rs.next()) {
                tables.add(rs.getString(1));
            }
        }
        if (tables.isEmpty()) {
            throw new IllegalStateException("the service's schema has no tables to watch");
        }
        return tables.stream().map(t -> "select '" + t + "', count(*), coalesce(max(xmin::text::bigint), 0) from \"" + t + "\"")
                .collect(Collectors.joining(" union all "));
    }

    /** Every table as (rows, newest xmin): an insert or update raises the xmin, a delete lowers the count. */
    private Map<String, String> snapshot() throws SQLException {
        Map<String, String> out = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(snapshotSql)) {
            while (rs.next()) {
                out.put(rs.getString(1), rs.getLong(2) + "@" + rs.getLong(3));
            }
        }
        return out;
    }

    private static String changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(t -> !before.get(t).equals(after.get(t)))
                .map(t -> t + " (" + before.get(t) + " -> " + after.get(t) + ")").collect(Collectors.joining(", "));
    }

    // ---------------------------------------------------------------- HTTP

    private HttpResponse<String> send(String method, String target, String authorization, String contentType, String body,
            Map<String, String> headers) throws IOException, InterruptedException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + target)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        if (contentType != null && !contentType.isEmpty()) {
            builder.header("Content-Type", contentType);
        }
        headers.forEach(builder::header);
        builder.header("Accept", "application/json, application/problem+json, text/html, text/plain, */*");
        return http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String shorten(String text) {
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "..." : oneLine;
    }
}
