package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.statuspage.PublicText.Context;
import uk.gov.paas.support.incident.statuspage.StatusPage.AffectedComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicIncident;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicReport;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicUpdate;

/**
 * The public projection of an incident, plain JUnit: every text field the status page, its JSON (both formats) and
 * published reports show is redacted; ids, states, impacts and times pass unchanged; projecting twice changes nothing more.
 */
class PublicProjectionTest {

    private static final Context CTX = new Context(Set.of("Ada Lovelace"), List.of("https://tickets.internal"));
    private static final String LEAKY = "Ada Lovelace (ada@example.org, 07700 900123) see https://tickets.internal/api/tickets/4";
    private static final String CLEAN = "the team ([email removed], [phone removed]) see [link removed]";
    private static final Instant AT = Instant.parse("2026-11-02T10:00:00Z");

    private static PublicComponent component() {
        return new PublicComponent(1, "Postgres " + LEAKY, "Run by " + LEAKY, 2, ComponentState.PARTIAL_OUTAGE, AT);
    }

    private static PublicIncident incident() {
        PublicUpdate update = new PublicUpdate(5, 7, IncidentStatus.IDENTIFIED, "Found it: " + LEAKY, "Body " + LEAKY, AT,
                List.of(new AffectedComponent(component(), ComponentState.OPERATIONAL, ComponentState.PARTIAL_OUTAGE)));
        return new PublicIncident(7, "Database down " + LEAKY, IncidentStatus.IDENTIFIED, Impact.MAJOR, AT, AT.plusSeconds(60), null, null,
                List.of(component()), List.of(update), true);
    }

    @Test
    void aComponentShowsNoAddressPhoneLinkOrName() {
        PublicComponent shown = PublicProjection.component(component(), CTX);
        assertEquals("Postgres " + CLEAN, shown.name());
        assertEquals("Run by " + CLEAN, shown.description());
        assertEquals(new PublicComponent(1, shown.name(), shown.description(), 2, ComponentState.PARTIAL_OUTAGE, AT), shown,
                "only the text fields change");
    }

    @Test
    void anIncidentIsRedactedThroughItsComponentsAndUpdates() {
        PublicIncident shown = PublicProjection.incident(incident(), CTX);
        assertEquals("Database down " + CLEAN, shown.name());
        assertEquals("Postgres " + CLEAN, shown.components().get(0).name());
        PublicUpdate update = shown.updates().get(0);
        assertEquals("Found it: " + CLEAN, update.title());
        assertEquals("Body " + CLEAN, update.body());
        assertEquals("Run by " + CLEAN, update.affected().get(0).component().description());
        assertEquals(ComponentState.OPERATIONAL, update.affected().get(0).oldState());
        assertEquals(Impact.MAJOR, shown.impact());
        assertEquals(IncidentStatus.IDENTIFIED, shown.status());
        assertEquals(AT.plusSeconds(60), shown.updatedAt());
        assertTrue(shown.reportPublished());
        assertFalse(shown.toString().contains("ada@example.org") || shown.toString().contains("Lovelace")
                || shown.toString().contains("07700") || shown.toString().contains("tickets.internal"), shown.toString());
    }

    @Test
    void aReportsTitleAndMarkdownAreRedactedAsPublishedAndAsShown() {
        PublicReport shown = PublicProjection.report(new PublicReport(7, "Report " + LEAKY, AT, "# Summary\n\n" + LEAKY + "\n"), CTX);
        assertEquals("Report " + CLEAN, shown.title());
        assertEquals("# Summary\n\n" + CLEAN + "\n", shown.markdown());
        assertEquals(shown.markdown(), PublicProjection.reportMarkdown("# Summary\n\n" + LEAKY + "\n", CTX), "one rule when stored and when shown");
    }

    @Test
    void projectingTwiceChangesNothingMore() {
        PublicIncident once = PublicProjection.incident(incident(), CTX);
        assertEquals(once, PublicProjection.incident(once, CTX));
    }
}
