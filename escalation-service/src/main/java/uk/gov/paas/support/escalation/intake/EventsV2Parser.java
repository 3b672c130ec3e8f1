package uk.gov.paas.support.escalation.intake;
import java.util.*; import com.fasterxml.jackson.databind.*;
public final class EventsV2Parser {
    public sealed interface ParseResult { record Valid(AlertEvent event) implements ParseResult { } record Invalid(String message, List<String> errors) implements ParseResult { } }
    private final ObjectMapper json; public EventsV2Parser(ObjectMapper json) { this.json = json; }
    public String generateDedupKey() { return UUID.randomUUID().toString().replace("-", ""); }
    public ParseResult parse(byte[] body) {
        try { JsonNode n = json.readTree(body); if (n == null || !n.isObject()) return new ParseResult.Invalid("Event object is invalid", List.of("not an object"));
            List<String> errors = new ArrayList<>(); String rk = n.path("routing_key").asText(null); String action = n.path("event_action").asText("");
            JsonNode p = n.path("payload");
            if (action.equals("trigger") && (p.path("summary").asText("").isBlank())) errors.add("'payload.summary' is missing or blank");
            if (!errors.isEmpty()) return new ParseResult.Invalid("Event object is invalid", errors);
            AlertSeverity sev = p.has("severity") ? AlertSeverity.valueOf(p.get("severity").asText().toUpperCase()) : null;
            return new ParseResult.Valid(new AlertEvent(rk, EventAction.valueOf(action.toUpperCase()), n.path("dedup_key").asText(null), p.path("summary").asText(null), p.path("source").asText(null), sev, null,
                p.path("component").asText(null), p.path("group").asText(null), p.path("class").asText(null), p.get("custom_details"), n.path("client").asText(null), n.path("client_url").asText(null), List.of(), List.of()));
        } catch (Exception e) { return new ParseResult.Invalid("Event object is invalid", List.of("bad")); }
    }
}
