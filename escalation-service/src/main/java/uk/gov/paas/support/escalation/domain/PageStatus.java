package uk.gov.paas.support.escalation.domain;

/** Where a page is. Every status but RESOLVED is open: a trigger with its deduplication key adds to it. */
public enum PageStatus {
    /** Out of hours, not worked (P2-P4): nobody is woken; delivered at the next in-hours opening. */
    WAITING,
    /** Notified; escalates to the next level when the level's acknowledgement timeout passes. */
    TRIGGERED,
    /** Someone took it: no further notifications. */
    ACKNOWLEDGED,
    /** Closed. */
    RESOLVED;

    public boolean open() {
        return this != RESOLVED;
    }
}
