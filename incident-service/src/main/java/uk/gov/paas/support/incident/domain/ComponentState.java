package uk.gov.paas.support.incident.domain;

import java.util.Locale;

/** A component's state on the status page; the names are the Atlassian Statuspage public format's. */
public enum ComponentState {
    OPERATIONAL, DEGRADED_PERFORMANCE, PARTIAL_OUTAGE, MAJOR_OUTAGE, UNDER_MAINTENANCE;

    /** As the Statuspage format writes it: {@code partial_outage}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
