package uk.gov.paas.support.escalation;

import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * {@code -Dfuzz.seed=} and {@code -Dfuzz.requests.escalation-service=} reproduce or resize a run.
 */
@QuarkusTest
class OpenApiFuzzTest {

    static final String SERVICE = "escalation-service";

    @Inject
    EscalationFixtures fixtures;
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
                .exclude("/api/policies", shippedPolicy())
                .ids("/api/rotas", List.of("support", "escalation"))
                .check(SERVICE, 7000);
    }

    /** The policy the migration ships, which the other tests keep as the default: the fuzz never changes it. */
    private long shippedPolicy() throws java.sql.SQLException {
        try (var connection = dataSource.getConnection();
                var statement = connection.prepareStatement("select id from escalation_policy where name = ?")) {
            statement.setString(1, EscalationFixtures.SHIPPED_POLICY);
            try (var rows = statement.executeQuery()) {
                assertTrue(rows.next(), "the shipped policy is missing");
                return rows.getLong(1);
            }
        }
    }
}
