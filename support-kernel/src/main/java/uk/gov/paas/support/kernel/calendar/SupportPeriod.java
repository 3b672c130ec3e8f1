package uk.gov.paas.support.kernel.calendar;

/** Which kind of support time an instant falls in. */
public enum SupportPeriod {
    /** Monday to Friday, opening to closing, not a bank holiday. */
    IN_HOURS,
    /** Opening to closing on a weekend day or bank holiday. */
    OUT_OF_HOURS_WAKING,
    /** Closing to the next opening, every day. */
    OUT_OF_HOURS_OVERNIGHT
}
