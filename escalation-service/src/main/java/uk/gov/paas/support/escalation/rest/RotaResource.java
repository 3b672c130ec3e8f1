package uk.gov.paas.support.escalation.rest;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import uk.gov.paas.support.escalation.config.EscalationConfig;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaOverrideEntry;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.domain.Shift;
import uk.gov.paas.support.escalation.service.OnCallService;
import uk.gov.paas.support.escalation.service.RotaService;
import uk.gov.paas.support.escalation.service.RotaService.RotaData;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.time.Times;

/**
 * On-call rotas: who is on call at an instant, the next shifts, overrides, and a calendar feed. A rota is named in
 * the path by its id, or as {@code support} or {@code escalation} for the rota routing uses.
 */
@Path("/api/rotas")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Rotas")
public class RotaResource {

    /** A rota as written. Handoffs happen at {@code handoffTime} (wall clock in the support zone) every {@code lengthDays}. */
    public record RotaInput(
            @NotBlank @Size(max = 200) String name,
            RotaPurpose purpose,
            @NotEmpty @Size(max = 100) List<@NotNull Long> members,
            @NotNull LocalDate startDate,
            @NotNull DayOfWeek handoffDay,
            @NotNull LocalTime handoffTime,
            @Min(1) @Max(366) Integer lengthDays) {
    }

    /** Someone covers the rota from..to; the reason (a swap, leave, an incident) is kept so the next person knows why. */
    public record OverrideInput(@NotNull Long personId, @NotNull Instant from, @NotNull Instant to, @NotBlank @Size(max = 500) String reason) {
    }

    public record PersonRef(long id, String name, String email) {
    }

    public record RotaView(long id, String name, RotaPurpose purpose, List<PersonRef> members, LocalDate startDate, DayOfWeek handoffDay,
            LocalTime handoffTime, int lengthDays, String zone, Instant nextHandoffAt, String nextHandoffAtLocal) {
    }

    public record ShiftView(PersonRef person, Instant start, String startLocal, Instant end, String endLocal, boolean override,
            Long overrideId) {
    }

    public record OnCallView(long rotaId, String rotaName, Instant at, String atLocal, ShiftView now, ShiftView next) {
    }

    public record OverrideView(long id, long rotaId, PersonRef person, Instant from, String fromLocal, Instant to, String toLocal,
            String reason) {
    }

    public record CalendarFeed(long rotaId, String url) {
    }

    private final RotaService rotas;
    private final OnCallService onCall;
    private final SupportCalendar calendar;
    private final Clock clock;
    private final EscalationConfig config;

    private final io.quarkus.security.identity.SecurityIdentity identity;

    RotaResource(RotaService rotas, OnCallService onCall, SupportCalendar calendar, Clock clock, EscalationConfig config,
            io.quarkus.security.identity.SecurityIdentity identity) {
        this.identity = identity;
        this.rotas = rotas;
        this.onCall = onCall;
        this.calendar = calendar;
        this.clock = clock;
        this.config = config;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Every rota")
    public List<RotaView> list() {
        return rotas.list().stream().map(this::view).toList();
    }

    @GET
    @Path("/{rota}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One rota (by id, or 'support' / 'escalation')")
    public RotaView get(@PathParam("rota") String ref) {
        return view(rota(ref));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Create a rota")
    @APIResponseSchema(value = RotaView.class, responseCode = "201", responseDescription = "Created; Location names the rota")
    public RestResponse<RotaView> create(@NotNull @Valid RotaInput input) {
        Rota rota = rotas.create(data(input));
        return Answers.created("/api/rotas/" + rota.id, view(rota));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a rota's members and handoff pattern")
    public RotaView update(@PathParam("id") long id, @NotNull @Valid RotaInput input) {
        return rotas.update(id, data(input)).map(this::view).orElseThrow(() -> ApiProblem.notFound("There is no rota " + id));
    }

    @GET
    @Path("/{rota}/on-call")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Who is on call at an instant (now by default), and who is next")
    public OnCallView onCall(@PathParam("rota") String ref,
            @Parameter(description = "ISO-8601 instant; now if absent") @QueryParam("at") String at) {
        Rota rota = rota(ref);
        Instant instant = at == null || at.isBlank() ? clock.instant() : Times.parseInstant("at", at);
        List<Shift> shifts = onCall.shifts(rota, instant, 2);
        Map<Long, Person> people = people(shifts);
        Shift current = shifts.isEmpty() || shifts.get(0).start().isAfter(instant) ? null : shifts.get(0);
        Shift next = current == null ? (shifts.isEmpty() ? null : shifts.get(0)) : (shifts.size() > 1 ? shifts.get(1) : null);
        return new OnCallView(rota.id, rota.name, instant, local(instant), view(current, people), view(next, people));
    }

    @GET
    @Path("/{rota}/shifts")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "The shift at an instant (now by default) and the ones after it, overrides included")
    public List<ShiftView> shifts(@PathParam("rota") String ref, @QueryParam("from") String from,
            @QueryParam("count") @DefaultValue("10") @Min(1) @Max(100) int count) {
        Rota rota = rota(ref);
        Instant instant = from == null || from.isBlank() ? clock.instant() : Times.parseInstant("from", from);
        List<Shift> shifts = onCall.shifts(rota, instant, count);
        Map<Long, Person> people = people(shifts);
        return shifts.stream().map(s -> view(s, people)).toList();
    }

    @GET
    @Path("/{rota}/overrides")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "A rota's overrides")
    public List<OverrideView> overrides(@PathParam("rota") String ref) {
        Rota rota = rota(ref);
        return RotaOverrideEntry.ofRota(rota.id).stream().map(this::view).toList();
    }

    @POST
    @Path("/{id}/overrides")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Someone covers the rota from..to; wins over the rota and over older overrides")
    @APIResponseSchema(value = OverrideView.class, responseCode = "201", responseDescription = "Added; Location names the override")
    public RestResponse<OverrideView> addOverride(@PathParam("id") long id, @NotNull @Valid OverrideInput input) {
        RotaOverrideEntry entry = rotas.addOverride(id, input.personId(), input.from(), input.to(), input.reason());
        return Answers.created("/api/rotas/" + id + "/overrides/" + entry.id, view(entry));
    }

    @DELETE
    @Path("/{id}/overrides/{overrideId}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Remove an override, saying why (reason required); it stays on record with who removed it, when and why")
    public void removeOverride(@PathParam("id") long id, @PathParam("overrideId") long overrideId,
            @QueryParam("reason") @Size(max = 500) String reason) {
        if (!rotas.removeOverride(id, overrideId, reason, Callers.name(identity))) {
            throw ApiProblem.notFound("Rota " + id + " has no override " + overrideId);
        }
    }

    @GET
    @Path("/{id}/calendar-feed")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "The secret iCalendar URL of a rota, for calendar apps (no token needed to subscribe)")
    public CalendarFeed calendarFeed(@PathParam("id") long id) {
        return feed(rotas.find(id).orElseThrow(() -> ApiProblem.notFound("There is no rota " + id)));
    }

    @POST
    @Path("/{id}/calendar-feed/rotate")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Revoke the calendar URL and issue a new one")
    public CalendarFeed rotateCalendarFeed(@PathParam("id") long id) {
        return feed(rotas.rotateCalendarToken(id).orElseThrow(() -> ApiProblem.notFound("There is no rota " + id)));
    }

    private CalendarFeed feed(Rota rota) {
        String base = config.publicUrl().endsWith("/") ? config.publicUrl().substring(0, config.publicUrl().length() - 1) : config.publicUrl();
        return new CalendarFeed(rota.id, base + "/calendars/" + rota.calendarToken + ".ics");
    }

    private Rota rota(String ref) {
        if ("support".equals(ref) || "escalation".equals(ref)) {
            RotaPurpose purpose = RotaPurpose.valueOf(ref.toUpperCase());
            return Rota.forPurpose(purpose).orElseThrow(() -> ApiProblem.notFound("No rota is set up as the " + ref + " rota"));
        }
        long id;
        try {
            id = Long.parseLong(ref);
        } catch (NumberFormatException e) {
            throw ApiProblem.notFound("No rota '" + ref + "': name a rota by its id, or as 'support' or 'escalation'");
        }
        return rotas.find(id).orElseThrow(() -> ApiProblem.notFound("There is no rota " + id));
    }

    private RotaView view(Rota rota) {
        Map<Long, Person> people = Person.<Person>list("id in ?1", rota.members.isEmpty() ? List.of(-1L) : rota.members).stream()
                .collect(Collectors.toMap(p -> p.id, Function.identity()));
        return new RotaView(rota.id, rota.name, rota.purpose, rota.members.stream().map(id -> ref(people.get(id), id)).toList(),
                rota.startDate, rota.handoffDay, rota.handoffTime, rota.lengthDays, calendar.zone().getId(), rota.nextHandoffAt,
                local(rota.nextHandoffAt));
    }

    private OverrideView view(RotaOverrideEntry entry) {
        return new OverrideView(entry.id, entry.rotaId, ref(Person.findById(entry.personId), entry.personId), entry.from, local(entry.from),
                entry.to, local(entry.to), entry.reason);
    }

    private ShiftView view(Shift shift, Map<Long, Person> people) {
        if (shift == null) {
            return null;
        }
        return new ShiftView(ref(people.get(shift.personId()), shift.personId()), shift.start(), local(shift.start()), shift.end(),
                local(shift.end()), shift.override(), shift.overrideId());
    }

    private static Map<Long, Person> people(List<Shift> shifts) {
        List<Long> ids = shifts.stream().map(Shift::personId).distinct().toList();
        return ids.isEmpty() ? Map.of() : Person.<Person>list("id in ?1", ids).stream().collect(Collectors.toMap(p -> p.id, Function.identity()));
    }

    private static PersonRef ref(Person person, long id) {
        return person == null ? new PersonRef(id, "(no longer in the directory)", null) : new PersonRef(person.id, person.name, person.email);
    }

    private String local(Instant instant) {
        return Times.local(instant, calendar.zone());
    }

    private static RotaData data(RotaInput input) {
        return new RotaData(input.name(), input.purpose(), input.members(), input.startDate(), input.handoffDay(), input.handoffTime(),
                input.lengthDays() == null ? 7 : input.lengthDays());
    }
}
