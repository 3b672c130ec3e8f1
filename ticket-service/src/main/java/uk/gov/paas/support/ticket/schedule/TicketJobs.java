package uk.gov.paas.support.ticket.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import uk.gov.paas.support.ticket.service.TicketScan;

/** Thin scheduled entry point; tests call the scan directly with a set clock. */
@ApplicationScoped
public class TicketJobs {

    private final TicketScan scan;

    TicketJobs(TicketScan scan) {
        this.scan = scan;
    }

    @Scheduled(identity = "ticket-deadlines", every = "${support.tickets.scan-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void deadlines() {
        scan.checkDue();
    }
}
