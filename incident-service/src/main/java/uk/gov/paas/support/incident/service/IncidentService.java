package uk.gov.paas.support.incident.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;

import uk.gov.paas.support.incident.client.EscalationClient;
import uk.gov.paas.support.incident.client.Person;
import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentMember;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.SourceKind;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.incident.domain.TimelineEntry.Kind;
import uk.gov.paas.support.incident.domain.UpdateTemplate;
import uk.gov.paas.support.incident.mail.IncidentMails;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.idempotency.IdempotentRequests;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/** Declaring, staffing, updating, re-grading and resolving incidents; every event in the timeline. */
@ApplicationScoped
@Transactional
public class IncidentService {

    private static final Logger LOG = Logger.getLogger(IncidentService.class);

    public record Declaration(String title, String description, Severity severity, List<Long> componentIds, boolean securityBreach,
            boolean dataCorruptionRisk, SourceKind sourceKind, String sourceRef) {
    }

    /** {@code replayed}: a repeated Idempotency-Key; {@code joined}: the ticket already had this open incident, which answers. */
    public record Declared(Incident incident, boolean replayed, boolean joined) {
    }

    public record Team(String leadEmail, String commsEmail, String commsName, List<Member> members) {
    }

    public record Member(String email, String name) {
    }

    public record Update(UpdateTemplate template, String body, List<Long> componentIds, boolean internal, ComponentState componentState) {
    }

    private final Clock clock;
    private final IncidentTargets targets;
    private final TargetsTable table;
    private final Outbox outbox;
    private final IncidentMails mails;
    private final EscalationClient escalation;
    private final IncidentConfig config;
    private final IncidentMetrics metrics;
    private final EntityManager entityManager;
    private final DueWork work;
    private final IncidentPages pages;
    private final IdempotentRequests requests;

    IncidentService(Clock clock, IncidentTargets targets, TargetsTable table, Outbox outbox, IncidentMails mails, EscalationClient escalation,
            IncidentConfig config, IncidentMetrics metrics, EntityManager entityManager, DueWork work, IncidentPages pages, IdempotentRequests requests) {
        this.requests = requests;
        this.work = work;
        this.pages = pages;
        this.clock = clock;
        this.targets = targets;
        this.table = table;
        this.outbox = outbox;
        this.mails = mails;
        this.escalation = escalation;
        this.config = config;
        this.metrics = metrics;
        this.entityManager = entityManager;
    }

    /**
     * Declares an incident; a repeated Idempotency-Key answers the first incident and changes nothing. Who Information
     * Assurance is (for a security breach) is asked of the directory first, outside any transaction, so a slow
     * directory holds none of the declaration's locks.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Declared declare(Declaration request, IdempotencyKeys.Key idempotencyKey, String by) {
        String ia = request.securityBreach() ? informationAssurance() : null;
        return QuarkusTransaction.requiringNew().call(() -> requests.once(idempotencyKey, "incident",
                id -> Incident.<Incident>findByIdOptional(id).map(i -> new Declared(i, true, false)), () -> declare(request, ia, by),
                declared -> declared.incident().id));
    }

    private Declared declare(Declaration request, String ia, String by) {
        Instant now = clock.instant();
        Optional<Incident> ofTicket = openIncidentOfTicket(request);
        if (ofTicket.isPresent()) {
            // another emergency email on the same ticket: one incident per ticket, the new request goes on its timeline
            Incident incident = ofTicket.get();
            TimelineEntry.add(incident.id, now, Kind.NOTE, by, "Another declaration from the same ticket (" + request.sourceRef().strip() + ") joined this incident: "
                    + request.title().strip());
            return new Declared(incident, false, true);
        }
        Incident incident = new Incident();
        incident.title = request.title().strip();
        incident.description = request.description();
        incident.severity = request.severity();
        incident.status = IncidentStatus.INVESTIGATING;
        incident.securityBreach = request.securityBreach();
        incident.dataCorruptionRisk = request.dataCorruptionRisk();
        incident.sourceKind = request.sourceKind() == null ? SourceKind.MANUAL : request.sourceKind();
        incident.sourceRef = request.sourceRef();
        incident.periodAtDeclaration = table.calendar().periodAt(now);
        incident.declaredAt = now;
        incident.declaredBy = by;
        incident.componentIds.addAll(components(request.componentIds(), "componentIds"));
        targets.declare(incident, now);
        incident.persistAndFlush();
        TimelineEntry.add(incident.id, now, Kind.DECLARED, by, incident.severity.name() + " (" + table.row(incident.severity).aka() + ") declared, "
                + incident.periodAtDeclaration + ": respond by " + mails.when(incident.respondBy));
        if (incident.securityBreach) {
            outbox.enqueue(mails.security(incident, ia));
            TimelineEntry.add(incident.id, now, Kind.SECURITY_NOTICE, "incident-service", "Information Assurance emailed at once (" + ia + ")");
        }
        metrics.declared(incident.severity);
        LOG.infof("Incident %d declared, %s, source %s %s", incident.id, incident.severity.name(), incident.sourceKind,
                incident.sourceRef == null ? "-" : incident.sourceRef);
        return new Declared(incident, false, false);
    }

    /** A ticket has at most one open incident: declarations naming it are serialised, and a second one finds the first. */
    private Optional<Incident> openIncidentOfTicket(Declaration request) {
        if (request.sourceKind() != SourceKind.TICKET || request.sourceRef() == null || request.sourceRef().isBlank()) {
            return Optional.empty();
        }
        work.lock("incident-of-ticket\n" + request.sourceRef().strip());
        return Incident.<Incident>find("sourceKind = ?1 and sourceRef = ?2 and status <> ?3 order by id", SourceKind.TICKET, request.sourceRef().strip(),
                IncidentStatus.RESOLVED).firstResultOptional();
    }

    /**
     * The incident lead must have production access in the people directory; if the directory cannot be asked, this
     * refuses (503). The directory is asked first, outside any transaction, and only then is the incident locked and
     * written, so a slow directory holds no lock (as ticket-service's HandOver asks the rota first).
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Incident assignTeam(long id, Team team, String by) {
        if (QuarkusTransaction.requiringNew().call(() -> Incident.findById(id) == null)) {
            throw ApiProblem.notFound("There is no incident " + id);
        }
        Person lead = team.leadEmail() == null ? null : lead(team.leadEmail());
        return QuarkusTransaction.requiringNew().call(() -> staff(id, team, lead, by));
    }

    private Person lead(String email) {
        Person lead = escalation.personByEmail(email)
                .orElseThrow(() -> ApiProblem.invalidField("leadEmail", "nobody in the people directory has the email " + email));
        if (!lead.productionAccess()) {
            throw ApiProblem.invalidField("leadEmail", lead.name() + " has no production access, so cannot lead an incident");
        }
        return lead;
    }

    private Incident staff(long id, Team team, Person lead, String by) {
        Incident incident = lock(id);
        Instant now = clock.instant();
        if (lead != null) {
            incident.leadEmail = lead.email();
            incident.leadName = lead.name();
        }
        if (team.commsEmail() != null) {
            incident.commsEmail = team.commsEmail().strip();
            incident.commsName = team.commsName() == null || team.commsName().isBlank() ? team.commsEmail().strip() : team.commsName().strip();
        }
        if (team.members() != null) {
            IncidentMember.delete("incidentId", id);
            entityManager.flush();
            for (Member m : team.members()) {
                IncidentMember member = new IncidentMember();
                member.incidentId = id;
                member.email = m.email().strip().toLowerCase();
                member.name = m.name() == null || m.name().isBlank() ? m.email().strip() : m.name().strip();
                if (IncidentMember.find("incidentId = ?1 and email = ?2", id, member.email).count() == 0) {
                    member.persist();
                    entityManager.flush();
                }
            }
        }
        TimelineEntry.add(id, now, Kind.TEAM, by, "Team: lead " + describe(incident.leadName, incident.leadEmail) + ", comms "
                + describe(incident.commsName, incident.commsEmail) + (team.members() == null ? "" : ", " + team.members().size() + " member(s)"));
        checkResponseMet(incident, now);
        return incident;
    }

    /** Adds to the append-only timeline; only the lead records a production change. */
    public TimelineEntry addTimeline(long id, Kind kind, String text, String author) {
        Incident incident = Incident.<Incident>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
        if (!kind.written()) {
            throw ApiProblem.invalidField("kind", "'" + kind + "' entries are written by the service; use ACTION, PRODUCTION_CHANGE, DECISION, COMMS or NOTE");
        }
        if (kind == Kind.PRODUCTION_CHANGE && (incident.leadEmail == null || !incident.leadEmail.equalsIgnoreCase(author))) {
            throw new ApiProblem(403, "Forbidden", "Only the incident lead (" + (incident.leadEmail == null ? "none named yet" : incident.leadEmail)
                    + ") may record a production change", List.of());
        }
        return TimelineEntry.add(id, clock.instant(), kind, author, text);
    }

    /** A published update; {@code replayed}: a repeated Idempotency-Key answered the first one and nothing was sent again. */
    public record Published(TenantUpdate update, boolean replayed) {
    }

    /**
     * Publishes a tenant update once per Idempotency-Key (a confirm button pressed twice sends one update): a repeat
     * answers the first update of this incident and emails nobody again.
     */
    public Published publish(long id, Update update, String author, IdempotencyKeys.Key idempotencyKey) {
        return requests.once(idempotencyKey, "tenant-update",
                first -> TenantUpdate.<TenantUpdate>findByIdOptional(first).filter(u -> u.incidentId == id).map(u -> new Published(u, true)),
                () -> new Published(publish(id, update, author), false), published -> published.update().id);
    }

    /**
     * Publishes a tenant update. Public: needs components (else nobody would be notified), sets their state,
     * resets the next-update deadline, and emails each confirmed subscriber of those components once.
     */
    public TenantUpdate publish(long id, Update update, String author) {
        Incident incident = lock(id);
        Set<Long> components = publishable(incident, update);
        Instant now = clock.instant();
        TenantUpdate saved = record(incident, update.template(), update.template().title(), body(update), components, update.internal(),
                update.componentState(), author, now);
        incident.status = update.template().status();
        if (!update.internal()) {
            incident.componentIds.addAll(components);
            if (incident.firstUpdateAt == null) {
                incident.firstUpdateAt = now;
            }
            targets.updated(incident, now);
            checkResponseMet(incident, now);
        }
        return saved;
    }

    /** What publishing this update now would send, read without writing anything: the same checks, recipients and email text as {@link #publish}. */
    public record UpdatePreview(Incident incident, String title, String body, ComponentState componentState, List<Long> componentIds,
            List<String> componentNames, int recipients, String subject, String text) {
    }

    /** Each subscriber's own unsubscribe link stands here in a preview's text. */
    public static final String UNSUBSCRIBE_LINK_IN_PREVIEW = "(each subscriber's own unsubscribe link)";

    @Transactional(Transactional.TxType.SUPPORTS)
    public UpdatePreview previewUpdate(long id, Update update) {
        Incident incident = Incident.<Incident>findByIdOptional(id).orElseThrow(() -> ApiProblem.notFound("There is no incident " + id));
        Set<Long> components = publishable(incident, update);
        List<String> names = componentNames(components);
        int recipients = update.internal() ? 0 : Subscriber.confirmedFor(components).size();
        ComponentState state = update.internal() ? null : update.componentState() != null ? update.componentState() : update.template().defaultComponentState();
        IncidentMails.UpdatePreview mail = mails.updatePreview(incident, update.template().status().name(), update.template().title(), body(update),
                clock.instant(), names, UNSUBSCRIBE_LINK_IN_PREVIEW);
        return new UpdatePreview(incident, update.template().title(), body(update), state, List.copyOf(components), names, recipients,
                mail.subject(), mail.text());
    }

    /** The checks a tenant update passes before it is published (or previewed): the components it names. */
    private static Set<Long> publishable(Incident incident, Update update) {
        if (!incident.open()) {
            throw ApiProblem.conflict("Incident " + incident.id + " is resolved; it takes no more updates");
        }
        if (update.template() == UpdateTemplate.RESOLVED) {
            throw ApiProblem.invalidField("template", "resolve the incident (POST /api/incidents/" + incident.id + "/resolve) to send the resolved update");
        }
        List<Long> componentIds = update.componentIds() == null ? List.of() : update.componentIds();
        if (componentIds.isEmpty() && !update.internal()) {
            throw ApiProblem.invalidField("componentIds", "name at least one component: an update naming none would notify nobody "
                    + "(mark it internal to record it without notifying anyone)");
        }
        return components(componentIds, "componentIds");
    }

    /** Component names in the order given, as an update's email lists them. */
    private static List<String> componentNames(Set<Long> components) {
        Map<Long, Component> byId = components.isEmpty() ? Map.of()
                : Component.<Component>list("id in ?1", components).stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        return components.stream().map(byId::get).map(c -> c.name).toList();
    }

    /** Severity change: the reason is recorded and the targets recomputed from now. */
    public Incident changeSeverity(long id, Severity severity, String reason, String by) {
        Incident incident = lock(id);
        if (!incident.open()) {
            throw ApiProblem.conflict("Incident " + id + " is resolved");
        }
        Severity before = incident.severity;
        incident.severity = severity;
        Instant now = clock.instant();
        targets.severityChanged(incident, now);
        TimelineEntry.add(id, now, Kind.SEVERITY_CHANGE, by, before.name() + " -> " + severity.name() + ": " + reason.strip()
                + ". Next update by " + mails.when(incident.nextUpdateBy));
        return incident;
    }

    /** Resolves: records who agreed, sends the resolved update, returns components to operational, stops every timer, opens the review. */
    public Incident resolve(long id, String agreedBy, String body, String by) {
        Incident incident = lock(id);
        if (!incident.open()) {
            return incident;
        }
        Instant now = clock.instant();
        incident.status = IncidentStatus.RESOLVED;
        incident.resolvedAt = now;
        incident.resolvedBy = by;
        incident.agreedBy = agreedBy.strip();
        incident.nextCheckAt = null;
        incident.reminderAt = null;
        record(incident, UpdateTemplate.RESOLVED, UpdateTemplate.RESOLVED.title(),
                body == null || body.isBlank() ? "This incident has been resolved. Services are operating normally." : body.strip(),
                new LinkedHashSet<>(incident.componentIds), incident.componentIds.isEmpty(), ComponentState.OPERATIONAL, by, now);
        IncidentReview review = new IncidentReview();
        review.incidentId = id;
        review.dueBy = now.plus(java.time.Duration.ofDays(config.reviewWithinDays()));
        review.nextReminderAt = review.dueBy.minus(java.time.Duration.ofDays(2));
        review.persist();
        TimelineEntry.add(id, now, Kind.RESOLVED, by, "Resolved, agreed by " + incident.agreedBy + "; review due by " + mails.when(review.dueBy));
        pages.stop(incident, now, by);
        metrics.resolved(incident.severity);
        return incident;
    }

    private TenantUpdate record(Incident incident, UpdateTemplate template, String title, String body, Set<Long> components, boolean internal,
            ComponentState state, String author, Instant now) {
        TenantUpdate update = new TenantUpdate();
        update.incidentId = incident.id;
        update.template = template;
        update.status = template.status();
        update.title = title;
        update.body = body;
        update.internal = internal;
        update.componentState = internal ? null : state != null ? state : template.defaultComponentState();
        update.publishedAt = now;
        update.author = author;
        update.componentIds.addAll(components);
        update.persistAndFlush();
        Map<Long, Component> byId = components.isEmpty() ? Map.of()
                : Component.<Component>list("id in ?1", components).stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<String> names = components.stream().map(byId::get).map(c -> c.name).toList();
        int sent = 0;
        if (!internal) {
            for (Component component : byId.values()) {
                component.state = update.componentState;
                component.updatedAt = now;
            }
            for (Subscriber subscriber : Subscriber.confirmedFor(components)) {
                outbox.enqueue(mails.update(incident, update, subscriber, names));
                sent++;
            }
            metrics.updateSent();
        }
        TimelineEntry.add(incident.id, now, Kind.TENANT_UPDATE, author, (internal ? "Internal update" : "Tenant update") + " '" + title + "'"
                + (internal ? "" : " on " + String.join(", ", names) + ", emailed to " + sent + " subscriber(s)"));
        return update;
    }

    private void checkResponseMet(Incident incident, Instant now) {
        if (incident.responseMetAt == null && incident.leadEmail != null && incident.firstUpdateAt != null) {
            incident.responseMetAt = now;
            TimelineEntry.add(incident.id, now, Kind.NOTE, "incident-service", "Response met: a lead is named and the first tenant update is out"
                    + (now.isAfter(incident.respondBy) ? ", after the respond-by of " + mails.when(incident.respondBy) : ""));
        }
    }

    private String informationAssurance() {
        List<Person> people = escalation.withRole("information-assurance");
        if (!people.isEmpty()) {
            return people.get(0).email();
        }
        return config.informationAssuranceEmail().orElseGet(() -> {
            LOG.warn("Nobody holds information-assurance in the people directory and INFORMATION_ASSURANCE_EMAIL is unset; "
                    + "sending the security notice to the fallback address");
            return config.fallbackLeadEmail();
        });
    }

    private static Set<Long> components(List<Long> ids, String field) {
        Set<Long> found = new LinkedHashSet<>();
        List<Long> given = ids == null ? List.of() : ids;
        for (int i = 0; i < given.size(); i++) {
            if (Component.findById(given.get(i)) == null) {
                throw ApiProblem.invalidField(field + "[" + i + "]", "there is no component " + given.get(i));
            }
            found.add(given.get(i));
        }
        return found;
    }

    private static String body(Update update) {
        return update.body() == null || update.body().isBlank() ? update.template().title() + "." : update.body().strip();
    }

    private static String describe(String name, String email) {
        return email == null ? "(none)" : name + " <" + email + ">";
    }

    private Incident lock(long id) {
        Incident incident = Incident.findById(id, LockModeType.PESSIMISTIC_WRITE);
        if (incident == null) {
            throw ApiProblem.notFound("There is no incident " + id);
        }
        return incident;
    }

    static List<String> names(List<Component> components) {
        return new ArrayList<>(components.stream().map(c -> c.name).toList());
    }
}
