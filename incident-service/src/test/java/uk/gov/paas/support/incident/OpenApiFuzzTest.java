package uk.gov.paas.support.incident;

import jakarta.inject.Inject;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.OpenApiFuzz;

/**
 * Every operation of this service's /q/openapi, as every kind of caller, with valid, boundary and malformed input:
 * no 5xx, no 2xx to a caller the route does not let in, no 4xx that changes a row (see {@link OpenApiFuzz}).
 * {@code -Dfuzz.seed=} and {@code -Dfuzz.requests.incident-service=} reproduce or resize a run.
 */
@QuarkusTest
class OpenApiFuzzTest {

    static final String SERVICE = "incident-service";

    @Inject
    IncidentFixtures fixtures;
    @Inject
    DataSource dataSource;

    @BeforeEach
    @AfterEach
    void empty() {
        fixtures.reset();
    }

    @Test
    void noInputAnswers5xxLeaksToAnotherRoleOrChangesARowOn4xx() throws Exception {
        OpenApiFuzz.forThisApplication(dataSource)
                .values("organisation", "acme", "globex")
                .values("leadEmail", "lead@example.org", "dev-agent@support.local")
                .check(SERVICE, 6500);
    }
}
