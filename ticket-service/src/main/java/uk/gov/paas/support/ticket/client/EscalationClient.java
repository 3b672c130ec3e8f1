package uk.gov.paas.support.ticket.client;

import java.time.temporal.ChronoUnit;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import uk.gov.paas.support.kernel.problem.ApiProblem;

/**
 * Asks escalation-service who is on call, with a timeout, retries, a circuit breaker and a fallback. The hand-over
 * never guesses who takes the tickets: when the rota cannot be asked, it refuses with a 503 and moves nothing.
 */
@ApplicationScoped
public class EscalationClient {

    private static final Logger LOG = Logger.getLogger(EscalationClient.class);

    private final EscalationRestClient client;

    EscalationClient(@RestClient EscalationRestClient client) {
        this.client = client;
    }

    /** Who is on call on the rota now and who is next. A rota escalation-service does not know is a 400. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200, abortOn = ApiProblem.class)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS, skipOn = ApiProblem.class)
    @Fallback(fallbackMethod = "rotaUnreachable", skipOn = ApiProblem.class)
    public OnCall onCall(String rota) {
        try {
            return client.onCall(rota);
        } catch (WebApplicationException e) {
            if (e.getResponse().getStatus() == 404) {
                throw ApiProblem.invalidField("rota", "escalation-service has no rota '" + rota + "'");
            }
            throw e;
        }
    }

    OnCall rotaUnreachable(String rota, Throwable why) {
        LOG.warnf("escalation-service could not be asked who is on call on %s: %s", rota, why.toString());
        String detail = why instanceof CircuitBreakerOpenException ? " (it failed repeatedly just now)" : "";
        throw new ApiProblem(503, "Service Unavailable", "escalation-service cannot be reached" + detail + ", so the next person on the rota is "
                + "unknown; no ticket was moved. Try again shortly", List.of());
    }
}
