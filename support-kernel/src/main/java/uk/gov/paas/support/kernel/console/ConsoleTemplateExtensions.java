package uk.gov.paas.support.kernel.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.eclipse.microprofile.config.ConfigProvider;

import io.quarkus.qute.TemplateExtension;
import uk.gov.paas.support.kernel.time.Times;

/**
 * How console templates write times: {@code {t.createdAt.onPage}} is London time (the support calendar's zone),
 * {@code {t.createdAt.utcOnPage}} the UTC time for the hover title, {@code {t.createdAt.iso}} the machine-readable
 * instant of a {@code <time datetime>}. Use the {@code time} tag: {@code {#time t.createdAt /}}.
 */
@TemplateExtension
public final class ConsoleTemplateExtensions {

    private static volatile ZoneId zone;

    private ConsoleTemplateExtensions() {
    }

    static ZoneId zone() {
        ZoneId z = zone;
        if (z == null) {
            z = ZoneId.of(ConfigProvider.getConfig().getOptionalValue("support.calendar.zone", String.class).orElse("Europe/London"));
            zone = z;
        }
        return z;
    }

    static String onPage(Instant instant) {
        return Times.onPage(instant, zone());
    }

    static String utcOnPage(Instant instant) {
        return Times.utcOnPage(instant);
    }

    static String iso(Instant instant) {
        return instant == null ? "" : instant.toString();
    }

    /** An ISO-8601 duration of the API's ({@code PT1H30M}, {@code -PT5M}) as people say it; unreadable text stays as it is. */
    static String durationForPeople(String iso) {
        if (iso == null || iso.isBlank()) {
            return "";
        }
        try {
            return forPeople(Duration.parse(iso));
        } catch (java.time.format.DateTimeParseException e) {
            return iso;
        }
    }

    /** A duration as people say it: {@code 2 h 05 min}, {@code 3 d 4 h}, {@code 45 min}. */
    static String forPeople(Duration duration) {
        if (duration == null) {
            return "";
        }
        long minutes = Math.abs(duration.toMinutes());
        long days = minutes / (24 * 60);
        long hours = minutes / 60 % 24;
        long mins = minutes % 60;
        String text = days > 0 ? days + " d " + hours + " h" : hours > 0 ? hours + " h " + String.format("%02d", mins) + " min" : mins + " min";
        return text;
    }
}
