package uk.gov.paas.support.ticket.client;

/**
 * What ticket-service asks escalation-service to resolve (the body of POST /api/pages/resolve): every open page with
 * this dedup key, with the reason shown on the page.
 */
public record PageResolution(String dedupKey, String reason) {

    /** Reasons are cut to this (escalation-service's usual limit on a reason), never refused: a 400 would make the call dead. */
    public static final int MAX_REASON = 500;

    public PageResolution {
        if (reason != null && reason.length() > MAX_REASON) {
            reason = reason.substring(0, MAX_REASON - 1) + "…";
        }
    }
}
