package uk.gov.paas.support.kernel.security;

/** The roles a bearer token's {@code groups} claim can carry. */
public final class Roles {

    /** A tenant's user; the token also carries an {@code org} claim and sees only that organisation. */
    public static final String TENANT = "tenant";
    /** A support engineer. */
    public static final String AGENT = "agent";
    /** Operates the service itself (outbox, configuration). */
    public static final String ADMIN = "admin";
    /** Another service or a monitoring system calling the API. */
    public static final String SERVICE = "service";

    private Roles() {
    }
}
