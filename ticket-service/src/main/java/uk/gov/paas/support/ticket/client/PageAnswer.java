package uk.gov.paas.support.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** escalation-service's answer to a page request: the page and its status. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageAnswer(long id, String status) {
}
