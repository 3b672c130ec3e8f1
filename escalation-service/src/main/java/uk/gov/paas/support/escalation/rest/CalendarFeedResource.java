package uk.gov.paas.support.escalation.rest;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import uk.gov.paas.support.escalation.config.EscalationConfig;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaICalendar;
import uk.gov.paas.support.escalation.domain.Shift;
import uk.gov.paas.support.escalation.service.OnCallService;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/**
 * A rota's shifts as an iCalendar feed (RFC 5545) at a secret URL: calendar apps subscribe without a token, so the
 * URL is the credential, revocable by rotating it. Four weeks back and 26 weeks ahead; names only, no contact details.
 */
@Path("/calendars")
@Tag(name = "Rotas")
public class CalendarFeedResource {

    static final Duration PAST = Duration.ofDays(28);
    static final Duration AHEAD = Duration.ofDays(182);

    private final OnCallService onCall;
    private final SupportCalendar calendar;
    private final Clock clock;
    private final EscalationConfig config;

    CalendarFeedResource(OnCallService onCall, SupportCalendar calendar, Clock clock, EscalationConfig config) {
        this.onCall = onCall;
        this.calendar = calendar;
        this.clock = clock;
        this.config = config;
    }

    @GET
    @Path("/{file}")
    @PermitAll
    @Produces("text/calendar")
    @Operation(summary = "A rota's calendar feed, at the secret URL from GET /api/rotas/{id}/calendar-feed")
    public RestResponse<String> feed(@PathParam("file") String file) {
        String token = file.endsWith(".ics") ? file.substring(0, file.length() - 4) : file;
        Rota rota = token.matches("[0-9a-f]{48}") ? Rota.byCalendarToken(token).orElse(null) : null;
        if (rota == null) {
            throw ApiProblem.notFound("No calendar feed at this address; it may have been revoked");
        }
        Instant now = clock.instant();
        List<Shift> shifts = onCall.shiftsBetween(rota, now.minus(PAST), now.plus(AHEAD));
        List<Long> ids = shifts.stream().map(Shift::personId).distinct().toList();
        Map<Long, String> names = ids.isEmpty() ? Map.of()
                : Person.<Person>list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, p -> p.name));
        String body = RotaICalendar.render(rota.name, rota.id, shifts, id -> names.getOrDefault(id, "person " + id), calendar.zone(), now,
                URI.create(config.publicUrl()).getHost());
        return RestResponse.ResponseBuilder.ok(body, "text/calendar; charset=utf-8")
                .header("Content-Disposition", "inline; filename=\"rota-" + rota.id + ".ics\"")
                .header("Cache-Control", "private, max-age=300")
                .build();
    }
}
