package uk.gov.paas.support.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.TimelineEntry.Kind;
import uk.gov.paas.support.incident.mail.IncidentMails;
import uk.gov.paas.support.incident.statuspage.PublicContexts;
import uk.gov.paas.support.incident.statuspage.PublicProjection;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * After an incident: the report assembled from the timeline, the no-blame review due within 7 days of resolution
 * (reminded two days before and when overdue), and publishing the report on the status page. A security incident's
 * report is published only on an explicit, recorded decision.
 */
@ApplicationScoped
@Transactional
public class Reviews {

    /** Who attended the review, by role: lead, comms, team, delivery-manager, product-manager, technical-architect. */
    public static final List<String> ATTENDEE_ROLES = List.of("lead", "comms", "team", "delivery-manager", "product-manager", "technical-architect");

    public record Attendee(String role, String name) {
    }

    private final Clock clock;
    private final IncidentMails mails;
    private final TargetsTable targets;
    private final Outbox outbox;
    private final IncidentConfig config;
    private final DueWork work;
    private final PublicContexts publicContexts;

    Reviews(Clock clock, IncidentMails mails, TargetsTable targets, Outbox outbox, IncidentConfig config, DueWork work,
            PublicContexts publicContexts) {
        this.publicContexts = publicContexts;
        this.clock = clock;
        this.mails = mails;
        this.targets = targets;
        this.outbox = outbox;
        this.config = config;
        this.work = work;
    }

    /** The report in Markdown: summary, impact, timeline, actions. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String report(long id) {
        return report(id, false);
    }

    /**
     * The report as the status page publishes it: the public version, with every address, phone number, internal link
     * and name of anyone the incident names redacted, through the public projection every public view uses.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String publicReport(long id) {
        String markdown = report(id, true);
        return PublicProjection.reportMarkdown(markdown, publicContexts.forIncident(id));
    }

    /** The public version leaves out who did what (names, addresses) and the service's internal bookkeeping entries. */
    String report(long id, boolean publicVersion) {
        Incident incident = Incident.<Incident>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
        List<TimelineEntry> timeline = TimelineEntry.of(id);
        Map<Long, String> components = incident.componentIds.isEmpty() ? Map.of()
                : Component.<Component>list("id in ?1", incident.componentIds).stream().collect(Collectors.toMap(c -> c.id, c -> c.name));
        long publicUpdates = TenantUpdate.count("incidentId = ?1 and internal = false", id);
        StringBuilder md = new StringBuilder();
        md.append("# Incident #").append(id).append(": ").append(incident.title).append("\n\n");
        md.append("## Summary\n\n");
        md.append("- Severity: ").append(incident.severity.name()).append(" (").append(targets.row(incident.severity).aka()).append(")\n");
        md.append("- Declared: ").append(mails.when(incident.declaredAt)).append(publicVersion ? "" : " by " + incident.declaredBy).append("\n");
        if (incident.resolvedAt != null) {
            md.append("- Resolved: ").append(mails.when(incident.resolvedAt)).append(publicVersion ? "" : ", agreed by " + incident.agreedBy).append("\n");
            md.append("- Duration: ").append(java.time.Duration.between(incident.declaredAt, incident.resolvedAt).toMinutes()).append(" minutes\n");
        }
        if (!publicVersion) {
            md.append("- Lead: ").append(incident.leadName == null ? "(none named)" : incident.leadName).append("\n");
        }
        if (incident.description != null && !incident.description.isBlank()) {
            md.append("\n").append(incident.description.strip()).append("\n");
        }
        md.append("\n## Impact\n\n");
        md.append("- Components: ").append(components.isEmpty() ? "(none named)" : String.join(", ", components.values())).append("\n");
        md.append("- Tenant updates published: ").append(publicUpdates).append("\n");
        md.append("- Response: ").append(incident.responseMetAt == null ? "not met" : "met " + mails.when(incident.responseMetAt)
                + (incident.responseMetAt.isAfter(incident.respondBy) ? " (after the respond-by of " + mails.when(incident.respondBy) + ")" : ""))
                .append("\n");
        if (incident.securityBreach) {
            md.append("- Security breach\n");
        }
        if (incident.dataCorruptionRisk) {
            md.append("- Risk of data corruption\n");
        }
        md.append("\n## Timeline\n\n");
        for (TimelineEntry e : timeline) {
            if (publicVersion && !(e.kind.written() || e.kind == Kind.DECLARED || e.kind == Kind.SEVERITY_CHANGE || e.kind == Kind.RESOLVED)) {
                continue;
            }
            if (publicVersion && e.kind.written() && e.kind != Kind.ACTION && e.kind != Kind.DECISION && e.kind != Kind.PRODUCTION_CHANGE) {
                continue;
            }
            md.append("- ").append(mails.when(e.at)).append(" **").append(e.kind.name().toLowerCase().replace('_', ' ')).append("**")
                    .append(publicVersion ? "" : " (" + e.author + ")").append(": ")
                    .append(publicVersion ? publicText(e) : e.text.replace("\n", " ")).append("\n");
        }
        md.append("\n## Actions\n\n");
        List<TimelineEntry> actions = timeline.stream().filter(e -> e.kind == Kind.ACTION || e.kind == Kind.DECISION || e.kind == Kind.PRODUCTION_CHANGE)
                .toList();
        if (actions.isEmpty()) {
            md.append("- (none recorded)\n");
        }
        for (TimelineEntry e : actions) {
            md.append("- ").append(e.kind.name().toLowerCase().replace('_', ' ')).append(": ").append(e.text.replace("\n", " ")).append("\n");
        }
        return md.toString();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IncidentReview> review(long id) {
        return IncidentReview.findByIdOptional(id);
    }

    /** Records the review as held, with who attended. */
    public IncidentReview held(long id, Instant heldAt, List<Attendee> attendees, String by) {
        IncidentReview review = require(id);
        for (int i = 0; i < attendees.size(); i++) {
            if (!ATTENDEE_ROLES.contains(attendees.get(i).role())) {
                throw ApiProblem.invalidField("attendees[" + i + "].role", "'" + attendees.get(i).role() + "' is not one of " + ATTENDEE_ROLES);
            }
        }
        review.heldAt = heldAt;
        review.attendees = attendees.stream().map(a -> a.role() + ": " + a.name().strip()).collect(Collectors.joining(", "));
        review.nextReminderAt = null;
        TimelineEntry.add(id, clock.instant(), Kind.REVIEW, by, "Review held " + mails.when(heldAt)
                + (heldAt.isAfter(review.dueBy) ? ", after its due date " + mails.when(review.dueBy) : "") + "; attended by " + review.attendees);
        return review;
    }

    /**
     * Publishes the report on the status page, as it reads now. A security incident needs an explicit decision with
     * a reason; a decision not to publish is recorded too.
     */
    public IncidentReview publish(long id, Boolean securityDecision, String reason, String by) {
        Incident incident = Incident.<Incident>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
        IncidentReview review = require(id);
        Instant now = clock.instant();
        if (incident.securityBreach) {
            if (securityDecision == null || reason == null || reason.isBlank()) {
                throw ApiProblem.invalidField("publish", "a security incident's report is published only on an explicit decision: "
                        + "send publish (true or false) and a reason");
            }
            review.publishDecision = (securityDecision ? "publish" : "do not publish") + ": " + reason.strip();
            review.decidedBy = by;
            TimelineEntry.add(id, now, Kind.DECISION, by, "Report " + review.publishDecision);
            if (!securityDecision) {
                return review;
            }
        }
        review.reportMarkdown = publicReport(id);
        review.publishedAt = now;
        TimelineEntry.add(id, now, Kind.REVIEW, by, "Report published on the status page");
        return review;
    }

    /** Review reminders: two days before the due date, and when it is overdue; reads only what is due. */
    @Transactional(Transactional.TxType.NEVER)
    public int remindDue() {
        return work.handleEach("Review reminders", """
                select incident_id from incident_review where next_reminder_at <= :now order by next_reminder_at limit 1 for update skip locked
                """, config.batchSize(), this::remind);
    }

    private void remind(long id, Instant now) {
        IncidentReview review = IncidentReview.findById(id);
        Incident incident = Incident.findById(review.incidentId);
        boolean overdue = !now.isBefore(review.dueBy);
        String to = incident.leadEmail != null ? incident.leadEmail : config.fallbackLeadEmail();
        outbox.enqueue(mails.review(incident, review.dueBy, overdue, to));
        review.nextReminderAt = overdue ? null : review.dueBy;
        TimelineEntry.add(incident.id, now, Kind.REVIEW, "incident-service", "Review " + (overdue ? "overdue" : "reminder") + " sent to " + to);
    }

    /** Service-written entries name people (declared by, agreed by); the public report keeps only what happened. */
    private static String publicText(TimelineEntry e) {
        return switch (e.kind) {
            case DECLARED -> "incident declared";
            case RESOLVED -> "resolved";
            default -> e.text.replace("\n", " "); // addresses, phones, links and names: PublicText, over the whole report
        };
    }

    private static IncidentReview require(long id) {
        return IncidentReview.<IncidentReview>findByIdOptional(id)
                .orElseThrow(() -> ApiProblem.conflict("Incident " + id + " has no review yet: it opens when the incident is resolved"));
    }

}
