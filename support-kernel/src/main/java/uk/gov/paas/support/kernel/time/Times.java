package uk.gov.paas.support.kernel.time;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.util.Locale;

import uk.gov.paas.support.kernel.problem.ApiProblem;

/**
 * The product's one way of showing time: instants in UTC, and the wall-clock time in the support zone beside
 * them wherever people read. JSON carries the local time as an ISO string with its offset, because Jackson
 * would turn a ZonedDateTime back into UTC.
 */
public final class Times {

    /** ISO-8601 with the offset always written out: winter London is +00:00, never a Z that reads as UTC. */
    private static final DateTimeFormatter ISO_LOCAL = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME).appendOffset("+HH:MM", "+00:00").toFormatter(Locale.ROOT);
    private static final DateTimeFormatter PEOPLE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.UK);
    private static final DateTimeFormatter UTC_SAME_DAY = DateTimeFormatter.ofPattern("HH:mm 'UTC'", Locale.UK);
    private static final DateTimeFormatter UTC_OTHER_DAY = DateTimeFormatter.ofPattern("EEE d MMM HH:mm 'UTC'", Locale.UK);

    private Times() {
    }

    /** Years a question about time can sensibly be about; outside them java.time arithmetic runs out of range. */
    public static final Instant EARLIEST = Instant.parse("1970-01-01T00:00:00Z");
    public static final Instant LATEST = Instant.parse("9999-12-31T00:00:00Z");

    /**
     * A query parameter holding an instant: {@code 2026-03-29T01:30:00Z} or with an offset,
     * {@code 2026-03-29T02:30:00+01:00}. Anything else is a 400 naming the parameter.
     */
    public static Instant parseInstant(String field, String text) {
        Instant instant;
        try {
            instant = Instant.parse(text.strip());
        } catch (DateTimeException notAnInstant) {
            try {
                instant = OffsetDateTime.parse(text.strip()).toInstant();
            } catch (DateTimeException e) {
                throw ApiProblem.invalidField(field, "'" + text + "' is not an ISO-8601 instant such as 2026-03-29T01:30:00Z");
            }
        }
        if (instant.isBefore(EARLIEST) || instant.isAfter(LATEST)) {
            throw ApiProblem.invalidField(field, "must be between " + EARLIEST + " and " + LATEST);
        }
        return instant;
    }

    /** For JSON beside a UTC instant: {@code 2026-07-01T10:00:00+01:00}; null stays null. */
    public static String local(Instant instant, ZoneId zone) {
        return instant == null ? null : ISO_LOCAL.format(instant.atZone(zone));
    }

    private static final DateTimeFormatter ON_PAGE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm zzz", Locale.UK);
    private static final DateTimeFormatter UTC_ON_PAGE = DateTimeFormatter.ofPattern("EEE d MMM yyyy HH:mm:ss 'UTC'", Locale.UK);

    /** For a console page, where the UTC time is the hover title ({@link #utcOnPage}): {@code Wed 1 Jul 2026 10:00 BST}. */
    public static String onPage(Instant instant, ZoneId zone) {
        return instant == null ? "" : ON_PAGE.format(instant.atZone(zone));
    }

    /** The UTC time a console page shows on hover: {@code Wed 1 Jul 2026 09:00:00 UTC}. */
    public static String utcOnPage(Instant instant) {
        return instant == null ? "" : UTC_ON_PAGE.format(instant.atZone(ZoneOffset.UTC));
    }

    /** For emails and pages: {@code Wed 1 Jul 2026 10:00 BST (09:00 UTC)}; the UTC date is named when it differs. */
    public static String forPeople(Instant instant, ZoneId zone) {
        ZonedDateTime local = instant.atZone(zone);
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        DateTimeFormatter utcFormat = local.toLocalDate().equals(utc.toLocalDate()) ? UTC_SAME_DAY : UTC_OTHER_DAY;
        return PEOPLE.format(local) + " (" + utcFormat.format(utc) + ")";
    }
}
