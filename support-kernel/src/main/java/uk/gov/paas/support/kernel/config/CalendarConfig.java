package uk.gov.paas.support.kernel.config;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Support hours, shared by every service so that all three agree on what "in hours" means. */
@ConfigMapping(prefix = "support.calendar")
public interface CalendarConfig {

    /** IANA zone id the wall clock is read in (never a fixed offset); env SUPPORT_ZONE. */
    @WithDefault("Europe/London")
    String zone();

    /**
     * The days of the week in-hours support works (comma-separated names, any case); every other day is out of
     * hours all day. At least one.
     */
    @WithDefault("MONDAY,TUESDAY,WEDNESDAY,THURSDAY,FRIDAY")
    List<String> workingDays();

    /** Wall-clock time in-hours support opens on a working day. */
    @WithDefault("09:00")
    LocalTime opens();

    /** Wall-clock time in-hours support closes on a working day. */
    @WithDefault("17:00")
    LocalTime closes();

    /** Bank holidays replacing the shipped England and Wales 2025-2028 list; needs covered-until too. */
    Optional<List<LocalDate>> bankHolidays();

    /** Last date the configured bank-holiday list covers. */
    Optional<LocalDate> bankHolidaysCoveredUntil();

    /** Readiness warns when the bank-holiday data ends within this many days. */
    @WithDefault("90")
    int coverageHorizonDays();
}
