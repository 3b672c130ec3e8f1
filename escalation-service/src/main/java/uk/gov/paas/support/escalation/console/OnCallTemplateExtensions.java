package uk.gov.paas.support.escalation.console;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.qute.TemplateExtension;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.rest.PeopleResource.PersonView;
import uk.gov.paas.support.escalation.rest.PeopleResource.UnavailabilityView;

/** What the on-call templates ask of the API's views. */
@TemplateExtension
final class OnCallTemplateExtensions {

    private static final DateTimeFormatter WEEK = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

    private OnCallTemplateExtensions() {
    }

    /** A status as words: "acknowledged". */
    static String words(PageStatus status) {
        return status == null ? "" : status.name().toLowerCase(Locale.ROOT);
    }

    /** A GOV.UK tag colour for a page's status. */
    static String tagColour(PageStatus status) {
        return switch (status) {
            case WAITING -> "govuk-tag--grey";
            case TRIGGERED -> "govuk-tag--red";
            case ACKNOWLEDGED -> "govuk-tag--yellow";
            case RESOLVED -> "govuk-tag--green";
        };
    }

    /** Whether the page is still escalating (or waiting to), so acknowledging it stops something. */
    static boolean acknowledgeable(PageStatus status) {
        return status == PageStatus.WAITING || status == PageStatus.TRIGGERED;
    }

    /** A weekday as people write it: "Monday". */
    static String words(java.time.DayOfWeek day) {
        return day.getDisplayName(java.time.format.TextStyle.FULL, Locale.UK);
    }

    /** A role's wire name as words: "head of reliability engineering". */
    static String roleWords(String role) {
        return role == null ? "" : role.replace('-', ' ');
    }

    /** The Monday a calendar week starts on, as a heading: "Monday 7 December 2026". */
    static String weekHeading(LocalDate monday) {
        return WEEK.format(monday);
    }

    /** The unavailability that has not ended by {@code now}. */
    static java.util.List<UnavailabilityView> current(PersonView person, Instant now) {
        return person.unavailability().stream().filter(u -> u.to().isAfter(now)).toList();
    }
}
