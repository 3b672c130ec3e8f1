package uk.gov.paas.support.ticket.rest;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.config.IntakeConfig;
import uk.gov.paas.support.ticket.intake.EmailIntake;
import uk.gov.paas.support.ticket.intake.EmailQueue;
import uk.gov.paas.support.ticket.intake.InboundEmail;

/** Inbound email, posted raw by the mail gateway: new tickets, emergencies, and replies threaded onto their tickets (see {@link EmailIntake}). */
@Path("/api/intake")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Intake")
public class IntakeResource {

    /**
     * What the intake did: the ticket, the comment a reply became, the closed ticket a follow-up follows; for a robot's
     * email (SUSPENDED) no ticket, the suspended email's id and why.
     */
    public record IntakeAnswer(Long ticketId, Long commentId, EmailIntake.Action action, Long followUpOf, boolean emergency, Long suspendedId,
            String reason) {
    }

    /** The answer to an email taken in with {@code Prefer: respond-async}: stored, to be processed moments later. */
    public record Queued(String status, String messageId) {
    }

    private final EmailIntake intake;
    private final EmailQueue queue;
    private final IntakeConfig config;

    IntakeResource(EmailIntake intake, EmailQueue queue, IntakeConfig config) {
        this.intake = intake;
        this.queue = queue;
        this.config = config;
    }

    @POST
    @Path("/email")
    @RolesAllowed(Roles.SERVICE)
    @Consumes({"message/rfc822", MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM})
    @Operation(summary = "Receive one raw RFC 822 email from the mail gateway (service role). '[PaaS Support] ...' or any untagged subject opens "
            + "a ticket; a reply (In-Reply-To, References or a [#id] subject token, from the ticket's requester or organisation) becomes a "
            + "comment, or a follow-up of a closed ticket. An emergency (the '[PaaS Emergency Support]' tag anywhere in the subject, or an "
            + "emergency address in To, Cc, Delivered-To or X-Original-To) always makes its ticket (new, threaded or follow-up) P1 and queues "
            + "a P1 incident and a page, once per email; the answer says emergency: true. "
            + "201 with what was done; the same email again (same Message-ID, or same bytes) is 200 DUPLICATE and changes nothing. "
            + "A robot's email (Auto-Submitted other than no, a bounce, from our own or a group or emergency address, Precedence "
            + "bulk/junk/list) is 200 SUSPENDED with its reason: kept for GET /api/intake/suspended, nothing opened, sent or paged. "
            + "An unreadable message, no valid From, no subject and no body, or an oversized body is a 400 and stores nothing. "
            + "With 'Prefer: respond-async' (RFC 7240; a gateway taking a burst) a readable email is stored and answered 202 "
            + "(Preference-Applied: respond-async) at once, and processed moments later exactly as above, one sender's emails in order.")
    @APIResponseSchema(value = IntakeAnswer.class, responseCode = "201", responseDescription = "A ticket opened, or a comment or follow-up added; Location names the ticket")
    @APIResponse(responseCode = "200", description = "The same email again (DUPLICATE, Idempotent-Replayed: true), or a robot's email (SUSPENDED)",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = IntakeAnswer.class)))
    @APIResponse(responseCode = "202", description = "Prefer: respond-async: stored, processed moments later",
            content = @org.eclipse.microprofile.openapi.annotations.media.Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @org.eclipse.microprofile.openapi.annotations.media.Schema(implementation = Queued.class)))
    public RestResponse<?> receive(byte[] raw, @org.jboss.resteasy.reactive.RestHeader("Prefer") String prefer) {
        InboundEmail email = InboundEmail.parse(raw, config.maxMessageBytes(), config.maxBodyChars());
        if (respondAsync(prefer)) {
            queue.take(email, raw);
            return RestResponse.ResponseBuilder.create(RestResponse.Status.ACCEPTED, new Queued("queued", email.messageId()))
                    .header("Preference-Applied", "respond-async").type(MediaType.APPLICATION_JSON_TYPE).build();
        }
        EmailIntake.Outcome outcome = intake.receive(email);
        IntakeAnswer answer = new IntakeAnswer(outcome.ticketId(), outcome.commentId(), outcome.action(), outcome.followUpOf(), outcome.emergency(),
                outcome.suspendedId(), outcome.reason());
        if (outcome.replayed()) {
            return Answers.replayed(answer);
        }
        if (outcome.action() == EmailIntake.Action.SUSPENDED) {
            return RestResponse.ok(answer);
        }
        return Answers.created("/api/tickets/" + outcome.ticketId(), answer);
    }

    /** RFC 7240: the preference respond-async among the Prefer header's comma-separated preferences (parameters ignored). */
    public static boolean respondAsync(String prefer) {
        if (prefer == null) {
            return false;
        }
        for (String preference : prefer.split(",")) {
            String name = preference.split(";", 2)[0].split("=", 2)[0].strip();
            if (name.equalsIgnoreCase("respond-async")) {
                return true;
            }
        }
        return false;
    }
}
