package uk.gov.paas.support.kernel.api;

import static java.lang.annotation.ElementType.ANNOTATION_TYPE;
import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import jakarta.validation.ReportAsSingleViolation;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Size;

/**
 * An email address field of the API: absent (null) or a real address of at most 320 characters. Unlike a bare
 * {@link Email}, an empty string is refused, so "" never becomes a recipient whose emails go dead.
 */
@Email(regexp = ".+@.+")
@Size(max = 320)
@ReportAsSingleViolation
@Constraint(validatedBy = {})
@Documented
@Target({FIELD, METHOD, PARAMETER, ANNOTATION_TYPE, TYPE_USE})
@Retention(RUNTIME)
public @interface EmailAddress {

    String message() default "must be an email address such as name@example.org";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
