package uk.gov.paas.support.incident.statuspage;

import java.util.Collection;
import java.util.Locale;

import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * The Atlassian Statuspage impact scale, used both for an incident's {@code impact} and for the page's
 * {@code status.indicator}: none &lt; minor &lt; major &lt; critical.
 */
public enum Impact {
    NONE("All Systems Operational"),
    MINOR("Minor Service Outage"),
    MAJOR("Partial System Outage"),
    CRITICAL("Major Service Outage");

    /** What Statuspage pages say in {@code status.description} for each indicator. */
    private final String description;

    Impact(String description) {
        this.description = description;
    }

    /** As the format writes it: {@code none}, {@code minor}, {@code major}, {@code critical}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String description() {
        return description;
    }

    public Impact max(Impact other) {
        return other.ordinal() > ordinal() ? other : this;
    }

    /**
     * An incident's impact from its severity: P1 critical, P2 major, P3 minor, and P4 minor too. A P4 is still an
     * incident tenants may notice (our targets table calls it "Minor"); Statuspage's {@code none} means no impact at
     * all, which a declared incident never claims.
     */
    public static Impact of(Severity severity) {
        return switch (severity) {
            case P1 -> CRITICAL;
            case P2 -> MAJOR;
            case P3, P4 -> MINOR;
        };
    }

    /**
     * What one component's state says about the page: major outage critical, partial outage major, degraded
     * performance minor; operational and under maintenance none (maintenance is planned, not an outage).
     */
    public static Impact of(ComponentState state) {
        return switch (state) {
            case MAJOR_OUTAGE -> CRITICAL;
            case PARTIAL_OUTAGE -> MAJOR;
            case DEGRADED_PERFORMANCE -> MINOR;
            case OPERATIONAL, UNDER_MAINTENANCE -> NONE;
        };
    }

    /**
     * The page's {@code status.indicator}: the worst of every component's state (as {@link #of(ComponentState)})
     * and every open incident's impact. So an all-operational page with nothing open is {@code none}; a component in
     * major outage, or an open P1, makes it {@code critical}; an open P2 whose components still read operational is
     * {@code major}, because tenants are told about the incident before each component's state is updated.
     */
    public static Impact indicator(Collection<ComponentState> componentStates, Collection<Impact> openIncidentImpacts) {
        Impact worst = NONE;
        for (ComponentState state : componentStates) {
            worst = worst.max(of(state));
        }
        for (Impact impact : openIncidentImpacts) {
            worst = worst.max(impact);
        }
        return worst;
    }

    /**
     * {@code status.description} for the page: the indicator's wording, except that a page whose only news is a
     * component under maintenance says so rather than "All Systems Operational".
     */
    public static String describe(Impact indicator, Collection<ComponentState> componentStates) {
        if (indicator == NONE && componentStates.contains(ComponentState.UNDER_MAINTENANCE)) {
            return "Service Under Maintenance";
        }
        return indicator.description();
    }
}
