package uk.gov.paas.support.escalation.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.escalation.intake.EventsV2Parser.ParseResult;

/** The Events API v2 body rules, as PagerDuty applies them, with no Quarkus boot. */
public class EventsV2ParserTest {

    static final String KEY = "0123456789abcdef0123456789abcdef";
    final EventsV2Parser parser = new EventsV2Parser(new ObjectMapper());

    private ParseResult parse(String body) {
        return parser.parse(body.getBytes(StandardCharsets.UTF_8));
    }

    private AlertEvent valid(String body) {
        ParseResult result = parse(body);
        assertInstanceOf(ParseResult.Valid.class, result, () -> result.toString());
        return ((ParseResult.Valid) result).event();
    }

    private List<String> errors(String body) {
        ParseResult result = parse(body);
        assertInstanceOf(ParseResult.Invalid.class, result, () -> result.toString());
        ParseResult.Invalid invalid = (ParseResult.Invalid) result;
        assertEquals("Event object is invalid", invalid.message());
        return invalid.errors();
    }

    /** The trigger example of PagerDuty's "Send an Alert Event" documentation, every field. */
    static final String DOCUMENTED_TRIGGER = """
            {"payload": {"summary": "Example alert on host1.example.com", "timestamp": "2015-07-17T08:42:58.315+0000",
                         "severity": "info", "source": "monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003",
                         "component": "postgres", "group": "prod-datapipe", "class": "deploy",
                         "custom_details": {"ping time": "1500ms", "load avg": 0.75}},
             "routing_key": "%s", "dedup_key": "samplekeyhere", "images": [{"src": "https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png",
             "href": "https://example.com/", "alt": "Example text"}], "links": [{"href": "https://example.com/", "text": "Link text"}],
             "event_action": "trigger", "client": "Sample Monitoring Service", "client_url": "https://monitoring.example.com"}
            """.formatted(KEY);

    @Test
    void theDocumentedTriggerIsReadFieldByField() {
        AlertEvent e = valid(DOCUMENTED_TRIGGER);
        assertEquals(KEY, e.routingKey());
        assertEquals(EventAction.TRIGGER, e.action());
        assertEquals("samplekeyhere", e.dedupKey());
        assertEquals("Example alert on host1.example.com", e.summary());
        assertEquals(AlertSeverity.INFO, e.severity());
        assertEquals(Instant.parse("2015-07-17T08:42:58.315Z"), e.timestamp(), "PagerDuty's own example writes the offset +0000");
        assertEquals("postgres", e.component());
        assertEquals("prod-datapipe", e.group());
        assertEquals("deploy", e.eventClass());
        assertEquals("1500ms", e.customDetails().get("ping time").asText());
        assertEquals("Sample Monitoring Service", e.client());
        assertEquals("https://monitoring.example.com", e.clientUrl());
        assertEquals(List.of(new AlertEvent.Link("https://example.com/", "Link text")), e.links());
        assertEquals("Example text", e.images().get(0).alt());
    }

    @Test
    void theDocumentedAcknowledgeAndResolveNeedOnlyTheKeys() {
        AlertEvent ack = valid("{\"routing_key\": \"" + KEY + "\", \"dedup_key\": \"samplekeyhere\", \"event_action\": \"acknowledge\"}");
        assertEquals(EventAction.ACKNOWLEDGE, ack.action());
        AlertEvent resolve = valid("{\"routing_key\": \"" + KEY + "\", \"dedup_key\": \"samplekeyhere\", \"event_action\": \"resolve\"}");
        assertEquals(EventAction.RESOLVE, resolve.action());
        assertNull(resolve.summary());
    }

    @Test
    void aTriggerWithoutADedupKeyIsValidAndGetsOneGenerated() {
        AlertEvent e = valid(DOCUMENTED_TRIGGER.replace("\"dedup_key\": \"samplekeyhere\", ", ""));
        assertNull(e.dedupKey());
        String generated = parser.generateDedupKey();
        assertTrue(generated.matches("[0-9a-f]{32}"), generated);
    }

    @Test
    void eachErrorCaseOneByOne() {
        String t = DOCUMENTED_TRIGGER;
        assertEquals(List.of("'routing_key' is missing or blank"), errors(t.replace("\"routing_key\": \"" + KEY + "\", ", "")));
        assertEquals(List.of("Length of 'routing_key' is incorrect (should be 32 characters)"), errors(t.replace(KEY, "short")));
        assertEquals(List.of("'event_action' is missing or blank"), errors(t.replace("\"event_action\": \"trigger\", ", "")));
        assertEquals(List.of("'event_action' is invalid (must be one of the following: 'trigger', 'acknowledge' or 'resolve')"),
                errors(t.replace("\"trigger\"", "\"snooze\"")));
        assertEquals(List.of("'payload.summary' is missing or blank"), errors(t.replace("\"Example alert on host1.example.com\"", "\" \"")));
        assertEquals(List.of("'payload.source' is missing or blank"),
                errors(t.replace("\"source\": \"monitoringtool:cloudvendor:central-region-dc-01:852559987:cluster/api-stats-prod-003\",", "")));
        assertEquals(List.of("'payload.severity' is missing or blank"), errors(t.replace("\"severity\": \"info\",", "")));
        assertEquals(List.of("'payload.severity' is invalid (must be one of the following: 'critical', 'warning', 'error' or 'info')"),
                errors(t.replace("\"info\"", "\"fatal\"")));
        assertEquals(List.of("Length of 'dedup_key' is too long (maximum is 255 characters)"), errors(t.replace("samplekeyhere", "k".repeat(256))));
        assertEquals(List.of("'dedup_key' is missing or blank (required to resolve)"),
                errors("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"resolve\"}"));
        assertEquals(List.of("'dedup_key' is missing or blank (required to acknowledge)"),
                errors("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"acknowledge\", \"dedup_key\": \"\"}"));
        assertEquals(List.of("'payload' is missing (required to trigger)"),
                errors("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"trigger\"}"));
        assertEquals(List.of("'payload' must be an object"), errors("{\"routing_key\": \"" + KEY + "\", \"event_action\": \"trigger\", \"payload\": 7}"));
        assertEquals(List.of("'links' must be an array"), errors(t.replace("\"links\": [{\"href\": \"https://example.com/\", \"text\": \"Link text\"}]", "\"links\": {}")));
        assertEquals(List.of("'links[0].href' is missing or blank"), errors(t.replace("{\"href\": \"https://example.com/\", \"text\": \"Link text\"}", "{\"text\": \"x\"}")));
        assertEquals(List.of("'images[0].src' is missing or blank"), errors(t.replace("\"src\": \"https://www.pagerduty.com/wp-content/uploads/2016/05/pagerduty-logo-green.png\",", "")));
        assertEquals(List.of("'payload.summary' must be a string"), errors(t.replace("\"Example alert on host1.example.com\"", "{\"a\": 1}")));
        ParseResult notJson = parse("not json");
        assertEquals(new ParseResult.Invalid("Event object format is unrecognized", List.of("JSON parse error")), notJson);
        assertEquals(List.of("Event must be a JSON object"), errors("[1, 2]"));
        assertEquals(List.of("Event must be a JSON object"), errors("null"));
        assertEquals(List.of("Event body is empty"), errors(""));
    }

    @Test
    void severalErrorsAreAllReportedInAStableOrder() {
        assertEquals(List.of("Length of 'routing_key' is incorrect (should be 32 characters)", "'payload.summary' is missing or blank",
                "'payload.source' is missing or blank", "'payload.severity' is missing or blank"),
                errors("{\"routing_key\": \"abc\", \"event_action\": \"trigger\", \"payload\": {}}"));
    }

    @Test
    void aBodyOverTheFiveHundredTwelveKilobyteLimitIsRefused() {
        String big = DOCUMENTED_TRIGGER.replace("\"deploy\"", "\"" + "x".repeat(EventsV2Parser.MAX_BODY_BYTES) + "\"");
        assertEquals(1, errors(big).size());
        assertTrue(errors(big).get(0).contains("the limit is 512 KB"));
    }

    @Test
    void aLongSummaryIsTruncatedAndAnUnreadableTimestampDroppedRatherThanLosingThePage() {
        AlertEvent e = valid(DOCUMENTED_TRIGGER.replace("Example alert on host1.example.com", "s".repeat(2000))
                .replace("2015-07-17T08:42:58.315+0000", "yesterday teatime"));
        assertEquals(1024, e.summary().length());
        assertNull(e.timestamp());
        assertEquals(Instant.parse("2026-11-28T02:00:00Z"), EventsV2Parser.timestamp("2026-11-28T02:00:00Z"));
        assertEquals(Instant.parse("2026-11-28T01:00:00Z"), EventsV2Parser.timestamp("2026-11-28T02:00:00+01:00"));
    }

    @Test
    void unknownFieldsAreIgnoredAsPagerDutyIgnoresThem() {
        assertEquals("samplekeyhere", valid(DOCUMENTED_TRIGGER.replace("{\"payload\"", "{\"extra\": {\"a\": [1]}, \"payload\"")).dedupKey());
    }

    @Test
    void anyInputGivesAnAnswerNeverAnException() {
        Random random = new Random(42);
        for (int i = 0; i < 2000; i++) {
            byte[] bytes = new byte[random.nextInt(200)];
            random.nextBytes(bytes);
            assertTrue(parser.parse(bytes) != null);
        }
        assertInstanceOf(ParseResult.Invalid.class, parse("[".repeat(100_000)));
        assertInstanceOf(ParseResult.Invalid.class, parse("{\"a\":".repeat(10_000)));
        assertInstanceOf(ParseResult.Invalid.class, parse("{\"routing_key\": 12, \"event_action\": true, \"payload\": []}"));
    }

    /** Built from prometheus/alertmanager v0.25.0 notify/pagerduty/pagerduty.go and template/default.tmpl (read, not copied). */
    @Test
    void alertmanagerTwentyFiveTriggerAndResolveCarryTheSameDedupKey() throws IOException {
        AlertEvent trigger = valid(resource("alertmanager-0.25-trigger.json").replace("ROUTINGKEY", KEY));
        AlertEvent resolve = valid(resource("alertmanager-0.25-resolve.json").replace("ROUTINGKEY", KEY));
        assertEquals(EventAction.TRIGGER, trigger.action());
        assertEquals(EventAction.RESOLVE, resolve.action());
        assertEquals(trigger.dedupKey(), resolve.dedupKey());
        assertEquals(AlertSeverity.CRITICAL, trigger.severity());
        assertEquals("1", trigger.customDetails().get("num_firing").asText());
        assertEquals("Alertmanager", trigger.client());
    }

    public static String resource(String name) throws IOException {
        try (InputStream in = EventsV2ParserTest.class.getResourceAsStream("/events-v2/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
