package uk.gov.paas.support.ticket.service;

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
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.SlaTimer;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/** Ticket metrics: unclosed tickets by status (from the database, so every replica agrees), breaches, first-response time. */
@ApplicationScoped
@Startup
public class TicketMetrics {

    private final MeterRegistry registry;
    private final Timer firstResponse;
    private final Map<TicketStatus, AtomicLong> byStatus = new EnumMap<>(TicketStatus.class);
    private volatile boolean stale = true;

    TicketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.firstResponse = Timer.builder("tickets.first.response.time").description("Real time from a ticket's creation to the first public agent reply")
                .register(registry);
        for (TicketStatus status : TicketStatus.values()) {
            if (status == TicketStatus.CLOSED) {
                continue;
            }
            AtomicLong count = new AtomicLong();
            byStatus.put(status, count);
            Gauge.builder("tickets", count, AtomicLong::get).tag("status", status.name()).description("Tickets by status").register(registry);
        }
        for (SlaTimer.Kind kind : SlaTimer.Kind.values()) {
            Counter.builder("tickets.sla.breaches").tag("target", kind.name()).description("SLA targets missed").register(registry);
        }
    }

    public void created(Channel channel) {
        Counter.builder("tickets.created").tag("channel", channel.name()).description("Tickets created").register(registry).increment();
        stale = true;
    }

    public void statusChanged() {
        stale = true;
    }

    public void breached(SlaTimer.Kind target) {
        Counter.builder("tickets.sla.breaches").tag("target", target.name()).register(registry).increment();
    }

    public void firstResponse(Duration took) {
        firstResponse.record(took.isNegative() ? Duration.ZERO : took);
    }

    /** Whether a change since the last refresh may have moved the counts. */
    public boolean stale() {
        return stale;
    }

    /** Set from the database by the scan. */
    public void byStatus(Map<TicketStatus, Long> counts) {
        byStatus.forEach((status, count) -> count.set(counts.getOrDefault(status, 0L)));
        stale = false;
    }
}
