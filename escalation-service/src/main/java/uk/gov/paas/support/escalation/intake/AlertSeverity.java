package uk.gov.paas.support.escalation.intake;

import java.util.Locale;

/** The Events API v2 {@code payload.severity}; each routing key maps these to P1-P4. */
public enum AlertSeverity {
    CRITICAL, ERROR, WARNING, INFO;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
