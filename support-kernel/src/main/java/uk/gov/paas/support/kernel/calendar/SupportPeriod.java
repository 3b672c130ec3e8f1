package uk.gov.paas.support.kernel.calendar;

/** Which kind of support time an instant falls in. */
public enum SupportPeriod {
    /** A working day (Monday to Friday by default), opening to closing, not a bank holiday. */
    IN_HOURS,
    /** Opening to closing on a day support does not work (a weekend by default) or a bank holiday. */
    OUT_OF_HOURS_WAKING,
    /** Closing to the next opening, every day. */
    OUT_OF_HOURS_OVERNIGHT
}
