package uk.gov.paas.support.incident.domain;

/** What raised the incident. */
public enum SourceKind {
    TICKET, ALERT, MANUAL
}
