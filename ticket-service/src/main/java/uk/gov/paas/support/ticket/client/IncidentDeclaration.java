package uk.gov.paas.support.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * What ticket-service asks incident-service to declare (the body of POST /api/incidents): a P1 raised by an
 * emergency email, its source the ticket ({@code sourceKind} TICKET, {@code sourceRef} {@code ticket-<id>}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentDeclaration(String title, String description, String severity, String sourceKind, String sourceRef) {

    /** incident-service's limits: a longer title or description would be refused (a 400, so a dead call). */
    public static final int MAX_TITLE = 300;
    public static final int MAX_DESCRIPTION = 20_000;

    static final String REF_PREFIX = "ticket-";

    public static IncidentDeclaration forTicket(long ticketId, String title, String description) {
        return new IncidentDeclaration(cut(title, MAX_TITLE), cut(description, MAX_DESCRIPTION), "P1", "TICKET", REF_PREFIX + ticketId);
    }

    /** The ticket this declaration came from, read back from {@code sourceRef}; null when it names none. */
    Long ticketId() {
        if (sourceRef == null || !sourceRef.startsWith(REF_PREFIX)) {
            return null;
        }
        try {
            return Long.parseLong(sourceRef.substring(REF_PREFIX.length()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static String cut(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
