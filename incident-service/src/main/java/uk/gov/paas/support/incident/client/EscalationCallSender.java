package uk.gov.paas.support.incident.client;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.incident.service.IncidentPages;
import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;

/**
 * Makes the page requests queued in the outbox (a missed update): POST /api/pages with the call's idempotency key,
 * which escalation-service honours, so a retry after a timeout never pages twice. No fallback: the outbox retries.
 */
@ApplicationScoped
public class EscalationCallSender implements CallSender {

    public static final String TARGET = "escalation-service";

    private final EscalationRestClient client;
    private final ObjectMapper json;

    EscalationCallSender(@RestClient EscalationRestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    @Override
    public String target() {
        return TARGET;
    }

    @Override
    public String send(OutboxCall call) throws Exception {
        if (IncidentPages.RESOLVE_PAGE.equals(call.operation)) {
            Answer answer = CallSender.exchange("escalation-service", () -> client.resolvePages(call.idempotencyKey, call.payload));
            int resolved = json.readTree(answer.body()).path("resolved").size();
            return resolved + " page" + (resolved == 1 ? "" : "s") + " resolved";
        }
        if (!"page".equals(call.operation)) {
            throw new RejectedCall("incident-service sends escalation-service only 'page' and '" + IncidentPages.RESOLVE_PAGE + "' calls, not '"
                    + call.operation + "'");
        }
        PageRequest request = json.readValue(call.payload, PageRequest.class);
        Answer answer = CallSender.exchange("escalation-service", () -> client.page(call.idempotencyKey, request));
        PageAnswer page = json.readValue(answer.body(), PageAnswer.class);
        return "page " + page.id() + " " + page.status() + (answer.status() == 201 ? " (opened)" : " (already open)");
    }
}
