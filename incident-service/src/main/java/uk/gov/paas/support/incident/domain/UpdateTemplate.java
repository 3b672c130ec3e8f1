package uk.gov.paas.support.incident.domain;

/** The tenant update templates; each sets the incident's status and the named components' state. */
public enum UpdateTemplate {
    INVESTIGATING("Possible issue being investigated", IncidentStatus.INVESTIGATING, ComponentState.DEGRADED_PERFORMANCE),
    IDENTIFIED("Issue identified", IncidentStatus.IDENTIFIED, ComponentState.PARTIAL_OUTAGE),
    MONITORING("Fix applied, monitoring", IncidentStatus.MONITORING, ComponentState.DEGRADED_PERFORMANCE),
    RESOLVED("Resolved", IncidentStatus.RESOLVED, ComponentState.OPERATIONAL);

    private final String title;
    private final IncidentStatus status;
    private final ComponentState defaultComponentState;

    UpdateTemplate(String title, IncidentStatus status, ComponentState defaultComponentState) {
        this.title = title;
        this.status = status;
        this.defaultComponentState = defaultComponentState;
    }

    public String title() {
        return title;
    }

    public IncidentStatus status() {
        return status;
    }

    /** The state the named components take unless the update says otherwise. */
    public ComponentState defaultComponentState() {
        return defaultComponentState;
    }
}
