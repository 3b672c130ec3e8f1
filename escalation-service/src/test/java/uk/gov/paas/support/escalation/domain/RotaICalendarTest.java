package uk.gov.paas.support.escalation.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.time.zone.ZoneOffsetTransitionRule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The rota's iCalendar feed, checked against RFC 5545's line, escaping and VTIMEZONE rules. */
class RotaICalendarTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");
    private static final Instant GENERATED = Instant.parse("2026-03-20T10:15:30Z");
    private static final String DOMAIN = "support.example.gov.uk";
    private static final Map<Long, String> NAMES = Map.of(1L, "Ann Jones", 2L, "Ben Smith", 99L, "Cat Stand-In");
    private static final LongFunction<String> NAME = NAMES::get;

    private static final List<Shift> SHIFTS = List.of(
            new Shift(1, Instant.parse("2026-03-23T09:00:00Z"), Instant.parse("2026-03-25T12:00:00Z"), null),
            new Shift(99, Instant.parse("2026-03-25T12:00:00Z"), Instant.parse("2026-03-26T12:00:00Z"), 10L),
            new Shift(1, Instant.parse("2026-03-26T12:00:00Z"), Instant.parse("2026-03-30T08:00:00Z"), null),
            new Shift(2, Instant.parse("2026-03-30T08:00:00Z"), Instant.parse("2026-04-06T08:00:00Z"), null));

    private static String render(String rotaName, List<Shift> shifts, ZoneId zone) {
        return RotaICalendar.render(rotaName, 7, shifts, NAME, zone, GENERATED, DOMAIN);
    }

    /** Content lines with folding undone (RFC 5545 3.1). */
    private static List<String> unfolded(String feed) {
        return List.of(feed.replace("\r\n ", "").split("\r\n"));
    }

    private static List<String> block(String feed, String component) {
        List<String> lines = unfolded(feed);
        int begin = lines.indexOf("BEGIN:" + component);
        int end = lines.indexOf("END:" + component);
        assertTrue(begin >= 0 && end > begin, () -> component + " missing in " + feed);
        return lines.subList(begin, end + 1);
    }

    private static List<List<String>> events(String feed) {
        List<List<String>> events = new ArrayList<>();
        List<String> current = null;
        for (String line : unfolded(feed)) {
            if (line.equals("BEGIN:VEVENT")) {
                current = new ArrayList<>();
            } else if (line.equals("END:VEVENT")) {
                events.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return events;
    }

    private static String property(List<String> event, String prefix) {
        return event.stream().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow(() -> new AssertionError(prefix + " not in " + event));
    }

    @Nested
    class Lines {

        private final String longName = String.join(" ", Collections.nCopies(6, "Siân Åkesson-Ó Briain"));
        private final String feed = RotaICalendar.render("Platform 🚨 on-call", 7, SHIFTS, id -> id == 1 ? longName : NAMES.get(id), LONDON, GENERATED, DOMAIN);

        @Test
        void everyLineEndsWithCrlfAndNoBareCarriageReturnOrLineFeedAppears() {
            assertTrue(feed.endsWith("\r\n"));
            for (int i = 0; i < feed.length(); i++) {
                if (feed.charAt(i) == '\n') {
                    assertEquals('\r', feed.charAt(i - 1), "bare LF at " + i);
                }
                if (feed.charAt(i) == '\r') {
                    assertEquals('\n', feed.charAt(i + 1), "bare CR at " + i);
                }
            }
        }

        @Test
        void noLineIsLongerThanSeventyFiveOctetsAndNoneSplitsACharacter() throws CharacterCodingException {
            for (String line : feed.split("\r\n")) {
                byte[] octets = line.getBytes(StandardCharsets.UTF_8);
                assertTrue(octets.length <= 75, () -> octets.length + " octets: " + line);
                // a line decoding strictly means no multi-byte character was cut at its edges
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(octets));
            }
        }

        @Test
        void aLongSummaryWithNonAsciiNamesFoldsOntoSpaceIndentedLinesAndUnfoldsToTheOriginal() {
            String summary = "SUMMARY:On call: " + longName + " (Platform 🚨 on-call)";
            assertTrue(summary.getBytes(StandardCharsets.UTF_8).length > 150, "long enough to fold twice");
            assertTrue(unfolded(feed).contains(summary));
            String[] physical = feed.split("\r\n");
            int start = Arrays.asList(physical).indexOf(Arrays.stream(physical).filter(l -> l.startsWith("SUMMARY:On call: Siân")).findFirst().orElseThrow());
            assertTrue(physical[start].getBytes(StandardCharsets.UTF_8).length >= 74, "filled to the limit but for a character that would straddle it");
            assertTrue(physical[start + 1].startsWith(" "), "a continuation starts with a space");
            assertTrue(physical[start + 2].startsWith(" "));
            assertEquals(summary, physical[start] + physical[start + 1].substring(1) + physical[start + 2].substring(1)
                    + (physical[start + 3].startsWith(" ") ? physical[start + 3].substring(1) : ""));
        }

        @Test
        void foldingNeverSplitsAMultiByteCharacterAtTheLimit() {
            // 74 ASCII octets then a 2-octet character: it cannot end the first line, so it starts the second
            String line = "X".repeat(74) + "é" + "Y";
            assertEquals("X".repeat(74) + "\r\n é" + "Y", RotaICalendar.fold(line));
            String emoji = "X".repeat(73) + "🚨";
            assertEquals("X".repeat(73) + "\r\n 🚨", RotaICalendar.fold(emoji), "four octets do not fit in the two left");
            assertEquals("X".repeat(75), RotaICalendar.fold("X".repeat(75)));
            assertEquals("X".repeat(75) + "\r\n " + "X".repeat(74) + "\r\n X", RotaICalendar.fold("X".repeat(150)));
        }
    }

    @Nested
    class Text {

        @Test
        void commasSemicolonsBackslashesAndNewlinesAreEscaped() {
            assertEquals("a\\, b\\; c\\\\d\\ne\\nf\\ng", RotaICalendar.escapeText("a, b; c\\d\ne\r\nf\rg"));
            String feed = render("Ops; nights, weekends \\ bank\nholidays", SHIFTS, LONDON);
            assertTrue(unfolded(feed).contains("X-WR-CALNAME:Ops\\; nights\\, weekends \\\\ bank\\nholidays"));
            assertTrue(unfolded(feed).contains("SUMMARY:On call: Ann Jones (Ops\\; nights\\, weekends \\\\ bank\\nholidays)"));
        }

        @Test
        void controlCharactersOtherThanTabAreDropped() {
            assertEquals("a\tbc", RotaICalendar.escapeText("a\tb\u0007c"));
        }
    }

    @Nested
    class Calendar {

        private final String feed = render("Platform", SHIFTS, LONDON);

        @Test
        void theCalendarSaysWhatItIs() {
            List<String> lines = unfolded(feed);
            assertEquals(List.of("BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//uk.gov.paas.support//Escalation rota//EN", "CALSCALE:GREGORIAN",
                    "METHOD:PUBLISH", "X-WR-CALNAME:Platform", "X-WR-TIMEZONE:Europe/London", "BEGIN:VTIMEZONE"), lines.subList(0, 8));
            assertEquals("END:VCALENDAR", lines.get(lines.size() - 1));
            assertEquals(1, lines.stream().filter("BEGIN:VTIMEZONE"::equals).count());
        }

        @Test
        void eachShiftIsATransparentEventInLondonLocalTime() {
            List<List<String>> events = events(feed);
            assertEquals(4, events.size());
            assertEquals(List.of(
                    "UID:rota-7-2-1774857600@support.example.gov.uk",
                    "DTSTAMP:20260320T101530Z",
                    "DTSTART;TZID=Europe/London:20260330T090000",
                    "DTEND;TZID=Europe/London:20260406T090000",
                    "SUMMARY:On call: Ben Smith (Platform)",
                    "TRANSP:TRANSPARENT"), events.get(3));
            assertEquals("DTSTART;TZID=Europe/London:20260323T090000", property(events.get(0), "DTSTART"));
            assertEquals("DTEND;TZID=Europe/London:20260330T090000", property(events.get(2), "DTEND"), "08:00 UTC is 09:00 BST");
        }

        @Test
        void anOverrideSaysSo() {
            assertEquals("SUMMARY:On call: Cat Stand-In (Platform) (override)", property(events(feed).get(1), "SUMMARY"));
        }

        @Test
        void aPersonWithoutANameIsShownByTheirId() {
            String feed = RotaICalendar.render("Platform", 7, SHIFTS.subList(0, 1), id -> null, LONDON, GENERATED, DOMAIN);
            assertEquals("SUMMARY:On call: person 1 (Platform)", property(events(feed).get(0), "SUMMARY"));
        }

        @Test
        void uidsAreTheSameEveryTimeTheFeedIsRendered() {
            List<Shift> reversed = new ArrayList<>(SHIFTS);
            Collections.reverse(reversed);
            String later = RotaICalendar.render("Renamed", 7, reversed, NAME, LONDON, GENERATED.plusSeconds(86_400), DOMAIN);
            TreeSet<String> uids = events(feed).stream().map(e -> property(e, "UID:")).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(4, uids.size());
            assertEquals(uids, events(later).stream().map(e -> property(e, "UID:")).collect(Collectors.toCollection(TreeSet::new)));
            assertEquals("UID:rota-7-99-" + Instant.parse("2026-03-25T12:00:00Z").getEpochSecond() + "@" + DOMAIN, property(events(feed).get(1), "UID:"));
        }

        @Test
        void theSecondPassThroughAnAmbiguousHourIsWrittenInUtc() {
            Shift secondPass = new Shift(99, Instant.parse("2026-10-25T01:30:00Z"), Instant.parse("2026-10-25T03:00:00Z"), 3L);
            Shift firstPass = new Shift(99, Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"), 2L);
            List<List<String>> events = events(render("Platform", List.of(firstPass, secondPass), LONDON));
            assertEquals("DTSTART;TZID=Europe/London:20261025T013000", property(events.get(0), "DTSTART"), "01:30 BST is the first 01:30");
            assertEquals("DTEND:20261025T013000Z", property(events.get(0), "DTEND"), "01:30 GMT is the second");
            assertEquals("DTSTART:20261025T013000Z", property(events.get(1), "DTSTART"));
            assertEquals("DTEND;TZID=Europe/London:20261025T030000", property(events.get(1), "DTEND"));
        }
    }

    @Nested
    class TimeZones {

        @Test
        void londonIsTheWellKnownVtimezone() {
            assertEquals(List.of(
                    "BEGIN:VTIMEZONE",
                    "TZID:Europe/London",
                    "BEGIN:DAYLIGHT",
                    "DTSTART:19700329T010000",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
                    "TZOFFSETFROM:+0000",
                    "TZOFFSETTO:+0100",
                    "TZNAME:BST",
                    "END:DAYLIGHT",
                    "BEGIN:STANDARD",
                    "DTSTART:19701025T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
                    "TZOFFSETFROM:+0100",
                    "TZOFFSETTO:+0000",
                    "TZNAME:GMT",
                    "END:STANDARD",
                    "END:VTIMEZONE"), block(render("Platform", SHIFTS, LONDON), "VTIMEZONE"));
        }

        @Test
        void newYorkChangesOnTheSecondSundayOfMarchAndTheFirstOfNovember() {
            String feed = render("Platform", SHIFTS, ZoneId.of("America/New_York"));
            assertEquals(List.of(
                    "BEGIN:DAYLIGHT",
                    "DTSTART:19700308T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU",
                    "TZOFFSETFROM:-0500",
                    "TZOFFSETTO:-0400",
                    "TZNAME:EDT",
                    "END:DAYLIGHT"), block(feed, "DAYLIGHT"));
            assertEquals(List.of(
                    "BEGIN:STANDARD",
                    "DTSTART:19701101T020000",
                    "RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU",
                    "TZOFFSETFROM:-0400",
                    "TZOFFSETTO:-0500",
                    "TZNAME:EST",
                    "END:STANDARD"), block(feed, "STANDARD"));
            assertTrue(unfolded(feed).contains("DTSTART;TZID=America/New_York:20260323T050000"));
        }

        @Test
        void aFixedZoneHasOneStandardObservanceAndNoRule() {
            String feed = render("Platform", SHIFTS, ZoneId.of("UTC"));
            assertEquals(List.of(
                    "BEGIN:VTIMEZONE",
                    "TZID:UTC",
                    "BEGIN:STANDARD",
                    "DTSTART:19700101T000000",
                    "TZOFFSETFROM:+0000",
                    "TZOFFSETTO:+0000",
                    "TZNAME:UTC",
                    "END:STANDARD",
                    "END:VTIMEZONE"), block(feed, "VTIMEZONE"));
            assertTrue(unfolded(feed).contains("DTSTART;TZID=UTC:20260330T080000"));
        }

        @Test
        void anOffsetZoneIdIsQuotedAndHasNoInventedName() {
            String feed = render("Platform", SHIFTS, ZoneOffset.ofHoursMinutes(5, 30));
            assertTrue(unfolded(feed).contains("DTSTART;TZID=\"+05:30\":20260323T143000"));
            List<String> standard = block(feed, "STANDARD");
            assertTrue(standard.contains("TZOFFSETTO:+0530"));
            assertFalse(standard.stream().anyMatch(l -> l.startsWith("TZNAME")), standard::toString);
        }

        @Test
        void aRuleWhoseWallTimeFallsTheDayBeforeMovesItsWeekdayWithIt() {
            // Easter Island changes at 04:00/03:00 UTC on the Sunday on or after the 2nd: 22:00 on the Saturday before, locally
            String feed = render("Platform", SHIFTS, ZoneId.of("Pacific/Easter"));
            assertTrue(unfolded(feed).contains("RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=1SA"), feed);
            String santiago = render("Platform", SHIFTS, ZoneId.of("America/Santiago"));
            assertTrue(unfolded(santiago).contains("RRULE:FREQ=YEARLY;BYMONTH=9;BYDAY=SU;BYMONTHDAY=2,3,4,5,6,7,8"), santiago);
        }

        @Test
        void anOnsetThatCanFallInTheNextMonthIsListedYearByYear() {
            // Cairo goes back at midnight after the last Thursday of October: in 2026 that is Friday 30 October
            String feed = render("Platform", List.of(new Shift(1, Instant.parse("2026-10-26T07:00:00Z"), Instant.parse("2026-11-02T07:00:00Z"), null)), ZoneId.of("Africa/Cairo"));
            List<String> standard = block(feed, "STANDARD");
            assertTrue(standard.contains("RDATE:20251031T000000,20261030T000000"), standard::toString);
            assertFalse(standard.stream().anyMatch(l -> l.startsWith("RRULE")));
        }

        /** Every RRULE this class writes, for every zone the JDK knows, names the day its rule does for 2020-2045. */
        @Test
        void everyZonesYearlyRuleMatchesItsTransitionsForTwentyFiveYears() {
            int checked = 0;
            for (String id : new TreeSet<>(ZoneId.getAvailableZoneIds())) {
                for (ZoneOffsetTransitionRule rule : ZoneId.of(id).getRules().getTransitionRules()) {
                    String byDay = RotaICalendar.yearlyRule(rule).orElse(null);
                    if (byDay == null) {
                        continue;
                    }
                    for (int year = 2020; year <= 2045; year++) {
                        LocalDate expected = rule.createTransition(year).getDateTimeBefore().toLocalDate();
                        assertEquals(expected, expand(byDay, year), () -> id + " " + rule + " -> " + byDay);
                        checked++;
                    }
                }
            }
            assertTrue(checked > 1000, "checked " + checked);
        }

        /** The one date in {@code year} that "BYMONTH=m;BYDAY=[n]dd[;BYMONTHDAY=..]" names, by brute force. */
        private LocalDate expand(String rule, int year) {
            Map<String, String> parts = new HashMap<>();
            for (String part : rule.split(";")) {
                String[] kv = part.split("=");
                parts.put(kv[0], kv[1]);
            }
            LocalDate first = LocalDate.of(year, Integer.parseInt(parts.get("BYMONTH")), 1);
            List<LocalDate> matches = new ArrayList<>();
            for (LocalDate d = first; d.getMonth() == first.getMonth(); d = d.plusDays(1)) {
                LocalDate day = d;
                int fromEnd = day.getDayOfMonth() - day.lengthOfMonth() - 1;
                boolean monthDayOk = !parts.containsKey("BYMONTHDAY") || Arrays.stream(parts.get("BYMONTHDAY").split(","))
                        .mapToInt(Integer::parseInt).anyMatch(n -> n == day.getDayOfMonth() || n == fromEnd);
                boolean weekdayOk = true;
                if (parts.containsKey("BYDAY")) {
                    String byDay = parts.get("BYDAY");
                    DayOfWeek weekday = Arrays.stream(DayOfWeek.values()).filter(w -> w.name().startsWith(byDay.substring(byDay.length() - 2))).findFirst().orElseThrow();
                    String nth = byDay.substring(0, byDay.length() - 2);
                    weekdayOk = day.getDayOfWeek() == weekday && (nth.isEmpty() || day.equals(nthInMonth(first, weekday, Integer.parseInt(nth))));
                }
                if (monthDayOk && weekdayOk) {
                    matches.add(day);
                }
            }
            assertEquals(1, matches.size(), () -> rule + " in " + year + " matches " + matches);
            return matches.get(0);
        }

        private LocalDate nthInMonth(LocalDate first, DayOfWeek weekday, int nth) {
            return nth > 0
                    ? first.with(TemporalAdjusters.dayOfWeekInMonth(nth, weekday))
                    : first.with(TemporalAdjusters.lastInMonth(weekday)).minusWeeks(-nth - 1);
        }
    }
}
