package uk.gov.paas.support.ticket.client;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Who is on call on a rota now, and who is next, as ticket-service reads it from escalation-service (this service's own record). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OnCall(long rotaId, String rotaName, Shift now, Shift next) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Shift(PersonRef person, java.time.Instant start, java.time.Instant end) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PersonRef(long id, String name, String email) {
    }
}
