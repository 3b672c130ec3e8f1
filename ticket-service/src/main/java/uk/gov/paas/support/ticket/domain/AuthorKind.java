package uk.gov.paas.support.ticket.domain;

/** Who wrote a comment: a support agent, the tenant, or the service itself. */
public enum AuthorKind {
    AGENT, TENANT, SYSTEM
}
