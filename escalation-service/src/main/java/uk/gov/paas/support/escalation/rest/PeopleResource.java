package uk.gov.paas.support.escalation.rest;

import java.time.Instant;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
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
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Unavailability;
import uk.gov.paas.support.escalation.service.DirectoryService;
import uk.gov.paas.support.escalation.service.DirectoryService.PersonData;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.time.Times;

/** The people directory. Phone numbers only reach admin and service callers. */
@Path("/api/people")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "People")
public class PeopleResource {

    /** A person as written: name, email, phone, production access, roles (wire names). */
    public record PersonInput(
            @NotBlank @Size(max = 200) String name,
            @NotBlank @Email @Size(max = 320) String email,
            @Pattern(regexp = "^\\+?[0-9 ()-]{6,40}$", message = "must be a phone number: digits, spaces, brackets, dashes, optional leading +") String phone,
            boolean productionAccess,
            @Size(max = 20) List<@NotNull String> roles) {
    }

    /** A period when the person must not be paged. */
    public record UnavailabilityInput(@NotNull Instant from, @NotNull Instant to, @Size(max = 500) String reason) {
    }

    public record UnavailabilityView(long id, Instant from, String fromLocal, Instant to, String toLocal, String reason) {
    }

    /** A person as read; {@code phone} is absent unless the caller is admin or service. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record PersonView(long id, String name, String email, String phone, boolean productionAccess, List<String> roles,
            boolean availableNow, List<UnavailabilityView> unavailability) {
    }

    private final DirectoryService directory;
    private final SecurityIdentity identity;
    private final SupportCalendar calendar;
    private final java.time.Clock clock;

    PeopleResource(DirectoryService directory, SecurityIdentity identity, SupportCalendar calendar, java.time.Clock clock) {
        this.directory = directory;
        this.identity = identity;
        this.calendar = calendar;
        this.clock = clock;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "List people, optionally by role (e.g. information-assurance) or email")
    public Paged<PersonView> list(@QueryParam("role") String role, @QueryParam("email") String email,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        return directory.list(blankToNull(role), blankToNull(email), page, size).map(this::view);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One person, with their unavailability periods")
    public PersonView get(@PathParam("id") long id) {
        return directory.find(id).map(this::view).orElseThrow(() -> ApiProblem.notFound("There is no person " + id));
    }

    @POST
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Add a person to the directory")
    @APIResponseSchema(value = PersonView.class, responseCode = "201", responseDescription = "Added; Location names the person")
    public RestResponse<PersonView> create(@NotNull @Valid PersonInput input) {
        Person person = directory.create(data(input));
        return Answers.created("/api/people/" + person.id, view(person));
    }

    @PUT
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Replace a person's details")
    public PersonView update(@PathParam("id") long id, @NotNull @Valid PersonInput input) {
        return directory.update(id, data(input)).map(this::view).orElseThrow(() -> ApiProblem.notFound("There is no person " + id));
    }

    @POST
    @Path("/{id}/unavailability")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Mark a person unavailable from..to (leave): escalation skips them at once")
    @APIResponseSchema(value = UnavailabilityView.class, responseCode = "201", responseDescription = "Added; Location names the period")
    public RestResponse<UnavailabilityView> addUnavailability(@PathParam("id") long id, @NotNull @Valid UnavailabilityInput input) {
        Unavailability period = directory.addUnavailability(id, input.from(), input.to(), input.reason());
        return Answers.created("/api/people/" + id + "/unavailability/" + period.id, view(period));
    }

    @DELETE
    @Path("/{id}/unavailability/{periodId}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Remove an unavailability period")
    public void removeUnavailability(@PathParam("id") long id, @PathParam("periodId") long periodId) {
        if (!directory.removeUnavailability(id, periodId)) {
            throw ApiProblem.notFound("Person " + id + " has no unavailability period " + periodId);
        }
    }

    private PersonView view(Person person) {
        Instant now = clock.instant();
        List<UnavailabilityView> periods = directory.unavailability(person.id).stream().map(this::view).toList();
        boolean available = periods.stream().noneMatch(p -> !now.isBefore(p.from()) && now.isBefore(p.to()));
        return new PersonView(person.id, person.name, person.email, Callers.seesPhones(identity) ? person.phone : null,
                person.productionAccess, List.copyOf(person.roles), available, periods);
    }

    private UnavailabilityView view(Unavailability u) {
        return new UnavailabilityView(u.id, u.from, Times.local(u.from, calendar.zone()), u.to, Times.local(u.to, calendar.zone()), u.reason);
    }

    private static PersonData data(PersonInput input) {
        return new PersonData(input.name(), input.email(), input.phone(), input.productionAccess(), input.roles());
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
