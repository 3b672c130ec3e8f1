package uk.gov.paas.support.ticket.client;

import java.util.List;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.rest.client.inject.RestClient;

import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.CallSender;
import uk.gov.paas.support.kernel.outbox.OutboxCall;

/**
 * Makes the escalation-service calls queued in the outbox, each with the call's idempotency key, which
 * escalation-service honours, so a retry after a timeout never does anything twice. No fallback: the outbox retries.
 * <ul>
 * <li>{@value #PAGE}: POST /api/pages (an emergency email). The page goes whether or not incident-service is up, so
 * the responder is woken either way.</li>
 * <li>{@value #RESOLVE_PAGE}: POST /api/pages/resolve (the emergency ticket was solved or closed): every open page
 * with the ticket's dedup key is resolved; none open is a success too (resolving is idempotent).</li>
 * </ul>
 */
@ApplicationScoped
public class EscalationCallSender implements CallSender {

    public static final String TARGET = "escalation-service";
    public static final String PAGE = "page";
    public static final String RESOLVE_PAGE = "resolve-page";

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
        if (PAGE.equals(call.operation)) {
            PageRequest request = json.readValue(call.payload, PageRequest.class);
            Answer answer = CallSender.exchange("escalation-service", () -> client.page(call.idempotencyKey, request));
            PageAnswer page = json.readValue(answer.body(), PageAnswer.class);
            return "page " + page.id() + " " + page.status() + (answer.status() == 201 ? " (opened)" : " (already open)");
        }
        if (RESOLVE_PAGE.equals(call.operation)) {
            PageResolution request = json.readValue(call.payload, PageResolution.class);
            Answer answer = CallSender.exchange("escalation-service", () -> client.resolvePages(call.idempotencyKey, request));
            PageResolutionAnswer resolved = json.readValue(answer.body(), PageResolutionAnswer.class);
            List<PageAnswer> pages = resolved.resolved() == null ? List.of() : resolved.resolved();
            return pages.isEmpty() ? "no open page " + request.dedupKey() + " to resolve"
                    : "resolved " + pages.stream().map(p -> "page " + p.id() + " " + p.status()).collect(Collectors.joining(", "));
        }
        throw new RejectedCall("ticket-service sends escalation-service only '" + PAGE + "' and '" + RESOLVE_PAGE + "' calls, not '"
                + call.operation + "'");
    }
}
