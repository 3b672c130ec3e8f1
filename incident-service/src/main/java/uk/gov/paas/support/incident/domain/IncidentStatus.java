package uk.gov.paas.support.incident.domain;

import java.util.Locale;

/** Where an incident is, as tenants read it. */
public enum IncidentStatus {
    INVESTIGATING, IDENTIFIED, MONITORING, RESOLVED;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
