package uk.gov.paas.support.incident.service;

import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.Targets;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * Applies the kernel's targets table to an incident at the moment an event happens, and stores the result: the
 * preview route answers through the same {@link #at} call. Before the first public tenant update the respond
 * target is also the next-update deadline; after it, the next update is due one update interval after the last.
 */
@ApplicationScoped
public class IncidentTargets {

    private final TargetsTable table;
    private final IncidentConfig config;

    IncidentTargets(TargetsTable table, IncidentConfig config) {
        this.table = table;
        this.config = config;
    }

    public Targets at(Severity severity, Instant start) {
        return table.targets(severity, start);
    }

    /** Declaration: respond-by, and the first update is due by then too. */
    public void declare(Incident incident, Instant now) {
        Targets targets = at(incident.severity, now);
        incident.targetsPeriod = targets.period();
        incident.targetsStart = now;
        incident.respondBy = targets.respondBy();
        incident.nextUpdateBy = targets.respondBy();
        schedule(incident, now);
    }

    /** A public update was published now: the next one is due one update interval later. */
    public void updated(Incident incident, Instant now) {
        Targets targets = at(incident.severity, now);
        incident.targetsPeriod = targets.period();
        incident.targetsStart = now;
        incident.nextUpdateBy = targets.updateBy();
        schedule(incident, now);
    }

    /**
     * Severity changed now: the targets of the new severity from now. Until the response is met the respond-by is
     * recomputed too; after the first update only the next-update deadline moves.
     */
    public void severityChanged(Incident incident, Instant now) {
        Regraded regraded = regraded(incident, incident.severity, now);
        incident.targetsPeriod = regraded.targets().period();
        incident.targetsStart = now;
        incident.respondBy = regraded.respondBy();
        incident.nextUpdateBy = regraded.nextUpdateBy();
        schedule(incident, now);
    }

    /** What a severity change now would store: the respond-by (unchanged once the response is met) and the next update's deadline. */
    public record Regraded(Targets targets, Instant respondBy, Instant nextUpdateBy, boolean respondByMoves) {
    }

    /**
     * The targets of {@code severity} for this incident from {@code now}, without changing it: the one rule
     * {@link #severityChanged} stores and the severity preview shows.
     */
    public Regraded regraded(Incident incident, Severity severity, Instant now) {
        Targets targets = at(severity, now);
        boolean respondByMoves = incident.responseMetAt == null;
        return new Regraded(targets, respondByMoves ? targets.respondBy() : incident.respondBy,
                incident.firstUpdateAt == null ? targets.respondBy() : targets.updateBy(), respondByMoves);
    }

    /** The reminder goes a configured time before the deadline (at once if that is already past); the scan looks at the earlier. */
    private void schedule(Incident incident, Instant now) {
        Instant reminder = incident.nextUpdateBy.minus(config.reminderBefore());
        incident.reminderAt = reminder.isBefore(now) ? now : reminder;
        incident.nextCheckAt = incident.reminderAt;
    }

    public Duration reminderBefore() {
        return config.reminderBefore();
    }
}
