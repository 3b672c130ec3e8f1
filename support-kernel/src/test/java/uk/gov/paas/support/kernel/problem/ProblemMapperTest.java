package uk.gov.paas.support.kernel.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.Map;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.ForbiddenException;

/** The branches no HTTP test reaches yet: an unexpected failure, a concurrent update, input the database refuses. */
class ProblemMapperTest {

    private final ProblemMapper mapper = new ProblemMapper();

    @Test
    void anUnexpectedFailureIsA500ProblemThatLeaksNothing() {
        Response response = mapper.unexpected(new IllegalStateException("password=hunter2 at db-7"), null);
        Problem problem = (Problem) response.getEntity();
        assertEquals(500, response.getStatus());
        assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
        assertFalse(problem.detail().contains("hunter2"), problem.detail());
        assertTrue(problem.detail().contains("reference"), "points operators at the log line: " + problem.detail());
    }

    @Test
    void aDatabaseThatCannotBeReachedIsA503ToTryAgainNotA500() {
        for (Throwable away : new Throwable[] {
                new RuntimeException("could not prepare statement", new SQLException("Connection to 127.0.0.1:5432 refused", "08001")),
                new RuntimeException(new SQLException("terminating connection due to administrator command", "57P01")),
                new RuntimeException(new SQLException("the database system is starting up", "57P03")),
                // every connection PostgreSQL allows is taken (seen under the benchmark's load: it was a 500)
                new RuntimeException(new SQLException("FATAL: sorry, too many clients already", "53300")),
                new RuntimeException(new SQLException("Sorry, acquisition timeout!"))}) {
            Response response = mapper.unexpected(away, null);
            assertEquals(503, response.getStatus(), away.toString());
            assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
            assertEquals("5", response.getHeaderString("Retry-After"));
            assertTrue(((Problem) response.getEntity()).detail().contains("nothing was changed"));
        }
        assertEquals(500, mapper.unexpected(new RuntimeException(new SQLException("syntax error", "42601")), null).getStatus(),
                "a bug in a statement is still a 500");
    }

    @Test
    void aConcurrentUpdateIs409AndForbiddenIs403() {
        assertEquals(409, mapper.known(new OptimisticLockException("stale"), null).getStatus());
        assertEquals(403, mapper.known(new ForbiddenException(), null).getStatus());
    }

    @Test
    void anApiProblemKeepsItsStatusAndFields() {
        Response response = mapper.apiProblem(ApiProblem.invalidField("at", "not an instant"), null);
        Problem problem = (Problem) response.getEntity();
        assertEquals(400, response.getStatus());
        assertEquals("at", problem.errors().get(0).field());
    }

    @Test
    void inputTheDatabaseRefusesIs400Or409WhereverItSitsInTheCauseChain() {
        Map<String, Integer> statusByState = Map.of("22021", 400, "22P05", 400, "22001", 400, "22003", 400, "22008", 400,
                "23505", 409, "23503", 409, "40001", 409);
        statusByState.forEach((state, status) -> {
            Throwable wrapped = new RuntimeException("commit failed", new IllegalStateException(new SQLException("refused", state)));
            Response response = mapper.unexpected(wrapped, null);
            assertEquals(status, response.getStatus(), state);
            assertEquals(Problem.MEDIA_TYPE, response.getMediaType().toString());
            assertFalse(((Problem) response.getEntity()).detail().contains("reference"), state);
        });
    }

    @Test
    void aDatabaseFailureThatIsNotTheClientsStaysA500() {
        // (a lost connection is a 503, below: the database was away, not the statement wrong)
        assertEquals(500, mapper.unexpected(new RuntimeException(new SQLException("relation does not exist", "42P01")), null).getStatus());
        assertEquals(500, mapper.unexpected(new RuntimeException(new SQLException("internal error", "XX000")), null).getStatus());
    }

    @Test
    void jsonNestedBeyondJacksonsLimitIs400() {
        String nested = "[".repeat(100_000) + "]".repeat(100_000);
        JsonProcessingException e = assertThrows(JsonProcessingException.class, () -> new ObjectMapper().readTree(nested));
        assertEquals(400, mapper.unreadableJson(e, null).getStatus());
    }
}
