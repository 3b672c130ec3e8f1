package uk.gov.paas.support.ticket.rest;

import java.util.List;

import jakarta.enterprise.context.RequestScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.intake.Organisations;
import uk.gov.paas.support.ticket.service.Actor;

/** The caller of this request as an {@link Actor}: name, role, and a tenant's organisation from the token's {@code org} claim
 * (a tenant whose claim is missing, blank or contains ':', the per-sender form, is refused: 403). */
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
        // a claim in the per-sender form (or blank) is no organisation: no token can claim one sender's own tickets
        String org = Roles.TENANT.equals(role) ? Organisations.usableClaim(token.<Object>claim("org").map(Object::toString).orElse(null)) : null;
        if (Roles.TENANT.equals(role) && org == null) {
            // fail closed: a tenant with no organisation would otherwise be filtered by nothing
            throw new ApiProblem(403, "Forbidden", "The tenant token carries no usable organisation (org claim)", List.of());
        }
        return new Actor(identity.getPrincipal().getName(), role, org);
    }
}
