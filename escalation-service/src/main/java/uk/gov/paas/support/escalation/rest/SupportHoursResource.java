package uk.gov.paas.support.escalation.rest;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.time.Times;

/** The shared support-hours calendar, asked for any instant: which period it falls in and when hours next open. */
@Path("/api/support-hours")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
@Tag(name = "Support hours")
public class SupportHoursResource {

    private final SupportCalendar calendar;
    private final Clock clock;

    SupportHoursResource(SupportCalendar calendar, Clock clock) {
        this.calendar = calendar;
        this.clock = clock;
    }

    /** The answer: the instant asked about, its wall-clock time in the zone, its period and the next in-hours opening. */
    public record SupportHours(Instant at, String zone, String localTime, SupportPeriod period, boolean inHours,
            boolean bankHoliday, Instant nextOpening, String nextOpeningLocal) {
    }

    @GET
    @Operation(summary = "Support period at an instant (now by default) and the next in-hours opening")
    public SupportHours at(@Parameter(description = "ISO-8601 instant, e.g. 2026-03-29T01:30:00Z or 2026-03-29T02:30:00+01:00")
            @QueryParam("at") String at) {
        Instant instant = at == null || at.isBlank() ? clock.instant() : Times.parseInstant("at", at);
        SupportPeriod period = calendar.periodAt(instant);
        Instant nextOpening = calendar.nextOpening(instant);
        return new SupportHours(instant, calendar.zone().getId(), Times.local(instant, calendar.zone()), period,
                period == SupportPeriod.IN_HOURS, calendar.isBankHoliday(instant), nextOpening, Times.local(nextOpening, calendar.zone()));
    }
}
