package uk.gov.paas.support.incident.client;

import com.fasterxml.jackson.annotation.JsonInclude;

/** What incident-service asks escalation-service to page about. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PageRequest(String severity, String summary, String source, String dedupKey, String link) {
}
