package uk.gov.paas.support.incident.client;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A person as incident-service reads them from escalation-service's directory (this service's own record). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Person(long id, String name, String email, boolean productionAccess, List<String> roles) {
}
