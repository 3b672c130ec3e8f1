package uk.gov.paas.support.kernel.clients;

import java.lang.reflect.Method;
import java.util.Optional;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import io.smallrye.config.SmallRyeConfig;

/**
 * Sends this service's own bearer token to the service a REST client calls. Register it on every client of another
 * service, {@code @RegisterProvider(ServiceTokenFilter.class)}: the callee is the client's
 * {@code @RegisterRestClient(configKey)}, its token {@code support.clients.<configKey>.token} ({@link ServiceClients}).
 * No header while the token is unset (development only: {@link ServiceTokenGuard} refuses that anywhere else); a client
 * whose callee is not listed in {@code support.clients} fails its call rather than call without a token unnoticed.
 */
public class ServiceTokenFilter implements ClientRequestFilter {

    /** Set by MicroProfile Rest Client on every request: the interface method being called. */
    static final String INVOKED_METHOD = "org.eclipse.microprofile.rest.client.invokedMethod";

    @Override
    public void filter(ClientRequestContext request) {
        String callee = callee(request.getProperty(INVOKED_METHOD));
        ServiceClients clients = ConfigProvider.getConfig().unwrap(SmallRyeConfig.class).getConfigMapping(ServiceClients.class);
        if (!clients.callees().containsKey(callee)) {
            throw new IllegalStateException(ServiceClients.tokenProperty(callee) + " is not configured; list every service this one calls in "
                    + "application.properties (" + ServiceClients.tokenProperty(callee) + "=${" + ServiceClients.tokenVariable(callee) + ":})");
        }
        header(clients.tokens().get(callee)).ifPresent(value -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, value));
    }

    /** The Authorization header for a token; none for an unset one. */
    static Optional<String> header(Optional<String> token) {
        return token.map(t -> "Bearer " + t.strip());
    }

    /** The callee of a REST client call: its interface's configKey. */
    static String callee(Object invokedMethod) {
        RegisterRestClient client = invokedMethod instanceof Method method ? method.getDeclaringClass().getAnnotation(RegisterRestClient.class) : null;
        if (client == null || client.configKey().isBlank()) {
            throw new IllegalStateException("ServiceTokenFilter is for @RegisterRestClient(configKey = \"<callee>\") interfaces; "
                    + "the callee names its token, support.clients.<callee>.token");
        }
        return client.configKey();
    }
}
