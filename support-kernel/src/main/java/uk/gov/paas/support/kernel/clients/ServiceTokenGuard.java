package uk.gov.paas.support.kernel.clients;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.kernel.config.Profiles;

/**
 * Outside development profiles ({@link Profiles}) a service must start with a token for every service it calls
 * ({@link ServiceClients}): without one, every call to that service would be refused with a 401 and the outbox would hold
 * incidents, pages and timeline events until someone noticed.
 */
public class ServiceTokenGuard {

    void onStart(@Observes StartupEvent event, ServiceClients clients, @ConfigProperty(name = "quarkus.application.name") String service) {
        violation(Profiles.active(), clients.tokens(), service).ifPresent(problem -> {
            throw new IllegalStateException("Refusing to start: " + problem);
        });
    }

    /** Why these tokens may not run under these profiles, naming each missing one; empty when they may. */
    public static Optional<String> violation(Collection<String> profiles, Map<String, Optional<String>> tokens, String service) {
        if (!Profiles.requiresServiceTokens(profiles)) {
            return Optional.empty();
        }
        List<String> missing = tokens.entrySet().stream().filter(e -> e.getValue().filter(t -> !t.isBlank()).isEmpty())
                .map(e -> ServiceClients.tokenProperty(e.getKey()) + " (" + ServiceClients.tokenVariable(e.getKey()) + ")").sorted().toList();
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(String.join(" and ", missing) + (missing.size() == 1 ? " is" : " are") + " not set; set "
                + (missing.size() == 1 ? "it" : "each") + " to a bearer token with the role service issued to " + service);
    }
}
