package uk.gov.paas.support.ticket.service;

import uk.gov.paas.support.kernel.security.Roles;

/**
 * Who is acting: their name (the token's subject, an email for people), their role, and for a tenant the
 * organisation whose tickets they may see. A tenant is the only role limited to one organisation.
 */
public record Actor(String name, String role, String organisation) {

    public static final Actor SYSTEM = new Actor("ticket-service", Roles.SERVICE, null);

    public boolean tenant() {
        return Roles.TENANT.equals(role);
    }

    /** May this actor see the ticket of this organisation? Everyone but a tenant sees every organisation. */
    public boolean sees(String ticketOrganisation) {
        return !tenant() || (organisation != null && organisation.equals(ticketOrganisation));
    }
}
