package uk.gov.paas.support.escalation;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;
import uk.gov.paas.support.kernel.testing.ServiceConventionsContract;

/** Health, metrics, OpenAPI and the 401/403/400 problem+json conventions, as this service serves them. */
@QuarkusTest
class EscalationServiceConventionsTest extends ServiceConventionsContract {

    @Override
    protected List<String> listRoutes() {
        return List.of("/api/people", "/api/pages");
    }

    @Override
    protected List<String> textQueries() {
        return List.of("/api/people?email=");
    }

    @Override
    protected IdempotencyUpgrade.OldTable idempotencyTableBefore() {
        return new IdempotencyUpgrade.OldTable("page_request", "page_id", "POST /api/pages", "page");
    }
}
