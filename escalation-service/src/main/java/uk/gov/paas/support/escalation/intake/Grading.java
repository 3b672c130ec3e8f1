package uk.gov.paas.support.escalation.intake;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

import uk.gov.paas.support.kernel.targets.Severity;

/**
 * How a routing key grades its events, as a PagerDuty service sets its urgency: either a <b>fixed</b> priority for
 * every event (an uptime checker or a smoke-test pipeline: every alert is an outage), or a <b>mapping</b> of the
 * sender's {@code payload.severity}. The default mapping follows PagerDuty's dynamic notifications: {@code critical}
 * and {@code error} are high urgency (P1, which wakes the on-call out of hours), {@code warning} and {@code info} are
 * what a sender marks as low (P3 and P4, which wait for support hours). Alertmanager sends {@code error} unless its
 * config says otherwise, so an untuned Alertmanager wakes someone. Pure: tested without Quarkus.
 */
public record Grading(Severity fixed, Map<AlertSeverity, Severity> mapping) {

    /** critical, error -> P1; warning -> P3; info -> P4. */
    public static final Map<AlertSeverity, Severity> DEFAULT_MAPPING = Collections.unmodifiableMap(new EnumMap<>(Map.of(
            AlertSeverity.CRITICAL, Severity.P1, AlertSeverity.ERROR, Severity.P1, AlertSeverity.WARNING, Severity.P3,
            AlertSeverity.INFO, Severity.P4)));

    /** A new key's grading. */
    public static final Grading DEFAULT = new Grading(null, DEFAULT_MAPPING);

    public Grading {
        Objects.requireNonNull(mapping, "mapping");
        if (fixed == null && !mapping.keySet().containsAll(DEFAULT_MAPPING.keySet())) {
            throw new IllegalArgumentException("a severity mapping names every alert severity");
        }
        mapping = Collections.unmodifiableMap(mapping.isEmpty() ? new EnumMap<>(AlertSeverity.class) : new EnumMap<>(mapping));
    }

    public static Grading fixed(Severity priority) {
        return new Grading(Objects.requireNonNull(priority, "priority"), DEFAULT_MAPPING);
    }

    /** The default mapping with the given severities changed. */
    public static Grading mapping(Map<AlertSeverity, Severity> overrides) {
        Map<AlertSeverity, Severity> mapping = new EnumMap<>(DEFAULT_MAPPING);
        mapping.putAll(overrides);
        return new Grading(null, mapping);
    }

    /** A priority for an event, and the sentence that says why (kept on the page and in its log). */
    public record Graded(Severity priority, String because) {
    }

    public Graded grade(AlertSeverity severity, String keyName) {
        if (fixed != null) {
            return new Graded(fixed, "routing key '" + keyName + "' grades every event " + fixed.name() + " (fixed priority)");
        }
        Severity priority = mapping.get(severity);
        return new Graded(priority, "routing key '" + keyName + "' maps severity '" + severity.wire() + "' to " + priority.name());
    }

    public boolean isFixed() {
        return fixed != null;
    }

    /** As stored in {@code routing_key.severity_mapping}: {@code critical=P1,error=P1,warning=P3,info=P4}. */
    public String storedMapping() {
        return mapping.entrySet().stream().map(e -> e.getKey().wire() + "=" + e.getValue().name()).collect(Collectors.joining(","));
    }

    public static Map<AlertSeverity, Severity> parseStoredMapping(String stored) {
        Map<AlertSeverity, Severity> mapping = new EnumMap<>(AlertSeverity.class);
        for (String pair : stored.split(",")) {
            String[] parts = pair.split("=");
            mapping.put(AlertSeverity.valueOf(parts[0].strip().toUpperCase(Locale.ROOT)), Severity.valueOf(parts[1].strip()));
        }
        return mapping;
    }
}
