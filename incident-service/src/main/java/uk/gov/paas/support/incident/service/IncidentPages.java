package uk.gov.paas.support.incident.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.incident.client.EscalationCallSender;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.SourceKind;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.TimelineEntry.Kind;
import uk.gov.paas.support.incident.mail.IncidentMails;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;

/**
 * The pages an incident caused, and stopping them. An incident asks for a page when an update deadline is missed
 * (dedup key {@code incident-<id>-update-overdue}); an incident declared from an emergency ticket also has that
 * ticket's page ({@code ticket-<ref>-emergency}). Resolving the incident cancels page requests not yet sent and asks
 * escalation-service, through the call outbox, to resolve both pages. escalation-service tells us back when such a page
 * is acknowledged or resolved, and that goes on the timeline (who, when), once per page and event.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IncidentPages {

    public static final String RESOLVE_PAGE = "resolve-page";
    private static final Pattern INCIDENT_KEY = Pattern.compile("incident-(\\d{1,18})-.+");
    private static final Pattern TICKET_KEY = Pattern.compile("ticket-(\\d{1,18})-emergency");

    private final Outbox outbox;
    private final IncidentMails mails;
    private final ObjectMapper json;

    IncidentPages(Outbox outbox, IncidentMails mails, ObjectMapper json) {
        this.outbox = outbox;
        this.mails = mails;
        this.json = json;
    }

    /** The dedup key of the page a missed update of this incident asks for: every missed update adds to the one page. */
    public static String missedUpdateDedupKey(Incident incident) {
        return "incident-" + incident.id + "-update-overdue";
    }

    /** The prefix of the outbox keys of this incident's missed-update page requests. */
    public static String missedUpdateCallPrefix(Incident incident) {
        return "incident-" + incident.id + "/missed-update-";
    }

    private static final Pattern TICKET_REF = Pattern.compile("(?:ticket-)?(\\d{1,18})");

    /** The ticket number an incident was declared from: its source reference, {@code ticket-<id>} (or a bare number). */
    static java.util.Optional<String> ticketOf(Incident incident) {
        if (incident.sourceKind != SourceKind.TICKET || incident.sourceRef == null) {
            return java.util.Optional.empty();
        }
        Matcher ref = TICKET_REF.matcher(incident.sourceRef.strip());
        return ref.matches() ? java.util.Optional.of(ref.group(1)) : java.util.Optional.empty();
    }

    /** Called in the resolve's transaction: once it commits, no page request of this incident is sent, and its pages are resolved. */
    public void stop(Incident incident, Instant now, String by) {
        int cancelled = outbox.cancelCalls(missedUpdateCallPrefix(incident), "incident " + incident.id + " was resolved before this page request was sent");
        List<String> dedupKeys = new ArrayList<>();
        if (incident.missedFor != null) {
            dedupKeys.add(missedUpdateDedupKey(incident));
        }
        ticketOf(incident).ifPresent(ticket -> dedupKeys.add("ticket-" + ticket + "-emergency"));
        for (String dedupKey : dedupKeys) {
            String reason = "Incident #" + incident.id + " was resolved by " + by;
            outbox.call(new OutgoingCall("incident-" + incident.id + "/resolve-page/" + dedupKey, EscalationCallSender.TARGET, RESOLVE_PAGE,
                    write(Map.of("dedupKey", dedupKey, "reason", reason))));
        }
        if (!dedupKeys.isEmpty() || cancelled > 0) {
            TimelineEntry.add(incident.id, now, Kind.PAGE, "incident-service", (dedupKeys.isEmpty() ? "" : "Asked escalation-service to resolve the pages "
                    + String.join(", ", dedupKeys)) + (cancelled == 0 ? "" : (dedupKeys.isEmpty() ? "" : "; ") + cancelled
                    + " page request" + (cancelled == 1 ? "" : "s") + " not yet sent cancelled"));
        }
    }

    /** What escalation-service told us about a page. */
    public record PageEvent(long pageId, String dedupKey, String event, String by, Instant at, String summary) {
    }

    /**
     * Writes an acknowledged or resolved page on the timeline of every incident its dedup key names (an incident's own page,
     * or the emergency page of the ticket it was declared from). Once per page and event: a retry adds nothing. Returns the
     * incidents written to (none when the key names no incident of ours).
     */
    public List<Long> record(PageEvent event) {
        List<Incident> incidents = new ArrayList<>();
        Matcher own = INCIDENT_KEY.matcher(event.dedupKey());
        Matcher ticket = TICKET_KEY.matcher(event.dedupKey());
        if (own.matches()) {
            Incident incident = Incident.findById(Long.parseLong(own.group(1)), LockModeType.PESSIMISTIC_WRITE);
            if (incident != null) {
                incidents.add(incident);
            }
        } else if (ticket.matches()) {
            // ticket-service names its ticket "ticket-<id>"; a person declaring by hand may write the bare number
            incidents.addAll(Incident.<Incident>list("sourceKind = ?1 and sourceRef in ?2 order by id", SourceKind.TICKET,
                    List.of("ticket-" + ticket.group(1), ticket.group(1))));
            incidents.forEach(i -> Incident.findById(i.id, LockModeType.PESSIMISTIC_WRITE));
        }
        String verb = "ACKNOWLEDGED".equals(event.event()) ? "acknowledged" : "resolved";
        String head = "Page #" + event.pageId() + " " + verb + " by ";
        for (Incident incident : incidents) {
            boolean seen = TimelineEntry.count("incidentId = ?1 and kind = ?2 and text like ?3", incident.id, Kind.PAGE,
                    head + "%") > 0;
            if (!seen) {
                TimelineEntry.add(incident.id, event.at(), Kind.PAGE, "escalation-service",
                        head + event.by() + ", " + mails.when(event.at()) + (event.summary() == null ? "" : ": " + event.summary()));
            }
        }
        return incidents.stream().map(i -> i.id).toList();
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call payload always serialises", e);
        }
    }
}
