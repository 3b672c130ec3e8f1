package uk.gov.paas.support.escalation.client;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;

/**
 * Tells incident-service, through the outbox, that a page it (or an emergency ticket) asked for was acknowledged or
 * resolved: POST /api/incidents/page-events with the call's idempotency key, which incident-service honours, so a
 * retry never writes the timeline twice. No fallback: the outbox retries while incident-service is down.
 */
@ApplicationScoped
public class IncidentCallSender implements CallSender {

    public static final String TARGET = "incident-service";
    public static final String PAGE_EVENT = "page-event";

    private final IncidentRestClient client;
    private final ObjectMapper json;

    IncidentCallSender(@RestClient IncidentRestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String send(OutboxCall call) throws Exception {
        if (!PAGE_EVENT.equals(call.operation)) {
            throw new RejectedCall("escalation-service sends incident-service only '" + PAGE_EVENT + "' calls, not '" + call.operation + "'");
        }
        PageEvent event = json.readValue(call.payload, PageEvent.class);
        Answer answer = CallSender.exchange("incident-service", () -> client.pageEvent(call.idempotencyKey, event));
        return answer.body().length() > 300 ? answer.body().substring(0, 300) : answer.body();
    }
}
