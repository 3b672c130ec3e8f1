package uk.gov.paas.support.ticket.rest;

import jakarta.enterprise.context.RequestScoped;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.security.Callers;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.ticket.intake.Organisations;
import uk.gov.paas.support.ticket.service.Actor;

/**
 * The caller of this request as an {@link Actor}: name, role, and a tenant's organisation, by the kernel's {@link Callers}
 * rule; a tenant whose organisation is in the per-sender form (contains ':', see {@link Organisations}) is refused too.
 */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;

    Caller(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Actor actor() {
        String role = identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : identity.hasRole(Roles.AGENT) ? Roles.AGENT
                : identity.hasRole(Roles.SERVICE) ? Roles.SERVICE : Roles.TENANT;
        // the kernel's caller rule has already refused a tenant without a usable organisation (no role left: 403); a claim in
        // the per-sender form is no organisation either, so no token can claim one sender's own tickets
        String org = Roles.TENANT.equals(role) ? Callers.organisation(identity).map(Organisations::usableClaim)
                .orElseThrow(() -> new io.quarkus.security.ForbiddenException("a tenant token needs an organisation")) : null;
        return new Actor(identity.getPrincipal().getName(), role, org);
    }
}
