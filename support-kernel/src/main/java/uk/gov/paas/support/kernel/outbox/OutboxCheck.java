package uk.gov.paas.support.kernel.outbox;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * The outbox in the readiness detail: per kind, rows pending, rows overdue (still pending
 * {@code support.outbox.overdue-after} after they were queued: an undelivered page, say), the oldest pending row's age
 * and dead rows waiting for an admin, with a warning while any row is overdue. It stays UP: a receiver or SMTP being
 * down is no reason to take this replica out of service, which would stop the intake that queues the rows. It reads the
 * figures the relays keep (refreshed at each run, every few seconds), so a probe never queries the database.
 */
@Readiness
@ApplicationScoped
public class OutboxCheck implements HealthCheck {

    private final OutboxRelay emails;
    private final OutboxCallRelay calls;
    private final OutboxConfig config;

    OutboxCheck(OutboxRelay emails, OutboxCallRelay calls, OutboxConfig config) {
        this.emails = emails;
        this.calls = calls;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder response = HealthCheckResponse.named("outbox").up();
        OutboxMetrics email = emails.loop().metrics();
        OutboxMetrics call = calls.loop().metrics();
        add(response, "email", email);
        add(response, "call", call);
        long late = email.overdue() + call.overdue();
        if (late > 0) {
            response.withData("warning", late + " row(s) undelivered for more than " + describe(config.overdueAfter())
                    + " (emails " + email.overdue() + ", calls " + call.overdue() + "): see last_error in /api/admin/outbox and /api/admin/outbox/calls?status=PENDING");
        }
        return response.build();
    }

    private static void add(HealthCheckResponseBuilder response, String kind, OutboxMetrics metrics) {
        response.withData(kind + "Pending", metrics.pending())
                .withData(kind + "Overdue", metrics.overdue())
                .withData(kind + "OldestPendingAgeSeconds", (long) metrics.oldestPendingAgeSeconds())
                .withData(kind + "DeadWaiting", metrics.deadWaiting());
    }

    private static String describe(Duration duration) {
        return duration.toSeconds() % 60 == 0 ? duration.toMinutes() + " min" : duration.toSeconds() + " s";
    }
}
