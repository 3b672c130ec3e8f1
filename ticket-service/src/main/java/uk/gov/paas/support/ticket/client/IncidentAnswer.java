package uk.gov.paas.support.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** incident-service's answer to a declaration: the incident (the first one, for a repeated Idempotency-Key). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IncidentAnswer(long id, String status) {
}
