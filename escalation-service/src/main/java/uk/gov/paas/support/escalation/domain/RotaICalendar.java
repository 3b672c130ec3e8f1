package uk.gov.paas.support.escalation.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneOffsetTransitionRule;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;
import java.util.TimeZone;
import java.util.function.LongFunction;

/**
 * Renders a rota's shifts as an RFC 5545 iCalendar feed people can subscribe to: CRLF line endings, lines folded
 * at 75 octets of UTF-8, escaped TEXT values, one VTIMEZONE generated from the zone's rules and one VEVENT per shift
 * with local DTSTART/DTEND in that zone and a UID that stays the same across renders.
 */
public final class RotaICalendar {

    static final String CRLF = "\r\n";
    static final int MAX_LINE_OCTETS = 75;
    static final String PRODID = "-//uk.gov.paas.support//Escalation rota//EN";

    /** VTIMEZONE onsets are written for this year, as most generators do; the RRULE carries them forward. */
    static final int VTIMEZONE_YEAR = 1970;

    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss", Locale.ROOT);
    private static final DateTimeFormatter UTC = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private RotaICalendar() {
    }

    /**
     * The feed for one rota.
     *
     * @param rotaName    shown as the calendar's name and in each SUMMARY
     * @param rotaId      part of every UID
     * @param shifts      one VEVENT each, in the order given
     * @param personName  a person id's display name; null falls back to "person &lt;id&gt;"
     * @param zone        the zone events are written in (and the one VTIMEZONE describes)
     * @param generatedAt the DTSTAMP of every event
     * @param domain      the right-hand side of every UID
     */
    public static String render(String rotaName, long rotaId, List<Shift> shifts, LongFunction<String> personName,
            ZoneId zone, Instant generatedAt, String domain) {
        Objects.requireNonNull(rotaName, "rotaName");
        Objects.requireNonNull(shifts, "shifts");
        Objects.requireNonNull(personName, "personName");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(domain, "domain");

        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VCALENDAR");
        lines.add("VERSION:2.0");
        lines.add("PRODID:" + escapeText(PRODID));
        lines.add("CALSCALE:GREGORIAN");
        lines.add("METHOD:PUBLISH");
        lines.add("X-WR-CALNAME:" + escapeText(rotaName));
        lines.add("X-WR-TIMEZONE:" + escapeText(zone.getId()));
        lines.addAll(vtimezone(zone, yearsCovered(shifts, zone, generatedAt)));
        String dtstamp = UTC.format(generatedAt);
        for (Shift shift : shifts) {
            String name = Optional.ofNullable(personName.apply(shift.personId())).orElse("person " + shift.personId());
            String summary = "On call: " + name + " (" + rotaName + ")" + (shift.override() ? " (override)" : "");
            lines.add("BEGIN:VEVENT");
            lines.add("UID:" + escapeText(uid(rotaId, shift, domain)));
            lines.add("DTSTAMP:" + dtstamp);
            lines.add(dateTime("DTSTART", shift.start(), zone));
            lines.add(dateTime("DTEND", shift.end(), zone));
            lines.add("SUMMARY:" + escapeText(summary));
            lines.add("TRANSP:TRANSPARENT");
            lines.add("END:VEVENT");
        }
        lines.add("END:VCALENDAR");

        StringBuilder out = new StringBuilder();
        for (String line : lines) {
            out.append(fold(line)).append(CRLF);
        }
        return out.toString();
    }

    /** Stable across renders: the same person's shift starting at the same second always has the same UID. */
    static String uid(long rotaId, Shift shift, String domain) {
        return "rota-" + rotaId + "-" + shift.personId() + "-" + shift.start().getEpochSecond() + "@" + domain;
    }

    /**
     * Local time with TZID; except the second pass through a fall-back hour, which local time cannot name (RFC 5545
     * 3.3.5 reads an ambiguous local time as the first occurrence), so that is written in UTC.
     */
    static String dateTime(String property, Instant instant, ZoneId zone) {
        ZoneRules rules = zone.getRules();
        LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() > 1 && !offsets.get(0).equals(rules.getOffset(instant))) {
            return property + ":" + UTC.format(instant);
        }
        return property + ";TZID=" + paramValue(zone.getId()) + ":" + LOCAL.format(local);
    }

    /** RFC 5545 3.3.11 TEXT: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
    static String escapeText(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case ';' -> out.append("\\;");
                case ',' -> out.append("\\,");
                case '\n' -> out.append("\\n");
                case '\r' -> {
                    out.append("\\n");
                    // CRLF is one line break, not two
                    if (i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                }
                default -> {
                    // TEXT allows no control characters but tab
                    if (c == '\t' || !Character.isISOControl(c)) {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }

    /** A parameter value containing ':', ';' or ',' must be quoted (RFC 5545 3.1; e.g. a zone id like +05:30). */
    private static String paramValue(String value) {
        return value.matches(".*[:;,].*") ? "\"" + value.replace("\"", "") + "\"" : value;
    }

    /**
     * Folds one content line (RFC 5545 3.1): no line over 75 octets of UTF-8, breaking only between code points,
     * each continuation starting with one space (which counts towards its 75).
     */
    static String fold(String line) {
        StringBuilder out = new StringBuilder(line.length() + 8);
        int octets = 0;
        for (int i = 0; i < line.length(); ) {
            int codePoint = line.codePointAt(i);
            int size = utf8Length(codePoint);
            if (octets + size > MAX_LINE_OCTETS) {
                out.append(CRLF).append(' ');
                octets = 1;
            }
            out.appendCodePoint(codePoint);
            octets += size;
            i += Character.charCount(codePoint);
        }
        return out.toString();
    }

    private static int utf8Length(int codePoint) {
        if (codePoint < 0x80) {
            return 1;
        }
        if (codePoint < 0x800) {
            return 2;
        }
        return codePoint < 0x10000 ? 3 : 4;
    }

    /** The years the events touch (the generation year when there are none), for onsets only RDATEs can express. */
    private static int[] yearsCovered(List<Shift> shifts, ZoneId zone, Instant generatedAt) {
        int first = LocalDate.ofInstant(generatedAt, zone).getYear();
        int last = first;
        if (!shifts.isEmpty()) {
            first = Integer.MAX_VALUE;
            last = Integer.MIN_VALUE;
            for (Shift shift : shifts) {
                first = Math.min(first, LocalDate.ofInstant(shift.start(), zone).getYear());
                last = Math.max(last, LocalDate.ofInstant(shift.end(), zone).getYear());
            }
        }
        return new int[] {first, last};
    }

    /**
     * The VTIMEZONE for {@code zone} from its current rules (RFC 5545 3.6.5): a DAYLIGHT and a STANDARD component per
     * yearly transition rule, each with a {@value #VTIMEZONE_YEAR} onset and a yearly RRULE; a single STANDARD one
     * for a zone with no clock changes (ahead), at the offset it keeps. Past rules differing from today's are not
     * described, as in most feeds.
     */
    static List<String> vtimezone(ZoneId zone, int[] years) {
        ZoneRules rules = zone.getRules();
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:VTIMEZONE");
        lines.add("TZID:" + escapeText(zone.getId()));
        List<ZoneOffsetTransitionRule> transitionRules = rules.getTransitionRules();
        if (transitionRules.isEmpty()) {
            ZoneOffset offset = lastingOffset(rules);
            lines.add("BEGIN:STANDARD");
            lines.add("DTSTART:" + LOCAL.format(LocalDateTime.of(VTIMEZONE_YEAR, 1, 1, 0, 0)));
            lines.add("TZOFFSETFROM:" + offset(offset));
            lines.add("TZOFFSETTO:" + offset(offset));
            tzName(zone, false).ifPresent(name -> lines.add("TZNAME:" + escapeText(name)));
            lines.add("END:STANDARD");
        } else {
            for (ZoneOffsetTransitionRule rule : transitionRules) {
                lines.addAll(observance(zone, rule, years));
            }
        }
        lines.add("END:VTIMEZONE");
        return lines;
    }

    /** The offset a zone without transition rules keeps from its last transition on. */
    private static ZoneOffset lastingOffset(ZoneRules rules) {
        List<ZoneOffsetTransition> transitions = rules.getTransitions();
        return transitions.isEmpty() ? rules.getOffset(Instant.EPOCH) : transitions.get(transitions.size() - 1).getOffsetAfter();
    }

    private static List<String> observance(ZoneId zone, ZoneOffsetTransitionRule rule, int[] years) {
        boolean daylight = !rule.getOffsetAfter().equals(rule.getStandardOffset());
        String kind = daylight ? "DAYLIGHT" : "STANDARD";
        // the onset is the wall time before the transition, whatever (UTC, WALL, STANDARD) the rule's time is in
        ZoneOffsetTransition onset = rule.createTransition(VTIMEZONE_YEAR);
        List<String> lines = new ArrayList<>();
        lines.add("BEGIN:" + kind);
        lines.add("DTSTART:" + LOCAL.format(onset.getDateTimeBefore()));
        Optional<String> byDay = yearlyRule(rule);
        if (byDay.isPresent()) {
            lines.add("RRULE:FREQ=YEARLY;" + byDay.get());
        } else {
            // the onset can fall in the next month (e.g. Cairo's "day after the last Thursday of October"), which no
            // single RRULE says: list the onsets of the years the events touch, and the one before them
            StringJoiner dates = new StringJoiner(",");
            for (int year = Math.max(years[0] - 1, VTIMEZONE_YEAR + 1); year <= years[1]; year++) {
                dates.add(LOCAL.format(rule.createTransition(year).getDateTimeBefore()));
            }
            if (dates.length() > 0) {
                lines.add("RDATE:" + dates);
            }
        }
        lines.add("TZOFFSETFROM:" + offset(rule.getOffsetBefore()));
        lines.add("TZOFFSETTO:" + offset(rule.getOffsetAfter()));
        tzName(zone, daylight).ifPresent(name -> lines.add("TZNAME:" + escapeText(name)));
        lines.add("END:" + kind);
        return lines;
    }

    /**
     * "BYMONTH=..;BYDAY=.." for the rule's onset, or empty when the onset can leave the rule's month. The rule says
     * "day-of-week on or after day d" (or on or before, counted from the month's end; or a fixed day); converting
     * its time to the local wall time can move the onset a day, which moves the weekday and the day range with it.
     */
    static Optional<String> yearlyRule(ZoneOffsetTransitionRule rule) {
        Month month = rule.getMonth();
        DayOfWeek dayOfWeek = rule.getDayOfWeek();
        int indicator = rule.getDayOfMonthIndicator();
        int shift = (int) ChronoUnit.DAYS.between(nominalDate(rule, VTIMEZONE_YEAR),
                rule.createTransition(VTIMEZONE_YEAR).getDateTimeBefore().toLocalDate());
        int span = dayOfWeek == null ? 0 : 6;
        // positive days count from the 1st; negative from the month's end, -1 being its last day
        int first = indicator > 0 ? indicator + shift : indicator - span + shift;
        int last = first + span;
        boolean withinMonth = indicator > 0 ? first >= 1 && last <= month.minLength() : last <= -1 && first >= -month.minLength();
        if (!withinMonth) {
            return Optional.empty();
        }
        String byMonth = "BYMONTH=" + month.getValue() + ";";
        if (dayOfWeek == null) {
            return Optional.of(byMonth + "BYMONTHDAY=" + first);
        }
        String day = dayOfWeek.plus(shift).name().substring(0, 2);
        boolean lastWeekOfFixedLengthMonth = first > 0 && last == month.minLength() && month.minLength() == month.maxLength();
        if (last == -1 || lastWeekOfFixedLengthMonth) {
            return Optional.of(byMonth + "BYDAY=-1" + day);
        }
        if (first > 0 && first % 7 == 1 && last <= 28) {
            return Optional.of(byMonth + "BYDAY=" + (first / 7 + 1) + day);
        }
        if (last < 0 && -last % 7 == 1) {
            return Optional.of(byMonth + "BYDAY=-" + (-last / 7 + 1) + day);
        }
        StringJoiner days = new StringJoiner(",");
        for (int d = first; d <= last; d++) {
            days.add(Integer.toString(d));
        }
        return Optional.of(byMonth + "BYDAY=" + day + ";BYMONTHDAY=" + days);
    }

    /** The rule's date before its time is converted: what {@link ZoneOffsetTransitionRule#createTransition} picks. */
    private static LocalDate nominalDate(ZoneOffsetTransitionRule rule, int year) {
        Month month = rule.getMonth();
        int indicator = rule.getDayOfMonthIndicator();
        LocalDate date = indicator < 0
                ? LocalDate.of(year, month, month.length(Year.isLeap(year)) + 1 + indicator)
                : LocalDate.of(year, month, indicator);
        if (rule.getDayOfWeek() != null) {
            date = date.with(indicator < 0 ? TemporalAdjusters.previousOrSame(rule.getDayOfWeek()) : TemporalAdjusters.nextOrSame(rule.getDayOfWeek()));
        }
        return date;
    }

    /** The zone's abbreviation (GMT, BST, EST); none when all the JDK knows is an offset like GMT-03:00. */
    private static Optional<String> tzName(ZoneId zone, boolean daylight) {
        String name = TimeZone.getTimeZone(zone).getDisplayName(daylight, TimeZone.SHORT, Locale.ROOT);
        return name.isBlank() || name.matches("(GMT|UTC)[+-].*") ? Optional.empty() : Optional.of(name);
    }

    /** +HHMM, or +HHMMSS when the offset has seconds (RFC 5545 3.3.14). */
    private static String offset(ZoneOffset offset) {
        int total = offset.getTotalSeconds();
        int abs = Math.abs(total);
        String hhmm = String.format(Locale.ROOT, "%s%02d%02d", total < 0 ? "-" : "+", abs / 3600, abs / 60 % 60);
        return abs % 60 == 0 ? hhmm : hhmm + String.format(Locale.ROOT, "%02d", abs % 60);
    }
}
