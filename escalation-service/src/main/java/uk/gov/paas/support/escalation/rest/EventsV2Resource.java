package uk.gov.paas.support.escalation.rest;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.RoutingKey;
import uk.gov.paas.support.escalation.intake.AlertEvent;
import uk.gov.paas.support.escalation.intake.EventsV2Parser;
import uk.gov.paas.support.escalation.intake.EventsV2Parser.ParseResult;
import uk.gov.paas.support.escalation.intake.EventsV2Response;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.escalation.service.PageService;
import uk.gov.paas.support.escalation.service.PageService.NewPage;
import uk.gov.paas.support.escalation.service.RoutingKeys;

/**
 * Alert intake compatible with the PagerDuty Events API v2: the same path, body, responses and limits, so
 * Alertmanager, uptime checkers and pipelines page us with only a new URL and routing key. Authorised by the
 * routing key alone (no JWT), as those tools send it.
 */
@Path("/v2/enqueue")
@Tag(name = "Alert intake")
public class EventsV2Resource {

    private final EventsV2Parser parser;
    private final RoutingKeys routingKeys;
    private final PageService pages;
    private final ObjectMapper json;

    EventsV2Resource(RoutingKeys routingKeys, PageService pages, ObjectMapper json) {
        this.parser = new EventsV2Parser(json);
        this.routingKeys = routingKeys;
        this.pages = pages;
        this.json = json;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "PagerDuty Events API v2: trigger, acknowledge or resolve by routing_key and dedup_key. "
            + "202 {status: success, message: Event processed, dedup_key}; 400 {status: invalid event, message, errors}")
    @APIResponseSchema(value = EventsV2Response.Success.class, responseCode = "202", responseDescription = "Event processed")
    @APIResponse(responseCode = "400", description = "Invalid event, or not an event object",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EventsV2Response.Invalid.class)))
    public RestResponse<EventsV2Response> enqueue(byte[] body) {
        ParseResult result = parser.parse(body == null ? new byte[0] : body);
        if (result instanceof ParseResult.Invalid invalid) {
            return refused(new EventsV2Response.Invalid(EventsV2Parser.UNRECOGNIZED.equals(invalid.message()) ? "Unrecognized object" : "invalid event",
                    invalid.message(), invalid.errors()));
        }
        AlertEvent event = ((ParseResult.Valid) result).event();
        Optional<RoutingKey> key = routingKeys.find(event.routingKey());
        if (key.isEmpty()) {
            return refused(new EventsV2Response.Invalid("invalid event", "Event object is invalid", List.of(UNKNOWN_ROUTING_KEY)));
        }
        RoutingKey integration = key.get();
        String by = "Events API (" + integration.name + ")";
        String dedupKey = switch (event.action()) {
            case TRIGGER -> trigger(event, integration, by);
            case ACKNOWLEDGE -> {
                Page.openByDedupKey(integration.dedupScope(), event.dedupKey()).ifPresent(p -> pages.acknowledge(p.id, by, "Events API v2"));
                yield event.dedupKey();
            }
            case RESOLVE -> {
                Page.openByDedupKey(integration.dedupScope(), event.dedupKey()).ifPresent(p -> pages.resolve(p.id, by, "Events API v2"));
                yield event.dedupKey();
            }
        };
        return RestResponse.ResponseBuilder.<EventsV2Response>create(RestResponse.Status.ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(EventsV2Response.Success.processed(dedupKey)).build();
    }

    private static RestResponse<EventsV2Response> refused(EventsV2Response.Invalid body) {
        return RestResponse.ResponseBuilder.<EventsV2Response>create(RestResponse.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build();
    }

    /** The error for a well-formed event whose routing key is not one of ours (or was revoked). */
    static final String UNKNOWN_ROUTING_KEY = "Invalid routing key";

    private String trigger(AlertEvent event, RoutingKey integration, String by) {
        String dedupKey = event.dedupKey() != null ? event.dedupKey() : parser.generateDedupKey();
        Grading.Graded graded = integration.grading().grade(event.severity(), integration.name);
        pages.open(new NewPage(graded.priority(), event.summary(), truncate(event.source(), 255), dedupKey, details(event), link(event),
                integration.policyId, graded.because()), integration.dedupScope(), null, by);
        return dedupKey;
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
