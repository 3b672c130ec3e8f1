package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.kernel.targets.Severity;

/** How severities and component states map onto Statuspage's impact and the page indicator. */
class ImpactTest {

    @Test
    void severities() {
        assertEquals(Impact.CRITICAL, Impact.of(Severity.P1));
        assertEquals(Impact.MAJOR, Impact.of(Severity.P2));
        assertEquals(Impact.MINOR, Impact.of(Severity.P3));
        assertEquals(Impact.MINOR, Impact.of(Severity.P4));
        assertEquals("critical", Impact.CRITICAL.wire());
    }

    @Test
    void indicatorIsTheWorstOfComponentsAndOpenIncidents() {
        var operational = List.of(ComponentState.OPERATIONAL, ComponentState.OPERATIONAL);
        assertEquals(Impact.NONE, Impact.indicator(operational, List.of()));
        assertEquals(Impact.NONE, Impact.indicator(List.of(), List.of()));
        assertEquals(Impact.MINOR, Impact.indicator(List.of(ComponentState.OPERATIONAL, ComponentState.DEGRADED_PERFORMANCE), List.of()));
        assertEquals(Impact.MAJOR, Impact.indicator(List.of(ComponentState.PARTIAL_OUTAGE, ComponentState.DEGRADED_PERFORMANCE), List.of()));
        assertEquals(Impact.CRITICAL, Impact.indicator(List.of(ComponentState.MAJOR_OUTAGE, ComponentState.OPERATIONAL), List.of()));
        assertEquals(Impact.MAJOR, Impact.indicator(operational, List.of(Impact.of(Severity.P2))));
        assertEquals(Impact.CRITICAL, Impact.indicator(List.of(ComponentState.DEGRADED_PERFORMANCE), List.of(Impact.MINOR, Impact.CRITICAL)));
        assertEquals(Impact.NONE, Impact.indicator(List.of(ComponentState.UNDER_MAINTENANCE), List.of()));
    }

    @Test
    void descriptionsAreStatuspages() {
        assertEquals("All Systems Operational", Impact.describe(Impact.NONE, List.of(ComponentState.OPERATIONAL)));
        assertEquals("Service Under Maintenance", Impact.describe(Impact.NONE, List.of(ComponentState.UNDER_MAINTENANCE)));
        assertEquals("Minor Service Outage", Impact.describe(Impact.MINOR, List.of()));
        assertEquals("Partial System Outage", Impact.describe(Impact.MAJOR, List.of()));
        assertEquals("Major Service Outage", Impact.describe(Impact.CRITICAL, List.of(ComponentState.UNDER_MAINTENANCE)));
    }
}
