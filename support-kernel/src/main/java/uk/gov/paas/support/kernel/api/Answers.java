package uk.gov.paas.support.kernel.api;

import java.net.URI;

import org.jboss.resteasy.reactive.RestResponse;

/**
 * The answers other than a plain 200 with a view, built one way in every service. They are {@link RestResponse}s of
 * the view type, never a raw {@code Response}, so /q/openapi keeps the view's schema; a status other than 200 is
 * stated on the method with {@code @APIResponseSchema(value = View.class, responseCode = "201")}.
 */
public final class Answers {

    /** Set on the answer to a repeated {@code Idempotency-Key}: the first request's result, nothing changed. */
    public static final String REPLAYED = "Idempotent-Replayed";

    private Answers() {
    }

    /** 201: what was made, with its address in Location. */
    public static <T> RestResponse<T> created(String location, T view) {
        return RestResponse.ResponseBuilder.create(RestResponse.Status.CREATED, view).location(URI.create(location)).build();
    }

    /** 201 without a Location: what was made has no address of its own. */
    public static <T> RestResponse<T> created(T view) {
        return RestResponse.status(RestResponse.Status.CREATED, view);
    }

    /** 202: accepted, to be done later (an email queued). */
    public static <T> RestResponse<T> accepted(String location, T view) {
        return RestResponse.ResponseBuilder.accepted(view).location(URI.create(location)).build();
    }

    /** 200 with the first request's result, for a repeated {@code Idempotency-Key} ({@value #REPLAYED}: true). */
    public static <T> RestResponse<T> replayed(T view) {
        return RestResponse.ResponseBuilder.ok(view).header(REPLAYED, "true").build();
    }
}
