package uk.gov.paas.support.kernel.calendar;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** The bank holidays support hours skip, and the last date the list is known to cover. */
public final class BankHolidays {

    private static final String DEFAULT_RESOURCE = "/uk/gov/paas/support/kernel/calendar/england-and-wales-bank-holidays.txt";

    private final Set<LocalDate> dates;
    private final LocalDate coveredUntil;

    private BankHolidays(Set<LocalDate> dates, LocalDate coveredUntil) {
        this.dates = Collections.unmodifiableSet(new TreeSet<>(dates));
        this.coveredUntil = Objects.requireNonNull(coveredUntil, "coveredUntil");
    }

    /** The shipped England and Wales list, 2025-2028. */
    public static BankHolidays englandAndWales() {
        try (InputStream in = BankHolidays.class.getResourceAsStream(DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing " + DEFAULT_RESOURCE);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + DEFAULT_RESOURCE, e);
        }
    }

    /** A configured list; every date must fall on or before {@code coveredUntil}. */
    public static BankHolidays of(Collection<LocalDate> dates, LocalDate coveredUntil) {
        Objects.requireNonNull(coveredUntil, "coveredUntil");
        for (LocalDate date : dates) {
            if (date.isAfter(coveredUntil)) {
                throw new IllegalArgumentException("bank holiday " + date + " is after the covered-until date " + coveredUntil);
            }
        }
        return new BankHolidays(new TreeSet<>(dates), coveredUntil);
    }

    /**
     * Reads the list format: {@code #} comments, blank lines, one {@code covered-until: yyyy-mm-dd} line,
     * and one ISO date a line optionally followed by its name.
     */
    public static BankHolidays parse(String text) {
        Set<LocalDate> dates = new TreeSet<>();
        LocalDate coveredUntil = null;
        String[] lines = text.split("\\R");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                if (line.startsWith("covered-until:")) {
                    coveredUntil = LocalDate.parse(line.substring("covered-until:".length()).strip());
                } else {
                    dates.add(LocalDate.parse(line.split("\\s+", 2)[0]));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("bank holidays line " + (i + 1) + " is not a date: '" + line + "'", e);
            }
        }
        if (coveredUntil == null) {
            throw new IllegalArgumentException("bank holidays need a 'covered-until: yyyy-mm-dd' line");
        }
        return of(dates, coveredUntil);
    }

    public boolean contains(LocalDate date) {
        return dates.contains(date);
    }

    public LocalDate coveredUntil() {
        return coveredUntil;
    }

    /** The dates, sorted. */
    public Set<LocalDate> dates() {
        return dates;
    }

    /** A sentence to show operators when the list ends before {@code today + horizonDays}; empty otherwise. */
    public Optional<String> coverageWarning(LocalDate today, int horizonDays) {
        LocalDate horizon = today.plusDays(horizonDays);
        if (!horizon.isAfter(coveredUntil)) {
            return Optional.empty();
        }
        return Optional.of("Bank holiday data covers only until " + coveredUntil + ", before " + horizon + " (" + horizonDays
                + " days from " + today + "); deadlines after it ignore bank holidays. Configure support.calendar.bank-holidays.");
    }
}
