package uk.gov.paas.support.ticket;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;
import uk.gov.paas.support.kernel.testing.ServiceConventionsContract;

/** Health, metrics, OpenAPI and the 401/403/400 problem+json conventions, as this service serves them. */
@QuarkusTest
class TicketServiceConventionsTest extends ServiceConventionsContract {

    @Override
    protected List<String> listRoutes() {
        return List.of("/api/tickets", "/api/tickets?view=triage", "/api/intake/suspended");
    }

    @Override
    protected List<String> textQueries() {
        return List.of("/api/tickets?tag=");
    }

    @Override
    protected IdempotencyUpgrade.OldTable idempotencyTableBefore() {
        return new IdempotencyUpgrade.OldTable("ticket_request", "ticket_id", "POST /api/tickets", "ticket");
    }
}
