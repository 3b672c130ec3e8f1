package uk.gov.paas.support.ticket.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;
import uk.gov.paas.support.ticket.client.EscalationCallSender;
import uk.gov.paas.support.ticket.client.PageResolution;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketStatus;

/**
 * The outbox calls of an emergency ticket: how they are keyed, and resolving its page when the work ends.
 *
 * <ul>
 * <li><b>Keys.</b> Each emergency email queues {@code ticket-<id>/declare-incident/<email>} and
 * {@code ticket-<id>/page/<email>}, where {@code <email>} is a short hash of that email's Message-ID: the same email
 * again queues nothing more, another emergency email on the ticket queues its own pair. Every page of a ticket has
 * the dedup key {@code ticket-<id>-emergency}, so while its page is open escalation-service adds a later email to it
 * rather than paging twice (and incident-service answers the ticket's open incident rather than declaring another).</li>
 * <li><b>The marker.</b> A ticket took the emergency path when its audit holds an {@value #EVENT} event. The
 * {@code paas_outofhours} tag is not the marker: an agent may set it at triage without anyone being paged.</li>
 * <li><b>Work ended.</b> When such a ticket moves from unfinished work to SOLVED or CLOSED (an agent, or the scan), in
 * that transaction: its page requests not yet sent are cancelled ({@link Outbox#cancelCalls} on
 * {@code ticket-<id>/page/}: the slashes keep ticket #120's calls out of #12's prefix), and a resolve of its dedup key
 * is queued ({@code ticket-<id>/resolve-page/<audit event id>}: a ticket reopened and solved again resolves again),
 * recorded as a {@value #RESOLVE_EVENT} audit event. SOLVED to CLOSED ends nothing new and sends nothing.</li>
 * </ul>
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EmergencyCalls {

    /** The audit action that marks a ticket as having taken the emergency path (one per emergency email). */
    public static final String EVENT = "EMERGENCY";
    /** The audit action recording that the page's resolve was queued. */
    public static final String RESOLVE_EVENT = "PAGE_RESOLVE";

    private final Outbox outbox;
    private final ObjectMapper json;

    EmergencyCalls(Outbox outbox, ObjectMapper json) {
        this.outbox = outbox;
        this.json = json;
    }

    /** The part of a call's key that names one email: 16 hex digits of the SHA-256 of its Message-ID. */
    public static String emailKey(String messageId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(messageId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public static String declareKey(long ticketId, String emailKey) {
        return "ticket-" + ticketId + "/declare-incident/" + emailKey;
    }

    public static String pageKey(long ticketId, String emailKey) {
        return pagePrefix(ticketId) + emailKey;
    }

    /** Every page request of this ticket, and nothing else: the key prefix its cancel uses. */
    static String pagePrefix(long ticketId) {
        return "ticket-" + ticketId + "/page/";
    }

    /** The dedup key of the ticket's page at escalation-service: the same for every emergency email of the ticket. */
    public static String dedupKey(long ticketId) {
        return "ticket-" + ticketId + "-emergency";
    }

    /** Did this ticket take the emergency path? */
    public static boolean tookEmergencyPath(long ticketId) {
        return TicketEvent.count("ticketId = ?1 and action = ?2", ticketId, EVENT) > 0;
    }

    /**
     * The ticket moved from {@code before} to {@code target}: if that ends its work (to SOLVED or CLOSED from anything
     * else) and it took the emergency path, cancels its unsent page requests and queues the resolve of its page.
     * {@code why} is the reason given (an agent's, or the scan's), or null.
     */
    void moved(Ticket ticket, TicketStatus before, TicketStatus target, String why, Instant now) {
        if (!target.stopsSla() || before.stopsSla() || !tookEmergencyPath(ticket.id)) {
            return;
        }
        String done = target == TicketStatus.SOLVED ? "solved" : "closed";
        int cancelled = outbox.cancelCalls(pagePrefix(ticket.id), "ticket #" + ticket.id + " was " + done + " before this page went out");
        String reason = "Ticket #" + ticket.id + " was " + done + (why == null || why.isBlank() ? "" : ": " + why.strip());
        TicketEvent event = TicketEvent.add(ticket.id, now, Actor.SYSTEM.name(), RESOLVE_EVENT, "The emergency page " + dedupKey(ticket.id)
                + " is to be resolved" + (cancelled == 0 ? "" : "; " + cancelled + " page request(s) not yet sent are cancelled"), reason);
        outbox.call(new OutgoingCall("ticket-" + ticket.id + "/resolve-page/" + event.id, EscalationCallSender.TARGET, EscalationCallSender.RESOLVE_PAGE,
                write(new PageResolution(dedupKey(ticket.id), reason))));
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call payload always serialises", e);
        }
    }
}
