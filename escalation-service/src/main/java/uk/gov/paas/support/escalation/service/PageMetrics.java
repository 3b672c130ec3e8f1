package uk.gov.paas.support.escalation.service;

import java.time.Duration;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import uk.gov.paas.support.kernel.targets.Severity;

/** Paging's Prometheus metrics: pages opened, notifications, escalations, acknowledgements, time to acknowledge. */
@ApplicationScoped
public class PageMetrics {

    private final MeterRegistry registry;
    private final Counter notifications;
    private final Counter escalations;
    private final Counter exhausted;

    PageMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.notifications = Counter.builder("escalation.page.notifications").description("Page emails queued for sending").register(registry);
        this.escalations = Counter.builder("escalation.page.escalations").description("Levels passed without an acknowledgement").register(registry);
        this.exhausted = Counter.builder("escalation.page.exhausted").description("Pages with nobody left to notify").register(registry);
    }

    public void opened(Severity severity) {
        Counter.builder("escalation.pages.opened").description("Pages opened").tag("severity", severity.name()).register(registry).increment();
    }

    public void notified() {
        notifications.increment();
    }

    public void escalated() {
        escalations.increment();
    }

    public void exhausted() {
        exhausted.increment();
    }

    public void acknowledged(Severity severity, Duration timeToAcknowledge) {
        Counter.builder("escalation.page.acknowledgements").description("Pages acknowledged").tag("severity", severity.name())
                .register(registry).increment();
        Timer.builder("escalation.page.time.to.acknowledge").description("From opening to acknowledgement").tag("severity", severity.name())
                .register(registry).record(timeToAcknowledge);
    }
}
