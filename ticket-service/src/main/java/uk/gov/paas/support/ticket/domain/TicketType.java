package uk.gov.paas.support.ticket.domain;

/** What kind of request a ticket is (set at triage). */
public enum TicketType {
    QUESTION, INCIDENT, PROBLEM, TASK
}
