package uk.gov.paas.support.kernel.outbox;

import java.time.Clock;
import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.Consumes;
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

/** Calls to other services queued in the outbox: list them by state, and make a dead one again. */
@Path("/api/admin/outbox/calls")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Outbox", description = "Emails waiting, sent and dead")
public class OutboxCallResource {

    public record OutboxCallView(long id, String idempotencyKey, String target, String operation, String payload, OutboxStatus status,
            int attempts, int timeouts, String claimedBy, Instant nextAttemptAt, String lastError, String result, Instant createdAt,
            Instant sentAt, Instant deadAt) {
        static OutboxCallView of(OutboxCall c) {
            return new OutboxCallView(c.id, c.idempotencyKey, c.target, c.operation, c.payload, c.status, c.attempts, c.timeouts, c.claimedBy,
                    c.nextAttemptAt, c.lastError, c.result, c.createdAt, c.sentAt, c.deadAt);
        }
    }

    private final Clock clock;

    OutboxCallResource(Clock clock) {
        this.clock = clock;
    }

    @GET
    @Operation(summary = "List calls in one state (DEAD by default), newest first")
    public Paged<OutboxCallView> list(@QueryParam("status") @DefaultValue("DEAD") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        OutboxStatus wanted;
        try {
            wanted = OutboxStatus.valueOf(status.toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "must be one of PENDING, SENT, DEAD, CANCELLED");
        }
        return Paged.find(OutboxCall.getEntityManager(), OutboxCall.class, "c", " where c.status = :status", java.util.Map.of("status", wanted),
                "c.createdAt desc, c.id desc", page, size).map(OutboxCallView::of);
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "One queued call")
    public OutboxCallView get(@PathParam("id") long id) {
        return OutboxCall.<OutboxCall>findByIdOptional(id).map(OutboxCallView::of)
                .orElseThrow(() -> ApiProblem.notFound("No call " + id + " in the outbox"));
    }

    @POST
    @Path("/{id}/retry")
    @Consumes(MediaType.WILDCARD)
    @Transactional
    @Operation(summary = "Make a dead call again, with a fresh set of attempts (the receiver still gets the same idempotency key)")
    public OutboxCallView retry(@PathParam("id") long id) {
        // locked, so a call being made right now is waited for (and then found SENT), never put back under its relay
        OutboxCall call = OutboxCall.<OutboxCall>findByIdOptional(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).orElseThrow(() -> ApiProblem.notFound("No call " + id + " in the outbox"));
        if (call.status == OutboxStatus.SENT) {
            throw ApiProblem.conflict("Call " + id + " was already made at " + call.sentAt);
        }
        if (call.status == OutboxStatus.CANCELLED) {
            throw ApiProblem.conflict("Call " + id + " was cancelled at " + call.cancelledAt + " (" + call.lastError + "); it is not made");
        }
        call.lastError = "retried by an admin after " + call.attempts + " attempts" + (call.lastError == null ? "" : "; last error: " + call.lastError);
        call.status = OutboxStatus.PENDING;
        call.attempts = 0;
        call.timeouts = 0;
        call.claimedBy = null;
        call.nextAttemptAt = clock.instant();
        call.deadAt = null;
        return OutboxCallView.of(call);
    }
}
