package uk.gov.paas.support.ticket.domain;

/** Where a ticket came from. */
public enum Channel {
    WEB_FORM, EMAIL, CVE_ALERT, MONITORING, PLATFORM_TESTS, API
}
