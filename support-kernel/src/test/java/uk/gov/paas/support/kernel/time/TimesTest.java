package uk.gov.paas.support.kernel.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

class TimesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void localTimeForJsonCarriesTheZoneOffsetNotZ() {
        assertEquals("2026-12-28T10:00:00+00:00", Times.local(Instant.parse("2026-12-28T10:00:00Z"), LONDON));
        assertEquals("2026-07-01T10:00:00+01:00", Times.local(Instant.parse("2026-07-01T09:00:00Z"), LONDON));
        assertNull(Times.local(null, LONDON));
    }

    @Test
    void peopleReadLocalTimeWithUtcBeside() {
        assertEquals("Wed 1 Jul 2026 10:00 BST (09:00 UTC)", Times.forPeople(Instant.parse("2026-07-01T09:00:00Z"), LONDON));
        assertEquals("Mon 23 Nov 2026 09:00 GMT (09:00 UTC)", Times.forPeople(Instant.parse("2026-11-23T09:00:00Z"), LONDON));
    }

    @Test
    void utcDateIsNamedWhenItDiffersFromTheLocalDate() {
        assertEquals("Mon 29 Jun 2026 00:30 BST (Sun 28 Jun 23:30 UTC)", Times.forPeople(Instant.parse("2026-06-28T23:30:00Z"), LONDON));
    }
}
