package uk.gov.paas.support.kernel.calendar;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Support hours: the one calendar every deadline, rota and routing rule uses. Pure functions of an instant and
 * this (immutable) calendar. All arithmetic is on wall-clock time in the zone, so a clock change moves no
 * opening: a wall time that does not exist moves forward by the gap, an ambiguous one takes the earlier instant.
 */
public final class SupportCalendar {

    /** No configuration goes ten years without a business day; past that we are misconfigured, not patient. */
    private static final int MAX_DAYS_SEARCHED = 3660;

    /** The working days unless configured otherwise ({@code support.calendar.working-days}). */
    public static final Set<DayOfWeek> MONDAY_TO_FRIDAY = Collections.unmodifiableSet(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));

    private final ZoneId zone;
    private final Set<DayOfWeek> workingDays;
    private final LocalTime opens;
    private final LocalTime closes;
    private final BankHolidays holidays;

    /** Working Monday to Friday. */
    public SupportCalendar(ZoneId zone, LocalTime opens, LocalTime closes, BankHolidays holidays) {
        this(zone, MONDAY_TO_FRIDAY, opens, closes, holidays);
    }

    /** In-hours support works {@code workingDays} (at least one), from {@code opens} to {@code closes}, except bank holidays. */
    public SupportCalendar(ZoneId zone, Set<DayOfWeek> workingDays, LocalTime opens, LocalTime closes, BankHolidays holidays) {
        this.zone = Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(workingDays, "workingDays");
        if (workingDays.isEmpty()) {
            throw new IllegalArgumentException("support hours need at least one working day");
        }
        this.workingDays = Collections.unmodifiableSet(EnumSet.copyOf(workingDays));
        this.opens = Objects.requireNonNull(opens, "opens");
        this.closes = Objects.requireNonNull(closes, "closes");
        this.holidays = Objects.requireNonNull(holidays, "holidays");
        if (!opens.isBefore(closes)) {
            throw new IllegalArgumentException("support hours must open (" + opens + ") before they close (" + closes + ")");
        }
    }

    /** Europe/London, Monday to Friday 09:00-17:00, England and Wales bank holidays. */
    public static SupportCalendar defaults() {
        return new SupportCalendar(ZoneId.of("Europe/London"), LocalTime.of(9, 0), LocalTime.of(17, 0), BankHolidays.englandAndWales());
    }

    public ZoneId zone() {
        return zone;
    }

    /** The days of the week in-hours support works, in week order. */
    public Set<DayOfWeek> workingDays() {
        return workingDays;
    }

    /**
     * Support hours as people read them, from this calendar's own settings: "Monday to Friday 09:00-17:00 UK time,
     * except bank holidays" (a run of days wrapping the week, as Sunday to Thursday, reads the same way; all seven days
     * read "every day"; days that are no run are listed).
     */
    public String describeHours() {
        String days;
        if (workingDays.size() == 7) {
            days = "every day";
        } else {
            DayOfWeek start = workingDays.stream().filter(d -> !workingDays.contains(d.minus(1))).findFirst().orElseThrow();
            int run = 0;
            while (run < 7 && workingDays.contains(start.plus(run))) {
                run++;
            }
            if (run == workingDays.size()) {
                days = run == 1 ? name(start) : name(start) + " to " + name(start.plus(run - 1L));
            } else {
                days = String.join(", ", workingDays.stream().map(SupportCalendar::name).toList());
            }
        }
        String zoneName = "Europe/London".equals(zone.getId()) ? "UK" : zone.getId();
        return days + " " + opens + "-" + closes + " " + zoneName + " time, except bank holidays";
    }

    private static String name(DayOfWeek day) {
        String lower = day.name().toLowerCase(java.util.Locale.ROOT);
        return Character.toUpperCase(lower.charAt(0)) + lower.substring(1);
    }

    public LocalTime opens() {
        return opens;
    }

    public LocalTime closes() {
        return closes;
    }

    public BankHolidays holidays() {
        return holidays;
    }

    /** A working day (Monday to Friday by default) and not a bank holiday. */
    public boolean isBusinessDay(LocalDate date) {
        return workingDays.contains(date.getDayOfWeek()) && !holidays.contains(date);
    }

    /** Whether the instant's local date is a bank holiday. */
    public boolean isBankHoliday(Instant instant) {
        return holidays.contains(localDate(instant));
    }

    public SupportPeriod periodAt(Instant instant) {
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        LocalTime time = local.toLocalTime();
        if (time.isBefore(opens) || !time.isBefore(closes)) {
            return SupportPeriod.OUT_OF_HOURS_OVERNIGHT;
        }
        return isBusinessDay(local.toLocalDate()) ? SupportPeriod.IN_HOURS : SupportPeriod.OUT_OF_HOURS_WAKING;
    }

    /** The instant of a wall-clock time in the zone: a time in a spring-forward gap moves forward, a fall-back one takes the earlier instant. */
    public Instant instantAt(LocalDateTime wallTime) {
        return ZonedDateTime.ofLocal(wallTime, zone, null).toInstant();
    }

    /** The start of the first in-hours window starting at or after {@code instant}. */
    public Instant nextOpening(Instant instant) {
        LocalDate day = localDate(instant);
        for (int i = 0; i < MAX_DAYS_SEARCHED; i++, day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                Instant open = opening(day);
                if (!open.isBefore(instant)) {
                    return open;
                }
            }
        }
        throw noBusinessDay(instant);
    }

    /** {@code minutes} of in-hours time after {@code start}; see {@link #addWorkingTime}. */
    public Instant addWorkingMinutes(Instant start, long minutes) {
        return addWorkingTime(start, Duration.ofMinutes(minutes));
    }

    /**
     * The instant by which {@code amount} of in-hours time has passed since {@code start}. A start outside hours
     * counts from the next opening; a result that lands exactly on a closing is that closing, not the next opening.
     */
    public Instant addWorkingTime(Instant start, Duration amount) {
        if (amount.isNegative()) {
            throw new IllegalArgumentException("working time to add must not be negative: " + amount);
        }
        if (amount.isZero()) {
            return start;
        }
        Duration remaining = amount;
        LocalDate day = localDate(start);
        for (int i = 0; i < MAX_DAYS_SEARCHED * 10; i++, day = day.plusDays(1)) {
            if (!isBusinessDay(day)) {
                continue;
            }
            Instant from = later(start, opening(day));
            Instant until = closing(day);
            if (from.isBefore(until)) {
                Duration available = Duration.between(from, until);
                if (remaining.compareTo(available) <= 0) {
                    return from.plus(remaining);
                }
                remaining = remaining.minus(available);
            }
        }
        throw noBusinessDay(start);
    }

    /**
     * Business days are working time: {@code days} x the in-hours day length ({@link #businessDay()}, 8 h by
     * default). From an in-hours start that is the same wall-clock time {@code days} business days later; a start
     * outside hours counts from the next opening; a result landing exactly on a closing stays at that closing. So a
     * later start is never due earlier (Friday 18:00 and Saturday 10:00 + 1 are both Monday 17:00).
     */
    public Instant addBusinessDays(Instant start, int days) {
        if (days < 0) {
            throw new IllegalArgumentException("business days to add must not be negative: " + days);
        }
        return addWorkingTime(start, businessDay().multipliedBy(days));
    }

    /** The length of one business day of working time: closing minus opening on the wall clock. */
    public Duration businessDay() {
        return Duration.between(opens, closes);
    }

    /** In-hours time within [from, to); zero when {@code to} is not after {@code from}. */
    public Duration workingTimeBetween(Instant from, Instant to) {
        if (!to.isAfter(from)) {
            return Duration.ZERO;
        }
        Duration total = Duration.ZERO;
        LocalDate last = localDate(to);
        for (LocalDate day = localDate(from); !day.isAfter(last); day = day.plusDays(1)) {
            if (isBusinessDay(day)) {
                Instant start = later(from, opening(day));
                Instant end = earlier(to, closing(day));
                if (start.isBefore(end)) {
                    total = total.plus(Duration.between(start, end));
                }
            }
        }
        return total;
    }

    /** See {@link BankHolidays#coverageWarning}; "today" is the instant's date in the zone. */
    public Optional<String> coverageWarning(Instant now, int horizonDays) {
        return holidays.coverageWarning(localDate(now), horizonDays);
    }

    private LocalDate localDate(Instant instant) {
        return LocalDate.ofInstant(instant, zone);
    }

    private Instant opening(LocalDate day) {
        return instantAt(day.atTime(opens));
    }

    private Instant closing(LocalDate day) {
        return instantAt(day.atTime(closes));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    private static Instant earlier(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static IllegalStateException noBusinessDay(Instant from) {
        return new IllegalStateException("no business day within " + MAX_DAYS_SEARCHED + " days of " + from);
    }
}
