package uk.gov.paas.support.ticket;

import java.util.List;

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
 * {@code -Dfuzz.seed=} and {@code -Dfuzz.requests.ticket-service=} reproduce or resize a run.
 */
@QuarkusTest
class OpenApiFuzzTest {

    static final String SERVICE = "ticket-service";

    @Inject
    TicketFixtures fixtures;
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
                .values("tags", List.of("paas_question"), List.of("paas_bug", "paas_cc"), List.of())
                .values("group", "triage", "first-line", "second-line", "scoping")
                .values("from", "agent-a@support.example", "dev-agent@support.local")
                .values("rota", "support")
                .check(SERVICE, 7000);
    }
}
