package uk.gov.paas.support.escalation.intake;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The response bodies of the Events API v2, field for field as PagerDuty writes them. */
public sealed interface EventsV2Response permits EventsV2Response.Success, EventsV2Response.Invalid {

    /** 202: {@code {"status":"success","message":"Event processed","dedup_key":"..."}}. */
    record Success(String status, String message, @JsonProperty("dedup_key") String dedupKey) implements EventsV2Response {
        public static Success processed(String dedupKey) {
            return new Success("success", "Event processed", dedupKey);
        }
    }

    /** 400: {@code {"status":"invalid event","message":"Event object is invalid","errors":[...]}}. */
    record Invalid(String status, String message, List<String> errors) implements EventsV2Response {
        public static Invalid of(String message, List<String> errors) {
            return new Invalid("invalid event", message, errors);
        }
    }
}
