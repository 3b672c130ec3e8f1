package uk.gov.paas.support.kernel.config;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;

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

    /** Checks the configuration as it builds: a bad zone or half-given holiday override fails startup, not a request. */
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
        return new SupportCalendar(zone, config.opens(), config.closes(), holidays);
    }
}
