package uk.gov.paas.support.incident.client;

import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.Fallback;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.faulttolerance.Timeout;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import uk.gov.paas.support.kernel.problem.ApiProblem;

/**
 * Reads from escalation-service's people directory, with a timeout, retries, a circuit breaker and a fallback.
 * The lead check never guesses: when the directory cannot be asked, it refuses with a 503.
 */
@ApplicationScoped
public class EscalationClient {

    private static final Logger LOG = Logger.getLogger(EscalationClient.class);

    private final EscalationRestClient client;

    EscalationClient(@RestClient EscalationRestClient client) {
        this.client = client;
    }

    /** The person with this email, if the directory has one. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "directoryUnreachable")
    public Optional<Person> personByEmail(String email) {
        // only an answer about this very address may vouch for the lead
        return client.people(email, null, 2).items().stream().filter(p -> email.equalsIgnoreCase(p.email())).findFirst();
    }

    Optional<Person> directoryUnreachable(String email, Throwable why) {
        LOG.warnf("escalation-service could not be asked about %s: %s", email, why.toString());
        throw new ApiProblem(503, "Service Unavailable", "escalation-service (the people directory) cannot be reached, so the lead's "
                + "production access cannot be checked; try again shortly", List.of());
    }

    /** Everyone holding a role; empty (with a warning) when the directory cannot be asked, so the caller uses its configured fallback. */
    @Timeout(value = 2, unit = ChronoUnit.SECONDS)
    @Retry(maxRetries = 2, delay = 200)
    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 10, delayUnit = ChronoUnit.SECONDS)
    @Fallback(fallbackMethod = "nobodyReachable")
    public List<Person> withRole(String role) {
        return client.people(null, role, 50).items();
    }

    List<Person> nobodyReachable(String role) {
        LOG.warnf("escalation-service could not be asked who holds %s; using the configured fallback", role);
        return List.of();
    }
}
