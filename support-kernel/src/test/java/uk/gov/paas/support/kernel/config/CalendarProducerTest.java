package uk.gov.paas.support.kernel.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;

class CalendarProducerTest {

    private record Config(String zone, List<String> workingDays, Optional<List<LocalDate>> bankHolidays,
            Optional<LocalDate> bankHolidaysCoveredUntil) implements CalendarConfig {

        /** The shipped working days, as CalendarConfig's default gives them. */
        Config(String zone, Optional<List<LocalDate>> bankHolidays, Optional<LocalDate> bankHolidaysCoveredUntil) {
            this(zone, List.of("MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"), bankHolidays, bankHolidaysCoveredUntil);
        }

        static Config working(String... days) {
            return new Config("Europe/London", List.of(days), Optional.empty(), Optional.empty());
        }

        @Override
        public LocalTime opens() {
            return LocalTime.of(9, 0);
        }

        @Override
        public LocalTime closes() {
            return LocalTime.of(17, 0);
        }

        @Override
        public int coverageHorizonDays() {
            return 90;
        }
    }

    @Test
    void defaultsAreLondonWithTheShippedHolidays() {
        SupportCalendar calendar = CalendarProducer.fromConfig(new Config("Europe/London", Optional.empty(), Optional.empty()));
        assertEquals("Europe/London", calendar.zone().getId());
        assertEquals(LocalDate.of(2028, 12, 31), calendar.holidays().coveredUntil());
        assertEquals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), calendar.workingDays());
    }

    @Test
    void workingDaysAreReadInAnyCaseAndOrder() {
        SupportCalendar calendar = CalendarProducer.fromConfig(Config.working("thursday", " Sunday ", "MONDAY", "tuesday", "Wednesday"));
        assertEquals(EnumSet.of(DayOfWeek.SUNDAY, DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY),
                calendar.workingDays());
    }

    @Test
    void noWorkingDayIsRefusedAtStartUpNamingTheKey() {
        for (Config config : List.of(Config.working(), Config.working(" ", ""))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CalendarProducer.fromConfig(config));
            assertTrue(e.getMessage().startsWith("support.calendar.working-days is empty"), e.getMessage());
        }
    }

    @Test
    void anUnknownWorkingDayIsRefusedNamingTheKeyAndTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalendarProducer.fromConfig(Config.working("MONDAY", "Mondya")));
        assertTrue(e.getMessage().startsWith("support.calendar.working-days: 'Mondya' is not a day of the week"), e.getMessage());
        assertTrue(e.getMessage().contains("SUNDAY"), e.getMessage());
    }

    @Test
    void aFixedOffsetZoneIsRefusedBecauseItIgnoresClockChanges() {
        for (String zone : List.of("+01:00", "UTC+1", "GMT-05:00", "Z")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> CalendarProducer.fromConfig(new Config(zone, Optional.empty(), Optional.empty())));
            assertTrue(e.getMessage().contains("support.calendar.zone"), e.getMessage());
        }
    }

    @Test
    void anUnknownZoneIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CalendarProducer.fromConfig(new Config("Europe/Atlantis", Optional.empty(), Optional.empty())));
        assertTrue(e.getMessage().contains("Europe/Atlantis"));
    }

    @Test
    void configuredHolidaysNeedTheirCoverageDate() {
        assertThrows(IllegalArgumentException.class, () -> CalendarProducer.fromConfig(
                new Config("Europe/London", Optional.of(List.of(LocalDate.of(2029, 1, 1))), Optional.empty())));
        SupportCalendar calendar = CalendarProducer.fromConfig(new Config("Europe/London",
                Optional.of(List.of(LocalDate.of(2029, 1, 1))), Optional.of(LocalDate.of(2029, 12, 31))));
        assertEquals(LocalDate.of(2029, 12, 31), calendar.holidays().coveredUntil());
    }
}
