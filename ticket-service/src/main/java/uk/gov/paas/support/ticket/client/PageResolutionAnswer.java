package uk.gov.paas.support.ticket.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** escalation-service's answer to a resolve: the pages it resolved (none when no open page had the key). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PageResolutionAnswer(String dedupKey, List<PageAnswer> resolved) {
}
