package uk.gov.paas.support.incident.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import uk.gov.paas.support.incident.service.DeadlineScan;

/** Thin scheduled entry points; tests call the services directly with a set clock. */
@ApplicationScoped
public class IncidentJobs {

    private final DeadlineScan deadlines;

    IncidentJobs(DeadlineScan deadlines) {
        this.deadlines = deadlines;
    }

    @Scheduled(identity = "incident-deadlines", every = "${support.incidents.scan-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deadlines() {
        deadlines.checkDue();
    }
}
