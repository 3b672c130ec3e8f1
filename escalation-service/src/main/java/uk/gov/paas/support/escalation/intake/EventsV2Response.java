package uk.gov.paas.support.escalation.intake;
import java.util.List; import com.fasterxml.jackson.annotation.JsonProperty;
public final class EventsV2Response {
    public record Success(String status, String message, @JsonProperty("dedup_key") String dedupKey) { public static Success processed(String d) { return new Success("success", "Event processed", d); } }
    public record Invalid(String status, String message, List<String> errors) { }
}
