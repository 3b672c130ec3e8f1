package uk.gov.paas.support.kernel.problem;

import java.util.List;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;

/**
 * A body larger than {@code quarkus.http.limits.max-body-size} is refused with a 413 problem+json (Quarkus's own
 * checks answer 413 with no body). A body announced too large by its Content-Length is refused before anything
 * reads it. A body without a Content-Length (chunked, or HTTP/2 without the header) is buffered here, up to the
 * limit, by Vert.x's BodyHandler, which Quarkus REST then reads instead of the connection; one growing past the
 * limit fails the route with 413, answered here too. Otherwise Quarkus REST's VertxInputStream would cut it off
 * with its bare 413. Forms are left to Quarkus's form decoding, and so is a chunked body without an Authorization
 * header: buffering happens before authentication, so an anonymous caller must not make the service hold up to the
 * limit per request (an anonymous chunked body past the limit still gets Quarkus's bare 413).
 */
@ApplicationScoped
public class BodyTooLarge {

    private final long limit;
    private final String body;
    private final BodyHandler buffer;

    BodyTooLarge(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize limit, ObjectMapper json)
            throws JsonProcessingException {
        this.limit = limit.asLongValue();
        this.body = json.writeValueAsString(new Problem("about:blank", "Content Too Large", 413,
                "The body is larger than this service accepts (" + this.limit + " bytes)", null, List.of()));
        this.buffer = BodyHandler.create(false).setBodyLimit(this.limit);
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(context -> {
            HttpServerRequest request = context.request();
            String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
            if (length != null && tooLarge(length)) {
                refuse(context);
            } else if (length == null && hasBody(request) && !isForm(request)
                    && request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
                buffer.handle(context); // calls context.next() once the whole body is in, or fails with 413
            } else {
                context.next();
            }
        }).failureHandler(context -> {
            if (context.statusCode() == 413 && !context.response().headWritten()) {
                refuse(context);
            } else {
                context.next();
            }
        });
    }

    private void refuse(RoutingContext context) {
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .putHeader(HttpHeaders.CONNECTION, "close").end(body)
                // the client may still be sending the body; stop reading it (on HTTP/2 the stream is reset instead)
                .onComplete(sent -> {
                    if (context.request().version() != HttpVersion.HTTP_2) {
                        context.request().connection().close();
                    }
                });
    }

    /** Without a Content-Length, HTTP/1.1 has a body only when chunked; on HTTP/2 any stream not yet ended may. */
    private static boolean hasBody(HttpServerRequest request) {
        return request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                || request.version() == HttpVersion.HTTP_2 && !request.isEnded();
    }

    private static boolean isForm(HttpServerRequest request) {
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (type == null) {
            return false;
        }
        type = type.toLowerCase(Locale.ROOT);
        return type.startsWith("multipart/") || type.startsWith("application/x-www-form-urlencoded");
    }

    private boolean tooLarge(String length) {
        try {
            return Long.parseLong(length.strip()) > limit;
        } catch (NumberFormatException e) {
            return false; // Vert.x refuses a malformed length itself
        }
    }
}
