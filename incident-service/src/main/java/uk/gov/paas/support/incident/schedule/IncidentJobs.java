package uk.gov.paas.support.incident.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import uk.gov.paas.support.incident.service.DeadlineScan;

/** Thin scheduled entry points; tests call the services directly with a set clock. */
@ApplicationScoped
public class IncidentJobs {

    private final DeadlineScan deadlines;
    private final uk.gov.paas.support.incident.service.Reviews reviews;

    IncidentJobs(DeadlineScan deadlines, uk.gov.paas.support.incident.service.Reviews reviews) {
        this.deadlines = deadlines;
        this.reviews = reviews;
    }

    @Scheduled(identity = "incident-review-reminders", every = "${support.incidents.scan-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void reviews() {
        reviews.remindDue();
    }

    @Scheduled(identity = "incident-deadlines", every = "${support.incidents.scan-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deadlines() {
        deadlines.checkDue();
    }
}
