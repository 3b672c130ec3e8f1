package uk.gov.paas.support.incident.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Sends incident-service's own bearer token (role {@code service}) to escalation-service. It comes from
 * ESCALATION_SERVICE_TOKEN: in a cluster a token issued to this service by the identity provider, from a Secret;
 * under ./run-local a development token the local stack mints.
 */
public class ServiceTokenFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        ConfigProvider.getConfig().getOptionalValue("support.escalation-client.token", String.class)
                .filter(token -> !token.isBlank())
                .ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
