package uk.gov.paas.support.kernel.problem;

import java.util.List;

/** What a service throws to answer with a specific 4xx problem; the mapper turns it into problem+json. */
public class ApiProblem extends RuntimeException {

    private final int status;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ApiProblem(int status, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ApiProblem badRequest(String detail) {
        return new ApiProblem(400, "Bad request", detail, List.of());
    }

    public static ApiProblem invalidField(String field, String message) {
        return new ApiProblem(400, "Invalid request", field + ": " + message, List.of(new Problem.FieldError(field, message)));
    }

    public static ApiProblem notFound(String detail) {
        return new ApiProblem(404, "Not found", detail, List.of());
    }

    public static ApiProblem conflict(String detail) {
        return new ApiProblem(409, "Conflict", detail, List.of());
    }

    public int status() {
        return status;
    }

    public String title() {
        return title;
    }

    public List<Problem.FieldError> errors() {
        return errors;
    }
}
