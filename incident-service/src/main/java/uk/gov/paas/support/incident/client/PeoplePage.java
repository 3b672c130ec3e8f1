package uk.gov.paas.support.incident.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** One page of escalation-service's people list. */
@JsonIgnoreProperties(ignoreUnknown = true)
record PeoplePage(List<Person> items, long total) {
}
