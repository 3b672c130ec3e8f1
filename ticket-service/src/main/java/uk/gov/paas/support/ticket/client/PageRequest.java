package uk.gov.paas.support.ticket.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What ticket-service asks escalation-service to page about. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageRequest(String severity, String summary, String source, String dedupKey, String link) {
}
