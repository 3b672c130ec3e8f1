package uk.gov.paas.support.incident.service;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import uk.gov.paas.support.kernel.targets.Severity;

/** Incident metrics: open by severity, updates sent, deadlines missed, reminder lead time. */
@ApplicationScoped
@Startup
public class IncidentMetrics {

    private final MeterRegistry registry;
    private final Counter updates;
    private final Counter missed;
    private final Timer reminderLead;
    private final Map<Severity, AtomicLong> open = new EnumMap<>(Severity.class);

    IncidentMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.updates = Counter.builder("incidents.updates.sent").description("Public tenant updates published").register(registry);
        this.missed = Counter.builder("incidents.deadlines.missed").description("Tenant update deadlines missed").register(registry);
        this.reminderLead = Timer.builder("incidents.reminder.lead.time").description("How long before the deadline the reminder went").register(registry);
        for (Severity severity : Severity.values()) {
            AtomicLong count = new AtomicLong();
            open.put(severity, count);
            Gauge.builder("incidents.open", count, AtomicLong::get).tag("severity", severity.name()).description("Open incidents").register(registry);
        }
    }

    public void declared(Severity severity) {
        Counter.builder("incidents.declared").tag("severity", severity.name()).register(registry).increment();
    }

    public void resolved(Severity severity) {
        Counter.builder("incidents.resolved").tag("severity", severity.name()).register(registry).increment();
    }

    public void updateSent() {
        updates.increment();
    }

    public void missed() {
        missed.increment();
    }

    public void reminded(Duration beforeDeadline) {
        reminderLead.record(beforeDeadline.isNegative() ? Duration.ZERO : beforeDeadline);
    }

    /** Set from the database by the scan, so every replica reports the same numbers. */
    public void open(Severity severity, long count) {
        open.get(severity).set(count);
    }
}
