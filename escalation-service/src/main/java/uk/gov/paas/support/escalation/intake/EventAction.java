package uk.gov.paas.support.escalation.intake;

import java.util.Locale;

/** The Events API v2 {@code event_action}. */
public enum EventAction {
    TRIGGER, ACKNOWLEDGE, RESOLVE;

    /** As sent on the wire: {@code trigger}. */
    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }
}
