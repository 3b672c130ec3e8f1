package uk.gov.paas.support.kernel.outbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;

/** Admin view of every service's mail outbox: dead emails are listed here and sent again from here. */
@Path("/api/admin/outbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Outbox", description = "Emails waiting, sent and dead")
public class OutboxResource {

    private final OutboxAdministration administration;
    private final Outbox outbox;

    OutboxResource(OutboxAdministration administration, Outbox outbox) {
        this.administration = administration;
        this.outbox = outbox;
    }

    public record OutboxMessageView(long id, String idempotencyKey, String messageId, List<String> recipients, String subject,
            OutboxStatus status, int attempts, int timeouts, String claimedBy, Instant nextAttemptAt, String lastError, Instant createdAt,
            Instant sentAt, Instant deadAt) {

        static OutboxMessageView of(OutboxMessage m) {
            return new OutboxMessageView(m.id, m.idempotencyKey, m.messageId, List.of(m.recipients.split(",")), m.subject, m.status,
                    m.attempts, m.timeouts, m.claimedBy, m.nextAttemptAt, m.lastError, m.createdAt, m.sentAt, m.deadAt);
        }
    }

    public record TestEmail(@NotBlank @Email String to, @Size(max = 200) String subject, @Size(max = 10_000) String text) {
    }

    @GET
    @Operation(summary = "List emails in one state (DEAD by default), newest first")
    public Paged<OutboxMessageView> list(@QueryParam("status") @DefaultValue("DEAD") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        OutboxStatus wanted = parseStatus(status);
        return administration.list(wanted, page, size).map(OutboxMessageView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One email of the outbox")
    public OutboxMessageView get(@PathParam("id") long id) {
        return administration.find(id).map(OutboxMessageView::of)
                .orElseThrow(() -> ApiProblem.notFound("No email " + id + " in the outbox"));
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Send a dead email again, with a fresh set of attempts")
    public OutboxMessageView retry(@PathParam("id") long id) {
        return administration.retry(id).map(OutboxMessageView::of)
                .orElseThrow(() -> ApiProblem.notFound("No email " + id + " in the outbox"));
    }

    @POST
    @Path("/test-email")
    @Consumes(MediaType.APPLICATION_JSON)
    @Transactional
    @Operation(summary = "Queue a test email, to check this service's mail path end to end")
    @APIResponseSchema(value = OutboxMessageView.class, responseCode = "202", responseDescription = "Queued; Location names the email")
    public RestResponse<OutboxMessageView> testEmail(@NotNull @Valid TestEmail request, @HeaderParam("Idempotency-Key") String idempotencyKey) {
        String key = "test-email/" + (idempotencyKey == null || idempotencyKey.isBlank() ? UUID.randomUUID() : idempotencyKey.strip());
        if (key.length() > 200) {
            throw ApiProblem.invalidField("Idempotency-Key", "at most 188 characters");
        }
        String text = request.text() == null ? "This is a test email. If you can read it, this service's mail path works." : request.text();
        outbox.enqueue(new OutgoingEmail(key, List.of(request.to()),
                request.subject() == null || request.subject().isBlank() ? "Test email from the support platform" : request.subject(),
                text, testEmailHtml(text), Map.of()));
        OutboxMessage message = OutboxMessage.<OutboxMessage>find("idempotencyKey", key).singleResult();
        return Answers.accepted("/api/admin/outbox/" + message.id, OutboxMessageView.of(message));
    }

    /** The HTML part of a test email: the admin's text, escaped, as written (every email has both parts). */
    static String testEmailHtml(String text) {
        String escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
        return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Test email</title></head>"
                + "<body><pre style=\"white-space: pre-wrap; font-family: inherit\">" + escaped + "</pre></body></html>\n";
    }

    private static OutboxStatus parseStatus(String status) {
        try {
            return OutboxStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "must be one of PENDING, SENT, DEAD, CANCELLED");
        }
    }
}
