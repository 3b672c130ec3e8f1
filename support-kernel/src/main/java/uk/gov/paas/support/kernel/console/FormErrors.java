package uk.gov.paas.support.kernel.console;

import java.util.LinkedHashMap;
import java.util.Map;

import uk.gov.paas.support.kernel.problem.Problem;
import uk.gov.paas.support.kernel.problem.ProblemMapper;

/**
 * A form's problem on a console page (templates {@code console/form-errors} and {@code console/field-error}): the
 * summary at the top and each field's message beside it. It comes from the kernel's one error mapping: a rule's 400,
 * 404 or 409 from the API's own code becomes the form's errors, with the problem's status; anything that is not the
 * client's mistake goes on to the kernel's error page. Every console uses this, so a refusal reads the same everywhere.
 */
public record FormErrors(String form, String summary, Map<String, String> fields) {

    public boolean has(String field) {
        return fields.containsKey(field);
    }

    public String get(String field) {
        return fields.get(field);
    }

    /** A refusal the console itself makes (an unreadable choice), shown at the top of the form. */
    public static FormErrors summary(String form, String summary) {
        return new FormErrors(form, summary, Map.of());
    }

    /** A rule's refusal as the form's errors; a problem that is not the client's (a 5xx) is thrown on. */
    public static FormErrors of(String form, RuntimeException e, String instance) {
        return of(form, e, instance, Map.of());
    }

    /**
     * As {@link #of(String, RuntimeException, String)}, with the fields the console could not read itself (a number that
     * is not one) beside the rule's. An indexed field ({@code componentIds[0]}) is shown beside its list
     * ({@code componentIds}); with no field named, the problem's detail is the summary.
     */
    public static FormErrors of(String form, RuntimeException e, String instance, Map<String, String> unreadable) {
        Problem problem = ProblemMapper.forForm(e, instance).orElseThrow(() -> e);
        Map<String, String> fields = new LinkedHashMap<>();
        problem.errors().forEach(f -> fields.merge(f.field().replaceAll("\\[\\d+\\].*$", ""), f.message(), (a, b) -> a + "; " + b));
        unreadable.forEach((field, message) -> fields.merge(field, message, (a, b) -> a + "; " + b));
        return new FormErrors(form, fields.isEmpty() ? problem.detail() : null, fields);
    }

    /** The status a refusal answers with (400, 404, 409, ...); 500 for what is not a client's mistake. */
    public static int status(RuntimeException e) {
        return ProblemMapper.forForm(e, null).map(Problem::status).orElse(500);
    }
}
