package uk.gov.paas.support.escalation.service;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.intake.AlertEvent;
import uk.gov.paas.support.escalation.intake.EventsV2Parser;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.escalation.service.PageService.NewPage;
import uk.gov.paas.support.kernel.outbox.Inbox;
import uk.gov.paas.support.kernel.outbox.InboxHandler;

/**
 * What an Events API v2 event does, once {@code /v2/enqueue} has validated it, found its routing key and stored it in
 * the {@link Inbox} (answering 202 as PagerDuty does): a trigger opens a page or adds an occurrence to the open page
 * of its dedup key; acknowledge and resolve act on that open page, if there is one. Events of one dedup key (within
 * one routing key's scope) are processed one at a time in the order they were received, in any number of replicas.
 */
@ApplicationScoped
public class EventsV2Processor implements InboxHandler {

    public static final String KIND = "events-v2";

    private final PageService pages;
    private final ObjectMapper json;
    private final EventsV2Parser parser;
    private final Inbox inbox;

    EventsV2Processor(PageService pages, ObjectMapper json, Inbox inbox) {
        this.pages = pages;
        this.json = json;
        this.parser = new EventsV2Parser(json);
        this.inbox = inbox;
    }

    @Override
    public String kind() {
        return KIND;
    }

    /**
     * Stores a valid event from the integration, committed before this returns, with the dedup key the answer gives
     * (the sender's, or one made for a trigger without).
     */
    public void take(RoutingKeys.Accepted integration, String dedupKey, byte[] body) {
        ObjectNode envelope = json.createObjectNode();
        envelope.put("routingKeyId", integration.id());
        envelope.put("dedupKey", dedupKey);
        envelope.put("event", utf8(body));
        inbox.store(KIND, integration.dedupScope() + "\n" + dedupKey, envelope.toString());
    }

    /** The event's JSON as text: its bytes when they are UTF-8 (as senders send it), else the parsed JSON written again. */
    private String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException notUtf8) {
            try {
                return json.readTree(body).toString();
            } catch (java.io.IOException e) {
                throw new IllegalArgumentException("the event parsed once and must parse again", e);
            }
        }
    }

    @Override
    public void handle(InboxItem item) {
        JsonNode envelope;
        try {
            envelope = json.readTree(item.payload());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("inbox item " + item.id() + " is not an Events API v2 envelope", e);
        }
        RoutingKey integration = RoutingKey.findById(envelope.get("routingKeyId").asLong());
        if (integration == null) {
            throw new IllegalStateException("routing key " + envelope.get("routingKeyId") + " of inbox item " + item.id() + " no longer exists");
        }
        EventsV2Parser.ParseResult parsed = parser.parse(envelope.get("event").asText().getBytes(StandardCharsets.UTF_8));
        if (!(parsed instanceof EventsV2Parser.ParseResult.Valid valid)) {
            throw new IllegalStateException("inbox item " + item.id() + " no longer parses as the valid event it was: " + parsed);
        }
        AlertEvent event = valid.event();
        String dedupKey = envelope.get("dedupKey").asText();
        String by = "Events API (" + integration.name + ")";
        switch (event.action()) {
            case TRIGGER -> {
                Grading.Graded graded = integration.grading().grade(event.severity(), integration.name);
                pages.open(new NewPage(graded.priority(), event.summary(), truncate(event.source(), 255), dedupKey, details(event), link(event),
                        integration.policyId, graded.because()), integration.dedupScope(), null, by);
            }
            case ACKNOWLEDGE -> Page.openByDedupKey(integration.dedupScope(), dedupKey).ifPresent(p -> pages.acknowledge(p.id, by, "Events API v2"));
            case RESOLVE -> Page.openByDedupKey(integration.dedupScope(), dedupKey).ifPresent(p -> pages.resolve(p.id, by, "Events API v2"));
        }
    }

    private String details(AlertEvent event) {
        StringBuilder text = new StringBuilder();
        line(text, "Severity", event.severity().name().toLowerCase());
        line(text, "Component", event.component());
        line(text, "Group", event.group());
        line(text, "Class", event.eventClass());
        line(text, "Client", event.client());
        line(text, "Event time", event.timestamp() == null ? null : event.timestamp().toString());
        if (event.links() != null) {
            event.links().forEach(l -> line(text, "Link", l.text() == null ? l.href() : l.text() + ": " + l.href()));
        }
        if (event.images() != null) {
            event.images().forEach(i -> line(text, "Image", i.href() != null ? i.href() : i.src()));
        }
        if (event.customDetails() != null && !event.customDetails().isNull()) {
            try {
                text.append("\n").append(event.customDetails().isTextual() ? event.customDetails().asText()
                        : json.writerWithDefaultPrettyPrinter().writeValueAsString(event.customDetails()));
            } catch (JsonProcessingException e) {
                text.append("\n").append(event.customDetails().toString());
            }
        }
        return truncate(text.toString(), 10_000);
    }

    private static String link(AlertEvent event) {
        String link = event.clientUrl() != null ? event.clientUrl()
                : event.links() != null && !event.links().isEmpty() ? event.links().get(0).href() : null;
        return link != null && link.length() <= 2000 && link.matches("https?://\\S+") ? link : null;
    }

    private static void line(StringBuilder text, String name, String value) {
        if (value != null && !value.isBlank()) {
            text.append(name).append(": ").append(value).append('\n');
        }
    }

    private static String truncate(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 3) + "...";
    }
}
