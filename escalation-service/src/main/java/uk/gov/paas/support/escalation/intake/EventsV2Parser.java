package uk.gov.paas.support.escalation.intake;

import java.security.SecureRandom;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Reads an Events API v2 body as PagerDuty does: every error collected, in a stable order, never an exception.
 * Where PagerDuty's own behaviour would lose a page over a detail (a timestamp we cannot read, a summary over
 * 1024 characters) we keep the page: the timestamp is dropped and the summary truncated, since a missed page is
 * the worst failure this product can have.
 */
public final class EventsV2Parser {

    /** sealed result: a valid event, or PagerDuty's "invalid event" with every error. */
    public sealed interface ParseResult {
        record Valid(AlertEvent event) implements ParseResult {
        }

        record Invalid(String message, List<String> errors) implements ParseResult {
        }
    }

    /** PagerDuty's limit for one event: 512 KB. A larger body is refused as an invalid event. */
    public static final int MAX_BODY_BYTES = 512 * 1024;
    public static final int ROUTING_KEY_LENGTH = 32;
    public static final int MAX_SUMMARY = 1024;
    public static final int MAX_DEDUP_KEY = 255;
    static final String INVALID = "Event object is invalid";
    /** PagerDuty's answer to a body that is not JSON (PagerDuty/api-schema openapiv3.json): status "Unrecognized object". */
    public static final String UNRECOGNIZED = "Event object format is unrecognized";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** ISO 8601 with the offset written +00:00, +0000 or Z (PagerDuty's own example uses +0000). */
    private static final DateTimeFormatter OFFSET_NO_COLON = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HHMM", "Z").toFormatter(Locale.ROOT);

    private final ObjectMapper json;

    public EventsV2Parser(ObjectMapper json) {
        // a copy with a nesting limit, so a hostile body cannot exhaust the stack
        this.json = json.copy();
        this.json.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    }

    public EventsV2Parser() {
        this(new ObjectMapper(new JsonFactory()));
    }

    /** A dedup key for a trigger that came without one: 32 random hex characters, returned in the 202. */
    public String generateDedupKey() {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public ParseResult parse(byte[] body) {
        if (body == null || body.length == 0) {
            return new ParseResult.Invalid(INVALID, List.of("Event body is empty"));
        }
        if (body.length > MAX_BODY_BYTES) {
            return new ParseResult.Invalid(INVALID, List.of("Event is " + body.length + " bytes; the limit is 512 KB"));
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (Exception | StackOverflowError e) {
            return new ParseResult.Invalid(UNRECOGNIZED, List.of("JSON parse error"));
        }
        if (root == null || !root.isObject()) {
            return new ParseResult.Invalid(INVALID, List.of("Event must be a JSON object"));
        }
        List<String> errors = new ArrayList<>();

        String routingKey = text(root, "routing_key", "routing_key", errors);
        if (routingKey == null || routingKey.isBlank()) {
            errors.add("'routing_key' is missing or blank");
        } else if (routingKey.length() != ROUTING_KEY_LENGTH) {
            errors.add("Length of 'routing_key' is incorrect (should be 32 characters)");
        }

        String actionText = text(root, "event_action", "event_action", errors);
        EventAction action = null;
        if (actionText == null || actionText.isBlank()) {
            errors.add("'event_action' is missing or blank");
        } else {
            try {
                action = EventAction.valueOf(actionText.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                errors.add("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')");
            }
        }

        String dedupKey = text(root, "dedup_key", "dedup_key", errors);
        if (dedupKey != null && dedupKey.isBlank()) {
            dedupKey = null;
        }
        if (dedupKey != null && dedupKey.length() > MAX_DEDUP_KEY) {
            errors.add("Length of 'dedup_key' is too long (maximum is 255 characters)");
        }
        if (dedupKey == null && (action == EventAction.ACKNOWLEDGE || action == EventAction.RESOLVE)) {
            errors.add("'dedup_key' is missing or blank (required to " + action.wire() + ")");
        }

        JsonNode payload = root.get("payload");
        String summary = null;
        String source = null;
        AlertSeverity severity = null;
        Instant timestamp = null;
        String component = null;
        String group = null;
        String eventClass = null;
        JsonNode customDetails = null;
        boolean payloadPresent = payload != null && !payload.isNull();
        if (payloadPresent && !payload.isObject()) {
            errors.add("'payload' must be an object");
        } else if (!payloadPresent) {
            if (action == EventAction.TRIGGER) {
                errors.add("'payload' is missing (required to trigger)");
            }
        } else {
            summary = text(payload, "summary", "payload.summary", errors);
            source = text(payload, "source", "payload.source", errors);
            String severityText = text(payload, "severity", "payload.severity", errors);
            if (action == EventAction.TRIGGER) {
                if ((summary == null || summary.isBlank()) && !wrongType(payload, "summary")) {
                    errors.add("'payload.summary' is missing or blank");
                }
                if ((source == null || source.isBlank()) && !wrongType(payload, "source")) {
                    errors.add("'payload.source' is missing or blank");
                }
                if ((severityText == null || severityText.isBlank()) && !wrongType(payload, "severity")) {
                    errors.add("'payload.severity' is missing or blank");
                }
            }
            if (severityText != null && !severityText.isBlank()) {
                try {
                    severity = AlertSeverity.valueOf(severityText.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    errors.add("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')");
                }
            }
            if (summary != null && summary.length() > MAX_SUMMARY) {
                summary = summary.substring(0, MAX_SUMMARY);
            }
            timestamp = timestamp(text(payload, "timestamp", "payload.timestamp", errors));
            component = text(payload, "component", "payload.component", errors);
            group = text(payload, "group", "payload.group", errors);
            eventClass = text(payload, "class", "payload.class", errors);
            customDetails = payload.get("custom_details");
        }

        String client = text(root, "client", "client", errors);
        String clientUrl = text(root, "client_url", "client_url", errors);
        List<AlertEvent.Link> links = new ArrayList<>();
        JsonNode linksNode = root.get("links");
        if (linksNode != null && !linksNode.isNull()) {
            if (!linksNode.isArray()) {
                errors.add("'links' must be an array");
            } else {
                for (int i = 0; i < linksNode.size(); i++) {
                    JsonNode link = linksNode.get(i);
                    String href = link.isObject() ? text(link, "href", "links[" + i + "].href", errors) : null;
                    if (href == null || href.isBlank()) {
                        errors.add("'links[" + i + "].href' is missing or blank");
                    } else {
                        links.add(new AlertEvent.Link(href, text(link, "text", "links[" + i + "].text", errors)));
                    }
                }
            }
        }
        List<AlertEvent.Image> images = new ArrayList<>();
        JsonNode imagesNode = root.get("images");
        if (imagesNode != null && !imagesNode.isNull()) {
            if (!imagesNode.isArray()) {
                errors.add("'images' must be an array");
            } else {
                for (int i = 0; i < imagesNode.size(); i++) {
                    JsonNode image = imagesNode.get(i);
                    String src = image.isObject() ? text(image, "src", "images[" + i + "].src", errors) : null;
                    if (src == null || src.isBlank()) {
                        errors.add("'images[" + i + "].src' is missing or blank");
                    } else {
                        images.add(new AlertEvent.Image(src, text(image, "href", "images[" + i + "].href", errors),
                                text(image, "alt", "images[" + i + "].alt", errors)));
                    }
                }
            }
        }
        if (!errors.isEmpty()) {
            return new ParseResult.Invalid(INVALID, List.copyOf(errors));
        }
        return new ParseResult.Valid(new AlertEvent(routingKey, action, dedupKey, summary, source, severity, timestamp, component, group,
                eventClass, customDetails == null || customDetails.isNull() ? null : customDetails, client, clientUrl, List.copyOf(links),
                List.copyOf(images)));
    }

    /** A string field; a number or boolean is taken as its text, an object or array is an error. */
    private static String text(JsonNode parent, String name, String path, List<String> errors) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node.isValueNode()) {
            return node.asText();
        }
        errors.add("'" + path + "' must be a string");
        return null;
    }

    /** Present but not a string: already reported as such, not also as missing. */
    private static boolean wrongType(JsonNode parent, String name) {
        JsonNode node = parent.get(name);
        return node != null && !node.isNull() && !node.isValueNode();
    }

    /** ISO 8601 with an offset; anything unreadable is dropped rather than refusing the page. */
    static Instant timestamp(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.strip()).toInstant();
        } catch (RuntimeException notIso) {
            try {
                return OffsetDateTime.parse(text.strip(), OFFSET_NO_COLON).toInstant();
            } catch (RuntimeException unreadable) {
                return null;
            }
        }
    }
}
