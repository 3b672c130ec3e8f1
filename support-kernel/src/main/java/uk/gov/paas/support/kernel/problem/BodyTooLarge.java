package uk.gov.paas.support.kernel.problem;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;

/**
 * A body announced larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem+json before
 * anything reads it (Quarkus's own check answers 413 with no body). A chunked body that grows past the limit is
 * still cut off by Quarkus, with its plain 413.
 */
@ApplicationScoped
public class BodyTooLarge {

    private final long limit;
    private final String body;

    BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.body = json.writeValueAsString(new Problem("about:blank", "Content Too Large", 413,
                "The body is larger than this service accepts (" + this.limit + " bytes)", null, List.of()));
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            String length = context.request().getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                        .putHeader(HttpHeaders.CONNECTION, "close").end(body)
                        // the client may still be sending the body; stop reading it (on HTTP/2 the stream is reset instead)
                        .onComplete(sent -> {
                            if (context.request().version() != HttpVersion.HTTP_2) {
                                context.request().connection().close();
                            }
                        });
                return;
            }
            context.next();
        });
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself
        }
    }
}
