package uk.gov.paas.support.kernel.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;

import io.quarkus.security.ForbiddenException;

/** The branches no HTTP test reaches yet: an unexpected failure and a concurrent update. */
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
}
