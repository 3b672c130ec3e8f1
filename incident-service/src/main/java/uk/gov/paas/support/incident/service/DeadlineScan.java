package uk.gov.paas.support.incident.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.TimelineEntry.Kind;
import uk.gov.paas.support.incident.mail.IncidentMails;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * The update-deadline scan. Reads only incidents whose check time has come (partial index on next_check_at),
 * each claimed alone with FOR UPDATE SKIP LOCKED in its own transaction: a reminder to the comms person before the
 * deadline, and once it is missed, a notice to the lead and a page request queued in the outbox for
 * escalation-service (idempotency key per incident and deadline, so two replicas or a retry never page twice).
 * A resolved incident has no check time, so nothing ever fires for it.
 */
@ApplicationScoped
public class DeadlineScan {

    private static final Logger LOG = Logger.getLogger(DeadlineScan.class);

    /** The outbox target and operation escalation-service's CallSender handles. */
    public static final String ESCALATION = "escalation-service";
    public static final String PAGE = "page";

    private final Clock clock;
    private final EntityManager entityManager;
    private final Outbox outbox;
    private final IncidentMails mails;
    private final IncidentConfig config;
    private final IncidentMetrics metrics;
    private final ObjectMapper json;
    private final DueWork work;

    DeadlineScan(Clock clock, EntityManager entityManager, Outbox outbox, IncidentMails mails, IncidentConfig config, IncidentMetrics metrics,
            ObjectMapper json, DueWork work) {
        this.work = work;
        this.clock = clock;
        this.entityManager = entityManager;
        this.outbox = outbox;
        this.mails = mails;
        this.config = config;
        this.metrics = metrics;
        this.json = json;
    }

    /** Handles every incident due now; returns how many. */
    public int checkDue() {
        int handled = work.handleEach("Deadline scan", """
                select id from incident where next_check_at <= :now order by next_check_at limit 1 for update skip locked
                """, config.batchSize(), this::handleOne);
        refreshOpenGauges();
        return handled;
    }

    private void handleOne(long id, Instant now) {
        Incident incident = Incident.findById(id);
        if (incident.status == IncidentStatus.RESOLVED) {
            incident.nextCheckAt = null;
            return;
        }
        if (!now.isBefore(incident.nextUpdateBy)) {
            missed(incident, now);
        } else if (!incident.nextUpdateBy.equals(incident.remindedFor)) {
            remind(incident, now);
        } else {
            incident.nextCheckAt = incident.nextUpdateBy;
        }
    }

    private void remind(Incident incident, Instant now) {
        String to = incident.commsEmail != null ? incident.commsEmail : incident.leadEmail != null ? incident.leadEmail : config.fallbackLeadEmail();
        outbox.enqueue(mails.reminder(incident, to));
        incident.remindedFor = incident.nextUpdateBy;
        incident.nextCheckAt = incident.nextUpdateBy;
        TimelineEntry.add(incident.id, now, Kind.REMINDER, "incident-service", "Reminded " + to + ": the next tenant update is due "
                + mails.when(incident.nextUpdateBy));
        metrics.reminded(Duration.between(now, incident.nextUpdateBy));
    }

    private void missed(Incident incident, Instant now) {
        if (!incident.nextUpdateBy.equals(incident.missedFor)) {
            String lead = incident.leadEmail != null ? incident.leadEmail : config.fallbackLeadEmail();
            outbox.enqueue(mails.missed(incident, lead));
            String key = IncidentPages.missedUpdateCallPrefix(incident) + incident.nextUpdateBy;
            outbox.call(new OutgoingCall(key, ESCALATION, PAGE, pageRequest(incident)));
            incident.missedFor = incident.nextUpdateBy;
            TimelineEntry.add(incident.id, now, Kind.MISSED_UPDATE, "incident-service", "The tenant update due " + mails.when(incident.nextUpdateBy)
                    + " was missed; told " + lead);
            TimelineEntry.add(incident.id, now, Kind.PAGE, "incident-service", "Page requested from escalation-service (key " + key + ")");
            metrics.missed();
        }
        // nothing more until the next update sets a new deadline
        incident.nextCheckAt = null;
    }

    private String pageRequest(Incident incident) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("severity", incident.severity.name());
        body.put("summary", "Incident #" + incident.id + ": tenant update overdue since " + mails.when(incident.nextUpdateBy) + ": " + incident.title);
        body.put("source", "incident-service");
        body.put("dedupKey", IncidentPages.missedUpdateDedupKey(incident));
        body.put("link", config.publicUrl() + "/api/incidents/" + incident.id);
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serialises", e);
        }
    }

    private void refreshOpenGauges() {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> rows = entityManager.createNativeQuery(
                        "select severity, count(*) from incident where status <> 'RESOLVED' group by severity").getResultList();
                for (Severity severity : Severity.values()) {
                    metrics.open(severity, 0);
                }
                for (Object[] row : rows) {
                    metrics.open(Severity.valueOf((String) row[0]), ((Number) row[1]).longValue());
                }
            });
        } catch (RuntimeException e) {
            LOG.warnf("Could not refresh the open-incident gauges: %s", e.getMessage());
        }
    }
}
