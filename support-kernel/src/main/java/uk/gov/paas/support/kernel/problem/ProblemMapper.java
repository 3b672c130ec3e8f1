package uk.gov.paas.support.kernel.problem;

import java.sql.SQLException;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import jakarta.persistence.OptimisticLockException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/**
 * The one error mapping of every service: any failure leaves as RFC 9457 problem+json. Client mistakes get
 * their 4xx with a detail that says what to fix (input the database refuses included); anything unexpected is a 500 whose body names only a log reference.
 */
public class ProblemMapper {

    private static final Logger LOG = Logger.getLogger(ProblemMapper.class);

    /** Status and title for failures that carry no status of their own. */
    static final Map<Class<? extends Throwable>, Integer> STATUS_BY_TYPE = Map.of(
            UnauthorizedException.class, 401,
            AuthenticationFailedException.class, 401,
            AuthenticationCompletionException.class, 401,
            ForbiddenException.class, 403,
            OptimisticLockException.class, 409);

    @ServerExceptionMapper
    public Response apiProblem(ApiProblem e, UriInfo uri) {
        return respond(new Problem("about:blank", e.title(), e.status(), e.getMessage(), path(uri), e.errors()));
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e, UriInfo uri) {
        List<Problem.FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                .sorted(Comparator.comparing(Problem.FieldError::field))
                .toList();
        String detail = errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; "));
        return respond(new Problem("about:blank", "Invalid request", 400, detail, path(uri), errors));
    }

    @ServerExceptionMapper
    public Response unreadableJson(JsonProcessingException e, UriInfo uri) {
        return respond(json(e, path(uri)));
    }

    /** Named separately: quarkus-rest-jackson ships its own mapper for this type, with a non-problem body. */
    @ServerExceptionMapper
    public Response mistypedJson(MismatchedInputException e, UriInfo uri) {
        return respond(json(e, path(uri)));
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e, UriInfo uri) {
        if (e.getCause() instanceof JsonProcessingException json) {
            return respond(json(json, path(uri)));
        }
        Response.StatusType status = e.getResponse().getStatusInfo();
        String detail = switch (status.getStatusCode()) {
            case 404 -> "No resource at " + path(uri);
            case 405 -> "Method not allowed here";
            case 406 -> "This resource cannot produce the media type asked for";
            case 415 -> "Send the body as application/json";
            default -> e.getMessage();
        };
        return respond(new Problem("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, path(uri), List.of()));
    }

    @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class, AuthenticationCompletionException.class,
            ForbiddenException.class, OptimisticLockException.class})
    public Response known(Exception e, UriInfo uri) {
        int status = STATUS_BY_TYPE.entrySet().stream().filter(entry -> entry.getKey().isInstance(e))
                .map(Map.Entry::getValue).findFirst().orElse(500);
        String detail = switch (status) {
            case 401 -> "A valid bearer token is required";
            case 403 -> "Your role does not allow this";
            case 409 -> "Someone else changed this at the same time; reload and try again";
            default -> "Unexpected error";
        };
        Response response = respond(new Problem("about:blank", Response.Status.fromStatusCode(status).getReasonPhrase(), status, detail,
                path(uri), List.of()));
        if (status == 401) {
            response.getHeaders().add(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return response;
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        Problem refused = refusedByDatabase(e, path(uri));
        if (refused != null) {
            LOG.debugf(e, "The database refused a request to %s", path(uri));
            return respond(refused);
        }
        if (databaseUnavailable(e)) {
            // not this request's fault and not a bug: a 503 the caller (monitoring, another service's outbox) retries
            LOG.warnf("The database is unavailable for %s: %s", path(uri), e.getMessage());
            return Response.fromResponse(respond(new Problem("about:blank", "Service Unavailable", 503,
                    "The service cannot reach its database just now; nothing was changed. Try again in a few seconds", path(uri), List.of())))
                    .header("Retry-After", "5").build();
        }
        String reference = UUID.randomUUID().toString();
        LOG.errorf(e, "Unexpected failure on %s (reference %s)", path(uri), reference);
        return respond(new Problem("about:blank", "Internal Server Error", 500,
                "Unexpected error; the service logged it with reference " + reference, path(uri), List.of()));
    }

    /**
     * Input the database cannot store (a NUL in text, a value out of its range) or a row another request wrote first:
     * the client's to fix, so a 400 or 409. The failed statement rolled its transaction back, so nothing changed.
     * Other database failures stay 500s.
     */
    static Problem refusedByDatabase(Throwable e, String instance) {
        String state = sqlState(e);
        if (state == null) {
            return null;
        }
        String detail = switch (state) {
            case "22021", "22P05" -> "A text holds a character that cannot be stored (such as \\u0000); remove it and send again";
            case "22001" -> "A value is longer than can be stored; shorten it";
            case "22003" -> "A number is outside the range that can be stored";
            case "22007", "22008" -> "A date or time is outside the range that can be stored (years 1970 to 9999 are safe)";
            case "22P02" -> "A value has the wrong form for its field";
            case "23505" -> "This already exists: another request created it first";
            case "23503" -> "This refers to something that does not exist, or is still referred to";
            case "40001", "40P01" -> "Someone else changed this at the same time; reload and try again";
            default -> null;
        };
        if (detail == null) {
            return null;
        }
        int status = state.startsWith("22") ? 400 : 409;
        return new Problem("about:blank", status == 400 ? "Bad request" : "Conflict", status, detail, instance, List.of());
    }

    /**
     * The database cannot be reached or is shutting down (SQLState class 08, 57P01-57P03), has no connection left to
     * give (53300, too many clients), or the pool could not get a connection in time: the request changed nothing and
     * may be sent again.
     */
    public static boolean databaseUnavailable(Throwable e) {
        String state = sqlState(e);
        if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03") || state.equals("53300"))) {
            return true;
        }
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = e; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException && cause.getMessage() != null && cause.getMessage().contains("acquisition timeout")) {
                return true;
            }
        }
        return false;
    }

    /** The SQLState of the first {@link SQLException} in the cause chain, or null if none (or a cycle). */
    private static String sqlState(Throwable e) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable cause = e; cause != null && seen.add(cause); cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    private static Problem json(JsonProcessingException e, String instance) {
        String field = e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()
                ? mapping.getPath().stream()
                        .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                        .collect(Collectors.joining(".")).replace(".[", "[")
                : null;
        String why = e.getOriginalMessage() == null ? "malformed JSON" : e.getOriginalMessage().split("\n")[0];
        if (field == null) {
            return new Problem("about:blank", "Malformed request body", 400, "The body is not valid JSON: " + why, instance, List.of());
        }
        return new Problem("about:blank", "Invalid request", 400, field + ": " + why, instance,
                List.of(new Problem.FieldError(field, why)));
    }

    /**
     * The problem a console form shows next to its fields, by the same mapping as the API's answers: a rule's 400, 404 or
     * 409, a constraint's violations, or a concurrent change. Empty for anything else (the page's error handling takes it).
     */
    public static java.util.Optional<Problem> forForm(Throwable e, String instance) {
        if (e instanceof ApiProblem p) {
            return java.util.Optional.of(new Problem("about:blank", p.title(), p.status(), p.getMessage(), instance, p.errors()));
        }
        if (e instanceof ConstraintViolationException c) {
            List<Problem.FieldError> errors = c.getConstraintViolations().stream()
                    .map(v -> new Problem.FieldError(field(v), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            return java.util.Optional.of(new Problem("about:blank", "Invalid request", 400,
                    errors.stream().map(f -> f.field() + ": " + f.message()).collect(Collectors.joining("; ")), instance, errors));
        }
        if (e instanceof OptimisticLockException) {
            return java.util.Optional.of(new Problem("about:blank", "Conflict", 409, "Someone else changed this at the same time; reload and try again",
                    instance, List.of()));
        }
        return java.util.Optional.ofNullable(refusedByDatabase(e, instance));
    }

    /** The field path a client recognises: body properties and parameter names, not the Java method. */
    private static String field(ConstraintViolation<?> violation) {
        List<Path.Node> nodes = StreamSupport.stream(violation.getPropertyPath().spliterator(), false).toList();
        String field = nodes.stream()
                .filter(n -> n.getKind() != ElementKind.METHOD && n.getKind() != ElementKind.CONSTRUCTOR)
                .skip(nodes.stream().anyMatch(n -> n.getKind() == ElementKind.PROPERTY) ? 1 : 0)
                .map(Path.Node::toString)
                .collect(Collectors.joining("."));
        return field.isEmpty() ? "request" : field;
    }

    private static String path(UriInfo uri) {
        return uri == null ? null : uri.getRequestUri().getRawPath();
    }

    private static Response respond(Problem problem) {
        if (problem.instance() != null && (problem.instance().equals("/console") || problem.instance().startsWith("/console/"))) {
            // a person in a browser: the same problem as a page in the console's layout
            return uk.gov.paas.support.kernel.console.ConsoleErrors.page(problem);
        }
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem).build();
    }
}
