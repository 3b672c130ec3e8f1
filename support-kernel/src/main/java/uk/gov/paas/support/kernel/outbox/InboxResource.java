package uk.gov.paas.support.kernel.outbox;

import java.time.Instant;

import jakarta.annotation.security.RolesAllowed;
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

/**
 * Admin view of the {@link Inbox}: what an intake answered for and this service has not yet processed (an Events API v2
 * event not yet a page, an email posted with Prefer: respond-async not yet a ticket), oldest first, with why an item
 * that failed is waiting; and a retry that makes an item backing off due at once (once its cause is fixed). The
 * payload is not shown (an email's text), only its size.
 */
@Path("/api/admin/inbox")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(uk.gov.paas.support.kernel.security.Roles.ADMIN)
@Tag(name = "Outbox", description = "Emails waiting, sent and dead")
public class InboxResource {

    private final Inbox inbox;

    InboxResource(Inbox inbox) {
        this.inbox = inbox;
    }

    public record InboxItemView(long id, String kind, String orderingKey, int payloadChars, Instant receivedAt, int attempts,
            Instant nextAttemptAt, String lastError) {
    }

    @GET
    @Operation(summary = "Items taken in and not yet processed, oldest first (an item that failed shows its attempts and last error)")
    public Paged<InboxItemView> list(@QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        // the backlog is counted exactly: the inbox is drained as it fills, and its size is what an operator asks
        return new Paged<>(inbox.list(page, size), page, size, inbox.waiting());
    }

    @POST
    @Path("/{id}/retry")
    @Operation(summary = "Make a waiting item due now (after its cause is fixed); 404 once it has been processed")
    public InboxItemView retry(@PathParam("id") long id) {
        return inbox.dueNow(id).orElseThrow(() -> ApiProblem.notFound("No item " + id + " waiting in the inbox (processed, or never stored)"));
    }
}
