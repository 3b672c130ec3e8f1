package uk.gov.paas.support.ticket.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.service.Actor;
import uk.gov.paas.support.ticket.service.TicketService;

/**
 * Declares the P1 incident of an emergency email, queued in the outbox: POST /api/incidents with the call's
 * idempotency key, which incident-service honours (a repeat answers the first incident), so a retry after a timeout
 * never declares twice. On success the incident is linked to its ticket, on the relay's thread in its transaction (the
 * call itself runs on a caller thread without one). No fallback and no retry here: the outbox retries (30 s,
 * doubling) while incident-service is down.
 */
@ApplicationScoped
public class IncidentCallSender implements CallSender {

    public static final String TARGET = "incident-service";
    public static final String DECLARE = "declare";

    private final IncidentRestClient client;
    private final TicketService tickets;
    private final ObjectMapper json;

    IncidentCallSender(@RestClient IncidentRestClient client, TicketService tickets, ObjectMapper json) {
        this.client = client;
        this.tickets = tickets;
        this.json = json;
    }

    @Override
    public String target() {
        return TARGET;
    }

    /** The declaration alone; {@link #make}, what the relay runs, also links the incident to its ticket. */
    @Override
    public String send(OutboxCall call) throws Exception {
        return declare(call).note();
    }

    /** Declares on the relay's caller thread; the link to the ticket is left for the relay's own thread and transaction. */
    @Override
    public Made make(OutboxCall call) throws Exception {
        Declared declared = declare(call);
        return () -> declared.note() + link(declared.ticketId(), declared.incidentId());
    }

    private record Declared(Long ticketId, long incidentId, String note) {
    }

    private Declared declare(OutboxCall call) throws Exception {
        if (!DECLARE.equals(call.operation)) {
            throw new RejectedCall("ticket-service sends incident-service only '" + DECLARE + "' calls, not '" + call.operation + "'");
        }
        IncidentDeclaration declaration = json.readValue(call.payload, IncidentDeclaration.class);
        Answer answer = CallSender.exchange("incident-service", () -> client.declare(call.idempotencyKey, declaration));
        IncidentAnswer incident = json.readValue(answer.body(), IncidentAnswer.class);
        return new Declared(declaration.ticketId(), incident.id(),
                "incident " + incident.id() + (answer.status() == 201 ? " declared" : " (already declared)"));
    }

    /** Links the incident to its ticket; a ticket deleted meanwhile is noted, never a failure that would roll the relay's batch back. */
    private String link(Long ticketId, long incidentId) {
        if (ticketId == null) {
            return "; no ticket named";
        }
        if (Ticket.findById(ticketId) == null) {
            return "; ticket #" + ticketId + " no longer exists, not linked";
        }
        tickets.linkIncident(ticketId, incidentId, Actor.SYSTEM);
        return "; linked to ticket #" + ticketId;
    }
}
