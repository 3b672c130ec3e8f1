package uk.gov.paas.support.escalation.rest;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.security.Roles;

/** Who is calling, as the API records and filters by it. */
final class Callers {

    private Callers() {
    }

    /** Phone numbers are for those who run the service and for other services, not for every agent. */
    static boolean seesPhones(SecurityIdentity identity) {
        return identity.hasRole(Roles.ADMIN) || identity.hasRole(Roles.SERVICE);
    }

    static String name(SecurityIdentity identity) {
        return identity.isAnonymous() ? "anonymous" : identity.getPrincipal().getName();
    }
}
