package uk.gov.paas.support.escalation.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The response bodies of the Events API v2, field for field as PagerDuty writes them. */
public final class EventsV2Response {

    private EventsV2Response() {
    }

    /** 202: {@code {"status":"success","message":"Event processed","dedup_key":"..."}}. */
    public record Success(String status, String message, @JsonProperty("dedup_key") String dedupKey) {
        public static Success processed(String dedupKey) {
            return new Success("success", "Event processed", dedupKey);
        }
    }

    /** 400: {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}}. */
    public record Invalid(String status, String message, List<String> errors) {
        public static Invalid of(String message, List<String> errors) {
            return new Invalid("invalid event", message, errors);
        }
    }
}
