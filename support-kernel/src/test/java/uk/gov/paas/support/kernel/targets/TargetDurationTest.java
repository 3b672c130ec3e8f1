package uk.gov.paas.support.kernel.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TargetDurationTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "20m,    0, 20, 20m",
            "1h,     0, 60, 1h",
            "1h30m,  0, 90, 1h30m",
            "90m,    0, 90, 1h30m",
            "' 2 H ', 0, 120, 2h",
            "1bd,    1, 0, 1bd",
            "2bd4h,  2, 240, 2bd4h",
            "48h,    0, 2880, 48h"})
    void intervalsAreReadAsPeopleWriteThem(String written, int businessDays, long minutes, String canonical) {
        TargetDuration duration = TargetDuration.parse(written);
        assertEquals(businessDays, duration.businessDays());
        assertEquals(Duration.ofMinutes(minutes), duration.time());
        assertEquals(canonical, duration.toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "h", "20", "20x", "1d", "-5m", "1.5h", "1h-30m", "m20", "1 bd 1 bd"})
    void anythingElseIsRefused(String written) {
        assertThrows(IllegalArgumentException.class, () -> TargetDuration.parse(written));
    }

    @Test
    void aBusinessDayIsTheInHoursDayOfWorkingTime() {
        assertEquals(Duration.ofHours(20), TargetDuration.parse("2bd4h").asWorkingTime(Duration.ofHours(8)));
    }
}
