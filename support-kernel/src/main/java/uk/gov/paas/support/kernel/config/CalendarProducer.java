package uk.gov.paas.support.kernel.config;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import uk.gov.paas.support.kernel.calendar.BankHolidays;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;

/** Builds the one support-hours calendar of a service from its configuration. */
public class CalendarProducer {

    @Produces
    @Singleton
    SupportCalendar supportCalendar(CalendarConfig config) {
        return fromConfig(config);
    }

    /**
     * Checks the configuration as it builds: a bad zone, an unknown or missing working day, or a half-given holiday
     * override fails startup, not a request.
     */
    public static SupportCalendar fromConfig(CalendarConfig config) {
        ZoneId zone;
        try {
            zone = ZoneId.of(config.zone());
        } catch (DateTimeException e) {
            throw new IllegalArgumentException("support.calendar.zone '" + config.zone() + "' is not an IANA zone id", e);
        }
        // a region has rules that change; "+01:00", "UTC+1", "Z" and the like have one fixed offset for ever
        if (zone instanceof ZoneOffset || zone.getRules().isFixedOffset() && !zone.getId().equals("UTC")
                && !zone.getId().equals("Etc/UTC")) {
            throw new IllegalArgumentException("support.calendar.zone must be a region such as Europe/London, not the fixed offset '"
                    + config.zone() + "': a fixed offset ignores clock changes");
        }
        BankHolidays holidays = BankHolidays.englandAndWales();
        if (config.bankHolidays().isPresent()) {
            holidays = BankHolidays.of(config.bankHolidays().get(), config.bankHolidaysCoveredUntil().orElseThrow(
                    () -> new IllegalArgumentException("support.calendar.bank-holidays-covered-until is required with support.calendar.bank-holidays")));
        }
        return new SupportCalendar(zone, workingDays(config.workingDays()), config.opens(), config.closes(), holidays);
    }

    private static Set<DayOfWeek> workingDays(List<String> names) {
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (String name : names == null ? List.<String>of() : names) {
            String day = name.strip().toUpperCase(Locale.ROOT);
            if (day.isEmpty()) {
                continue;
            }
            try {
                days.add(DayOfWeek.valueOf(day));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("support.calendar.working-days: '" + name.strip() + "' is not a day of the week; use "
                        + String.join(", ", Arrays.stream(DayOfWeek.values()).map(DayOfWeek::name).toList()));
            }
        }
        if (days.isEmpty()) {
            throw new IllegalArgumentException("support.calendar.working-days is empty: in-hours support needs at least one working day,"
                    + " e.g. MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY");
        }
        return days;
    }
}
