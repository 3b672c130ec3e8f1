package uk.gov.paas.support.ticket.rest;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.service.Actor;

/** The caller of this request as an {@link Actor}: name, role, and a tenant's organisation from the token's {@code org} claim. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public Actor actor() {
        String role = identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : identity.hasRole(Roles.AGENT) ? Roles.AGENT
                : identity.hasRole(Roles.SERVICE) ? Roles.SERVICE : Roles.TENANT;
        String org = Roles.TENANT.equals(role) ? token.<Object>claim("org").map(Object::toString).orElse(null) : null;
        return new Actor(identity.getPrincipal().getName(), role, org);
    }
}
