package uk.gov.paas.support.incident.console;

import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.TimelineEntry;

/** What the incident console's templates ask of the API's values. */
@TemplateExtension
final class IncidentTemplateExtensions {

    private IncidentTemplateExtensions() {
    }

    /** A status as words: "investigating". */
    static String statusWords(IncidentStatus status) {
        return status == null ? "" : status.name().toLowerCase(Locale.ROOT);
    }

    /** A component's state as the status page says it: "Partial outage". */
    static String stateWords(ComponentState state) {
        if (state == null) {
            return "";
        }
        String text = state.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A timeline entry's kind as words: "Production change". */
    static String kindWords(TimelineEntry.Kind kind) {
        String text = kind.name().replace('_', ' ').toLowerCase(Locale.ROOT);
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** A role of the review's attendees as words: "delivery-manager" is "Delivery manager". */
    @TemplateExtension(namespace = "incident")
    static String role(String role) {
        String text = role.replace('-', ' ');
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
