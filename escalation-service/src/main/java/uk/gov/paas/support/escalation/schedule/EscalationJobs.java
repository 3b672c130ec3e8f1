package uk.gov.paas.support.escalation.schedule;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.scheduler.Scheduled;
import uk.gov.paas.support.escalation.service.EscalationEngine;
import uk.gov.paas.support.escalation.service.HandoverService;

/** Thin scheduled entry points; tests call the services directly with a set clock. */
@ApplicationScoped
public class EscalationJobs {

    private final EscalationEngine engine;
    private final HandoverService handover;

    EscalationJobs(EscalationEngine engine, HandoverService handover) {
        this.engine = engine;
        this.handover = handover;
    }

    /** Escalates pages whose level timed out and delivers pages that waited for hours. */
    @Scheduled(identity = "escalate-due-pages", every = "${support.escalation.scan-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void escalate() {
        engine.escalateDue();
    }

    /** Emails whoever comes on call at a handoff. */
    @Scheduled(identity = "rota-handovers", every = "${support.escalation.handover-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void handovers() {
        handover.sendDue();
    }
}
