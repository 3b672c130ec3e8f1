package uk.gov.paas.support.kernel.health;

import java.time.Clock;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.config.CalendarConfig;

/**
 * Warns, in the readiness detail, when the bank-holiday data runs out soon. It stays UP: taking every pod
 * out of service would hurt more than a deadline computed without next year's holidays.
 */
@Readiness
@ApplicationScoped
public class BankHolidayCoverageCheck implements HealthCheck {

    private final SupportCalendar calendar;
    private final CalendarConfig config;
    private final Clock clock;

    BankHolidayCoverageCheck(SupportCalendar calendar, CalendarConfig config, Clock clock) {
        this.calendar = calendar;
        this.config = config;
        this.clock = clock;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("support-hours calendar").up()
                .withData("zone", calendar.zone().getId())
                .withData("bankHolidaysCoveredUntil", calendar.holidays().coveredUntil().toString());
        Optional<String> warning = calendar.coverageWarning(clock.instant(), config.coverageHorizonDays());
        warning.ifPresent(text -> response.withData("warning", text));
        return response.build();
    }
}
