package uk.gov.paas.support.escalation.intake;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A valid Events API v2 event. For acknowledge and resolve the payload fields may be null; {@code dedupKey} is null
 * only for a trigger that came without one.
 */
public record AlertEvent(String routingKey, EventAction action, String dedupKey, String summary, String source, AlertSeverity severity,
        Instant timestamp, String component, String group, String eventClass, JsonNode customDetails, String client, String clientUrl,
        List<Link> links, List<Image> images) {

    public record Link(String href, String text) {
    }

    public record Image(String src, String href, String alt) {
    }
}
