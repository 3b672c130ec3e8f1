package uk.gov.paas.support.escalation.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.targets.Severity;

/** How a routing key grades events: plain JUnit, no Quarkus. */
class GradingTest {

    @Test
    void theDefaultWakesForAnythingTheSenderDidNotMarkLow() {
        // Alertmanager sends "error" unless its config says otherwise: that must be a P1, which wakes the on-call out of hours
        assertEquals(Severity.P1, Grading.DEFAULT.grade(AlertSeverity.CRITICAL, "am").priority());
        assertEquals(Severity.P1, Grading.DEFAULT.grade(AlertSeverity.ERROR, "am").priority());
        assertEquals(Severity.P3, Grading.DEFAULT.grade(AlertSeverity.WARNING, "am").priority());
        assertEquals(Severity.P4, Grading.DEFAULT.grade(AlertSeverity.INFO, "am").priority());
        assertFalse(Grading.DEFAULT.isFixed());
    }

    @Test
    void aFixedPriorityGradesEverySeverityAlikeAndSaysSo() {
        Grading uptime = Grading.fixed(Severity.P1);
        for (AlertSeverity severity : AlertSeverity.values()) {
            Grading.Graded graded = uptime.grade(severity, "Uptime checks");
            assertEquals(Severity.P1, graded.priority());
            assertEquals("routing key 'Uptime checks' grades every event P1 (fixed priority)", graded.because());
        }
        assertTrue(uptime.isFixed());
    }

    @Test
    void aMappingChangesOnlyTheSeveritiesItNamesAndSaysWhichMappingApplied() {
        Grading grading = Grading.mapping(Map.of(AlertSeverity.WARNING, Severity.P2));
        assertEquals(Severity.P2, grading.grade(AlertSeverity.WARNING, "am").priority());
        assertEquals(Severity.P1, grading.grade(AlertSeverity.ERROR, "am").priority());
        assertEquals("routing key 'am' maps severity 'warning' to P2", grading.grade(AlertSeverity.WARNING, "am").because());
    }

    @Test
    void theStoredMappingRoundTrips() {
        Grading grading = Grading.mapping(Map.of(AlertSeverity.INFO, Severity.P3));
        assertEquals("critical=P1,error=P1,warning=P3,info=P3", grading.storedMapping());
        assertEquals(grading.mapping(), Grading.parseStoredMapping(grading.storedMapping()));
    }

    @Test
    void aMappingMustNameEverySeverity() {
        assertThrows(IllegalArgumentException.class, () -> new Grading(null, Map.of(AlertSeverity.CRITICAL, Severity.P1)));
    }
}
