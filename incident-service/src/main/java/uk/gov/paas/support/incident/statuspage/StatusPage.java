package uk.gov.paas.support.incident.statuspage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import io.quarkus.panache.common.Page;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;

/**
 * What the public status page shows, read from the incident tables and nothing else. Everything here is public by
 * construction:
 * <ul>
 * <li>only public tenant updates are read (internal ones are filtered in the query, never after it);</li>
 * <li>no person is named: no subscriber, declarer, lead, comms person, author or resolver, and never an address;</li>
 * <li>an incident's free-text description is internal and never shown;</li>
 * <li>a security incident (security breach flagged) shows only what its public updates say: it is absent until its
 *     first public update, its name is that update's title, its components are those its public updates name, its
 *     impact comes from the component states they set, and its times are theirs. Its title, severity and
 *     declaration time stay private. (Once resolved it leaves the open list, so its resolution is public anyway:
 *     it is then shown as resolved, at the time of its public "resolved" update if there is one. One whose last public
 *     update says resolved is resolved on the page, even while it stays open inside.)</li>
 * </ul>
 * Reports are shown once {@code incident_review.published_at} is set, never before. Every record leaves here through
 * {@link PublicProjection} (every text field redacted by {@link PublicText}: no address, phone number, internal link or
 * name of anyone the incident names), so no view built on it can show unredacted text.
 */
@ApplicationScoped
public class StatusPage {

    /** How far back the history goes. */
    public static final Duration HISTORY = Duration.ofDays(90);
    /** How many incidents the Statuspage-format {@code incidents.json} lists, as Statuspage does. */
    public static final int RECENT_INCIDENTS = 50;
    /** How many published reports the page lists, newest first. */
    public static final int REPORTS = 50;

    private final Clock clock;
    private final SupportCalendar calendar;
    private final PublicContexts contexts;

    StatusPage(Clock clock, SupportCalendar calendar, PublicContexts contexts) {
        this.clock = clock;
        this.calendar = calendar;
        this.contexts = contexts;
    }

    /** A component as the public sees it. */
    public record PublicComponent(long id, String name, String description, int position, ComponentState state, Instant updatedAt) {

        /** How people read the state: "Partial outage". */
        public String stateLabel() {
            return label(state);
        }

        /** As the Statuspage format writes it: {@code partial_outage}. */
        public String stateWire() {
            return state.wire();
        }
    }

    /** A component an update changed, with the state before it (from the incident's previous public update naming it) and after. */
    public record AffectedComponent(PublicComponent component, ComponentState oldState, ComponentState newState) {
    }

    /** A public update: what tenants were told, when, about which components. */
    public record PublicUpdate(long id, long incidentId, IncidentStatus status, String title, String body, Instant publishedAt,
            List<AffectedComponent> affected) {
    }

    /** An incident as the public sees it; {@code updates} newest first. */
    public record PublicIncident(long id, String name, IncidentStatus status, Impact impact, Instant startedAt, Instant updatedAt,
            Instant monitoringAt, Instant resolvedAt, List<PublicComponent> components, List<PublicUpdate> updates,
            boolean reportPublished) {

        public boolean open() {
            return status != IncidentStatus.RESOLVED;
        }
    }

    /** A published incident report. */
    public record PublicReport(long incidentId, String title, Instant publishedAt, String markdown) {

        /** The Markdown as safe HTML (headings, lists, paragraphs, code; everything escaped). */
        public String html() {
            return SafeMarkdown.toHtml(markdown);
        }
    }

    /** The page status: Statuspage's indicator and its wording. */
    public record Status(Impact indicator, String description) {
    }

    /** Everything the page shows, read at one instant. */
    public record Snapshot(Instant at, ZoneId zone, Instant updatedAt, Status status, List<PublicComponent> components,
            List<PublicIncident> open, List<PublicIncident> history, List<PublicReport> reports) {
    }

    public ZoneId zone() {
        return calendar.zone();
    }

    public Instant now() {
        return clock.instant();
    }

    /** Components by position, then id. */
    @Transactional
    public List<PublicComponent> components() {
        return Component.ordered().stream().map(this::toPublic).toList();
    }

    /** Open incidents, newest first, with their public updates (newest first) and the components they name. */
    @Transactional
    public List<PublicIncident> openIncidents() {
        List<Incident> open = Incident.list("status <> ?1 order by declaredAt desc, id desc", IncidentStatus.RESOLVED);
        // a security incident whose last public update said resolved is resolved as far as the public knows
        return toPublic(open, componentsById()).stream().filter(PublicIncident::open).toList();
    }

    /** Incidents resolved in the last 90 days, most recently resolved first. */
    @Transactional
    public List<PublicIncident> history() {
        Instant since = clock.instant().minus(HISTORY);
        List<Incident> resolved = Incident.list("status = ?1 and resolvedAt >= ?2 order by resolvedAt desc, id desc",
                IncidentStatus.RESOLVED, since);
        return toPublic(resolved, componentsById());
    }

    /** The 50 most recently declared incidents that may be shown, open or resolved, newest first. */
    @Transactional
    public List<PublicIncident> recentIncidents() {
        List<Incident> recent = Incident.find("""
                from Incident i where i.securityBreach = false
                    or exists (select u.id from TenantUpdate u where u.incidentId = i.id and u.internal = false)
                order by i.declaredAt desc, i.id desc""").page(Page.ofSize(RECENT_INCIDENTS)).list();
        return toPublic(recent, componentsById());
    }

    /** Published reports, most recently published first. */
    @Transactional
    public List<PublicReport> reports() {
        List<IncidentReview> reviews = IncidentReview.find("publishedAt is not null order by publishedAt desc, incidentId desc")
                .page(Page.ofSize(REPORTS)).list();
        if (reviews.isEmpty()) {
            return List.of();
        }
        List<Long> ids = reviews.stream().map(r -> r.incidentId).toList();
        Map<Long, Incident> incidents = new HashMap<>();
        Incident.<Incident>list("id in ?1", ids).forEach(i -> incidents.put(i.id, i));
        Map<Long, List<TenantUpdate>> updates = publicUpdates(ids);
        Map<Long, PublicText.Context> redaction = contexts.forIncidents(ids);
        List<PublicReport> reports = new ArrayList<>();
        for (IncidentReview review : reviews) {
            Incident incident = incidents.get(review.incidentId);
            String title = incident == null ? "Incident " + review.incidentId
                    : publicName(incident, updates.getOrDefault(incident.id, List.of()));
            // redacted when published, and again here: a report published before a rule was added is covered too
            reports.add(PublicProjection.report(new PublicReport(review.incidentId, title, review.publishedAt,
                    review.reportMarkdown == null ? "" : review.reportMarkdown), redaction.getOrDefault(review.incidentId, contexts.general())));
        }
        return reports;
    }

    /** Components, open incidents and the page status only: what summary.json and status.json need. */
    @Transactional
    public Snapshot current() {
        List<PublicComponent> components = components();
        List<PublicIncident> open = openIncidents();
        return new Snapshot(clock.instant(), zone(), updatedAt(components, open, List.of()), status(components, open), components, open,
                List.of(), List.of());
    }

    /** Everything the HTML page and /status.json show. */
    @Transactional
    public Snapshot everything() {
        List<PublicComponent> components = components();
        List<PublicIncident> open = openIncidents();
        List<PublicIncident> history = history();
        return new Snapshot(clock.instant(), zone(), updatedAt(components, open, history), status(components, open), components, open,
                history, reports());
    }

    /** The page status: see {@link Impact#indicator}. */
    public static Status status(List<PublicComponent> components, List<PublicIncident> open) {
        List<ComponentState> states = components.stream().map(PublicComponent::state).toList();
        Impact indicator = Impact.indicator(states, open.stream().map(PublicIncident::impact).toList());
        return new Status(indicator, Impact.describe(indicator, states));
    }

    /** When anything shown last changed: the newest component change or incident update; now if there is nothing. */
    private Instant updatedAt(List<PublicComponent> components, List<PublicIncident> open, List<PublicIncident> history) {
        Instant latest = null;
        for (PublicComponent c : components) {
            latest = later(latest, c.updatedAt());
        }
        for (List<PublicIncident> list : List.of(open, history)) {
            for (PublicIncident i : list) {
                latest = later(latest, i.updatedAt());
            }
        }
        return latest == null ? clock.instant() : latest;
    }

    public static String label(ComponentState state) {
        return switch (state) {
            case OPERATIONAL -> "Operational";
            case DEGRADED_PERFORMANCE -> "Degraded performance";
            case PARTIAL_OUTAGE -> "Partial outage";
            case MAJOR_OUTAGE -> "Major outage";
            case UNDER_MAINTENANCE -> "Under maintenance";
        };
    }

    public static String label(IncidentStatus status) {
        return switch (status) {
            case INVESTIGATING -> "Investigating";
            case IDENTIFIED -> "Identified";
            case MONITORING -> "Monitoring";
            case RESOLVED -> "Resolved";
        };
    }

    private PublicComponent toPublic(Component c) {
        return PublicProjection.component(new PublicComponent(c.id, c.name, c.description, c.position, c.state, c.updatedAt), contexts.general());
    }

    private Map<Long, PublicComponent> componentsById() {
        Map<Long, PublicComponent> byId = new LinkedHashMap<>();
        for (Component c : Component.ordered()) {
            byId.put(c.id, toPublic(c));
        }
        return byId;
    }

    /** Public updates of these incidents, oldest first per incident; internal updates are excluded by the query. */
    private static Map<Long, List<TenantUpdate>> publicUpdates(List<Long> incidentIds) {
        Map<Long, List<TenantUpdate>> byIncident = new HashMap<>();
        if (incidentIds.isEmpty()) {
            return byIncident;
        }
        List<TenantUpdate> updates = TenantUpdate.list("incidentId in ?1 and internal = false order by publishedAt, id", incidentIds);
        for (TenantUpdate u : updates) {
            byIncident.computeIfAbsent(u.incidentId, k -> new ArrayList<>()).add(u);
        }
        return byIncident;
    }

    private List<PublicIncident> toPublic(List<Incident> incidents, Map<Long, PublicComponent> components) {
        List<Long> ids = incidents.stream().map(i -> i.id).toList();
        Map<Long, List<TenantUpdate>> updates = publicUpdates(ids);
        Set<Long> published = new LinkedHashSet<>();
        if (!ids.isEmpty()) {
            IncidentReview.<IncidentReview>list("incidentId in ?1 and publishedAt is not null", ids).forEach(r -> published.add(r.incidentId));
        }
        Map<Long, PublicText.Context> redaction = contexts.forIncidents(ids);
        List<PublicIncident> shown = new ArrayList<>();
        for (Incident incident : incidents) {
            List<TenantUpdate> own = updates.getOrDefault(incident.id, List.of());
            if (incident.securityBreach && own.isEmpty()) {
                continue; // nothing about it has been made public yet
            }
            shown.add(PublicProjection.incident(toPublic(incident, own, components, published.contains(incident.id)),
                    redaction.getOrDefault(incident.id, contexts.general())));
        }
        return shown;
    }

    /** A security incident is known publicly by its first public update's title; any other by its own title. */
    private static String publicName(Incident incident, List<TenantUpdate> publicUpdates) {
        if (!incident.securityBreach) {
            return incident.title;
        }
        return publicUpdates.isEmpty() ? "Incident " + incident.id : publicUpdates.get(0).title;
    }

    /** {@code updates}: the incident's public updates, oldest first. */
    private static PublicIncident toPublic(Incident incident, List<TenantUpdate> updates, Map<Long, PublicComponent> components,
            boolean reportPublished) {
        boolean secret = incident.securityBreach;

        // what each update did to its components, replaying them in order to know each one's state before
        Map<Long, ComponentState> stateSoFar = new HashMap<>();
        List<PublicUpdate> publicUpdates = new ArrayList<>();
        Set<Long> namedByUpdates = new LinkedHashSet<>();
        Impact fromUpdates = Impact.NONE;
        Instant monitoringAt = null;
        Instant resolvedByUpdate = null;
        for (TenantUpdate u : updates) {
            ComponentState newState = u.componentState != null ? u.componentState : u.template.defaultComponentState();
            List<AffectedComponent> affected = new ArrayList<>();
            for (Long componentId : sortedByPosition(u.componentIds, components)) {
                PublicComponent component = components.get(componentId);
                if (component == null) {
                    continue;
                }
                affected.add(new AffectedComponent(component, stateSoFar.getOrDefault(componentId, ComponentState.OPERATIONAL), newState));
                stateSoFar.put(componentId, newState);
                namedByUpdates.add(componentId);
                fromUpdates = fromUpdates.max(Impact.of(newState));
            }
            if (u.status == IncidentStatus.MONITORING && monitoringAt == null) {
                monitoringAt = u.publishedAt;
            }
            if (u.status == IncidentStatus.RESOLVED) {
                resolvedByUpdate = u.publishedAt;
            }
            publicUpdates.add(new PublicUpdate(u.id, u.incidentId, u.status, u.title, u.body, u.publishedAt, List.copyOf(affected)));
        }
        List<PublicUpdate> newestFirst = new ArrayList<>(publicUpdates);
        java.util.Collections.reverse(newestFirst);

        Set<Long> componentIds = new LinkedHashSet<>();
        if (!secret) {
            componentIds.addAll(incident.componentIds);
        }
        componentIds.addAll(namedByUpdates);
        List<PublicComponent> named = sortedByPosition(componentIds, components).stream().map(components::get)
                .filter(java.util.Objects::nonNull).toList();

        Instant lastUpdate = updates.isEmpty() ? null : updates.get(updates.size() - 1).publishedAt;
        IncidentStatus status;
        Impact impact;
        Instant startedAt;
        Instant resolvedAt;
        if (secret) {
            // only what the public updates say (see the class comment)
            startedAt = updates.get(0).publishedAt;
            impact = fromUpdates;
            // as its last public update says; once closed it is resolved (it leaves the open list, so that much is public)
            status = incident.open() ? updates.get(updates.size() - 1).status : IncidentStatus.RESOLVED;
            resolvedAt = status != IncidentStatus.RESOLVED ? null : (resolvedByUpdate != null ? resolvedByUpdate : incident.resolvedAt);
        } else {
            startedAt = incident.declaredAt;
            impact = Impact.of(incident.severity);
            status = incident.status;
            resolvedAt = incident.open() ? null : incident.resolvedAt;
        }
        Instant updatedAt = later(later(startedAt, lastUpdate), resolvedAt);
        return new PublicIncident(incident.id, publicName(incident, updates), status, impact, startedAt, updatedAt, monitoringAt, resolvedAt,
                named, List.copyOf(newestFirst), reportPublished);
    }

    private static List<Long> sortedByPosition(Set<Long> ids, Map<Long, PublicComponent> components) {
        // components is in page order already; keep that order
        List<Long> sorted = new ArrayList<>();
        for (Long id : components.keySet()) {
            if (ids.contains(id)) {
                sorted.add(id);
            }
        }
        return sorted;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
