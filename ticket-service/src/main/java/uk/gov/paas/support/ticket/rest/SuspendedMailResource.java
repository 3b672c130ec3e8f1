package uk.gov.paas.support.ticket.rest;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.config.IntakeConfig;
import uk.gov.paas.support.ticket.domain.SuspendedMail;
import uk.gov.paas.support.ticket.intake.EmailIntake;

/**
 * The suspended view: emails a robot wrote (auto-replies, bounces, our own addresses, bulk mail), which opened nothing.
 * Agents look here for a real request a machine's headers hid, and release it: it is then processed as ordinary mail.
 */
@Path("/api/intake/suspended")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake")
@Transactional(Transactional.TxType.SUPPORTS)
public class SuspendedMailResource {

    /** One suspended email in the list, without its raw message. */
    public record SuspendedSummary(long id, String messageId, String from, String subject, Instant receivedAt, String reason, String state) {
    }

    /** One suspended email with the raw message as received (its first 65536 characters), and its release if any. */
    public record SuspendedDetail(long id, String messageId, String from, String subject, Instant receivedAt, String reason, String raw,
            boolean rawTruncated, Instant releasedAt, String releasedBy, Long ticketId, String state, Instant discardedAt, String discardedBy) {
    }

    private final EmailIntake intake;
    private final IntakeConfig config;
    private final Caller caller;

    SuspendedMailResource(EmailIntake intake, IntakeConfig config, Caller caller) {
        this.intake = intake;
        this.config = config;
        this.caller = caller;
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Suspended emails, newest first (agent, admin): what a robot wrote and why it opened nothing; state: all "
            + "(default), waiting (neither released nor discarded), released or discarded")
    public Paged<SuspendedSummary> list(@QueryParam("state") @DefaultValue("all") String state,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        String where = switch (state.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "all" -> "";
            case "waiting" -> " where m.releasedAt is null and m.discardedAt is null";
            case "released" -> " where m.releasedAt is not null";
            case "discarded" -> " where m.discardedAt is not null";
            default -> throw ApiProblem.invalidField("state", "must be one of all, waiting, released, discarded");
        };
        return Paged.find(SuspendedMail.getEntityManager(), SuspendedMail.class, "m", where, java.util.Map.of(), "m.receivedAt desc, m.id desc", page, size)
                .map(m -> new SuspendedSummary(m.id, m.messageId, m.from, m.subject, m.receivedAt, m.reason, m.state()));
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "One suspended email with its raw message (agent, admin); 404 when there is none")
    public SuspendedDetail one(@PathParam("id") long id) {
        SuspendedMail m = SuspendedMail.<SuspendedMail>findByIdOptional(id)
                .orElseThrow(() -> ApiProblem.notFound("No suspended email " + id));
        return detail(m);
    }

    private static SuspendedDetail detail(SuspendedMail m) {
        return new SuspendedDetail(m.id, m.messageId, m.from, m.subject, m.receivedAt, m.reason, m.rawMessage, m.rawTruncated, m.releasedAt,
                m.releasedBy, m.ticketId, m.state(), m.discardedAt, m.discardedBy);
    }

    @POST
    @Path("/{id}/discard")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Discard a suspended email that holds no person's request (agent, admin): kept, with who and when, out of the "
            + "waiting list. 404 unknown; 409 released or discarded already")
    public SuspendedDetail discard(@PathParam("id") long id) {
        return detail(intake.discard(id, caller.actor()));
    }

    @POST
    @Path("/{id}/release")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN})
    @Operation(summary = "Release a suspended email that hides a person's request (agent, admin): processed now as ordinary mail, once "
            + "(new ticket, threaded comment or follow-up, acknowledged; an emergency if it is one). 404 unknown; 409 released already, or "
            + "too large to have been kept whole")
    public IntakeResource.IntakeAnswer release(@PathParam("id") long id) {
        EmailIntake.Outcome outcome = intake.release(id, caller.actor(), config.maxMessageBytes(), config.maxBodyChars());
        return new IntakeResource.IntakeAnswer(outcome.ticketId(), outcome.commentId(), outcome.action(), outcome.followUpOf(), outcome.emergency(),
                id, null);
    }
}
