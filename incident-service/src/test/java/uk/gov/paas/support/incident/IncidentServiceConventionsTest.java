package uk.gov.paas.support.incident;

import java.util.List;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;
import uk.gov.paas.support.kernel.testing.ServiceConventionsContract;

/** Health, metrics, OpenAPI and the 401/403/400 problem+json conventions, as this service serves them. */
@QuarkusTest
class IncidentServiceConventionsTest extends ServiceConventionsContract {

    @Override
    protected List<String> listRoutes() {
        return List.of("/api/incidents", "/api/incidents?status=all");
    }

    @Override
    protected IdempotencyUpgrade.OldTable idempotencyTableBefore() {
        return new IdempotencyUpgrade.OldTable("incident_request", "incident_id", "POST /api/incidents", "incident");
    }
}
