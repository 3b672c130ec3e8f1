package uk.gov.paas.support.escalation.client;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

import org.eclipse.microprofile.config.ConfigProvider;

/** Sends escalation-service's own bearer token (role {@code service}) to incident-service: INCIDENT_SERVICE_TOKEN. */
public class IncidentTokenFilter implements ClientRequestFilter {

    @Override
    public void filter(ClientRequestContext request) {
        ConfigProvider.getConfig().getOptionalValue("support.incident-client.token", String.class)
                .filter(token -> !token.isBlank())
                .ifPresent(token -> request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token));
    }
}
