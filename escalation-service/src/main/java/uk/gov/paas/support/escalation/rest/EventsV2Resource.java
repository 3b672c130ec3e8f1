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

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.escalation.intake.AlertEvent;
import uk.gov.paas.support.escalation.intake.EventsV2Parser;
import uk.gov.paas.support.escalation.intake.EventsV2Parser.ParseResult;
import uk.gov.paas.support.escalation.intake.EventsV2Response;
import uk.gov.paas.support.escalation.service.EventsV2Processor;
import uk.gov.paas.support.escalation.service.RoutingKeys;

/**
 * Alert intake compatible with the PagerDuty Events API v2: the same path, body, responses and limits, so
 * Alertmanager, uptime checkers and pipelines page us with only a new URL and routing key. Authorised by the
 * routing key alone (no JWT), as those tools send it. As PagerDuty's own endpoint, it is an enqueue: a valid event is
 * stored (committed) and answered 202 at once, and {@link EventsV2Processor} acts on it moments later, in order per
 * dedup key, so a storm of triggers costs one insert each while pages go out as fast as they can be opened.
 */
@Path("/v2/enqueue")
@Tag(name = "Alert intake")
public class EventsV2Resource {

    private final EventsV2Parser parser;
    private final RoutingKeys routingKeys;
    private final EventsV2Processor processor;

    EventsV2Resource(RoutingKeys routingKeys, EventsV2Processor processor, ObjectMapper json) {
        this.parser = new EventsV2Parser(json);
        this.routingKeys = routingKeys;
        this.processor = processor;
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
        Optional<RoutingKeys.Accepted> key = routingKeys.accept(event.routingKey());
        if (key.isEmpty()) {
            return refused(new EventsV2Response.Invalid("invalid event", "Event object is invalid", List.of(UNKNOWN_ROUTING_KEY)));
        }
        RoutingKeys.Accepted integration = key.get();
        String dedupKey = event.dedupKey() != null ? event.dedupKey() : parser.generateDedupKey();
        // stored and committed before the answer; a worker opens, acknowledges or resolves the page moments later
        processor.take(integration, dedupKey, body);
        return RestResponse.ResponseBuilder.<EventsV2Response>create(RestResponse.Status.ACCEPTED).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(EventsV2Response.Success.processed(dedupKey)).build();
    }

    private static RestResponse<EventsV2Response> refused(EventsV2Response.Invalid body) {
        return RestResponse.ResponseBuilder.<EventsV2Response>create(RestResponse.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE)
                .entity(body).build();
    }

    /** The error for a well-formed event whose routing key is not one of ours (or was revoked). */
    static final String UNKNOWN_ROUTING_KEY = "Invalid routing key";
}
