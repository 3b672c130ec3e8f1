package uk.gov.paas.support.escalation.client;

import java.time.Instant;

/**
 * What escalation-service tells incident-service about a page it opened for an incident or an emergency ticket:
 * {@code event} ACKNOWLEDGED or RESOLVED, by whom and when. incident-service writes it to the incident's timeline.
 */
public record PageEvent(long pageId, String dedupKey, String event, String by, Instant at, String summary) {
}
