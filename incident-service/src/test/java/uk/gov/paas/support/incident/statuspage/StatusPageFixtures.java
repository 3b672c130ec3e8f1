package uk.gov.paas.support.incident.statuspage;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentMember;
import uk.gov.paas.support.incident.domain.IncidentReview;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.SourceKind;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.incident.domain.UpdateTemplate;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.testing.MutableClock;

/**
 * Rows for the status page tests, written straight through the entities (the routes that declare incidents and
 * publish updates are not the status page's business), and the one scenario most tests read.
 */
@ApplicationScoped
public class StatusPageFixtures {

    /** Wednesday 25 Nov 2026 10:00 GMT (= UTC). */
    public static final Instant NOW = Instant.parse("2026-11-25T10:00:00Z");

    /** Text that is never public: each must be absent from every status page response. */
    public static final List<String> NEVER_PUBLIC = List.of(
            "INTERNAL-ONLY", "INTERNAL-TITLE", "SECRET-TITLE", "SECRET-DESCRIPTION", "SECRET-UPDATE-COMPONENT",
            "HIDDEN-SECURITY-INCIDENT", "DRAFT-REPORT-TEXT", "OPEN-DESCRIPTION", "@internal.example", "@subscriber.example",
            "subscriber-secret", "tok-SECRET-TOKEN", "Lead Person", "Comms Person", "Team Member");

    @Inject
    EntityManager entityManager;
    @Inject
    MutableClock clock;

    /** Empties every table the status page reads, and stops the clock at {@link #NOW}. */
    public void reset() {
        clock.set(NOW);
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery(
                "truncate incident, component, subscriber, incident_review, tenant_update, incident_member, timeline_entry cascade")
                .executeUpdate());
    }

    public Component component(String name, String description, int position, ComponentState state) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Component c = new Component();
            c.name = name;
            c.description = description;
            c.position = position;
            c.state = state;
            c.updatedAt = NOW.minus(Duration.ofMinutes(20));
            c.persist();
            return c;
        });
    }

    /** An incident with every column the schema requires; {@code resolvedAt} null for an open one. */
    public Incident incident(String title, Severity severity, IncidentStatus status, boolean securityBreach, Instant declaredAt,
            Instant resolvedAt, Component... components) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Incident i = new Incident();
            i.title = title;
            i.description = "OPEN-DESCRIPTION (internal notes) of " + title;
            i.severity = severity;
            i.status = status;
            i.securityBreach = securityBreach;
            i.sourceKind = SourceKind.MANUAL;
            i.periodAtDeclaration = SupportPeriod.IN_HOURS;
            i.declaredAt = declaredAt;
            i.declaredBy = "declarer@internal.example";
            i.targetsPeriod = SupportPeriod.IN_HOURS;
            i.targetsStart = declaredAt;
            i.respondBy = declaredAt.plus(Duration.ofMinutes(20));
            i.nextUpdateBy = declaredAt.plus(Duration.ofHours(1));
            i.leadEmail = "lead@internal.example";
            i.leadName = "Lead Person";
            i.commsEmail = "comms@internal.example";
            i.commsName = "Comms Person";
            i.resolvedAt = resolvedAt;
            if (resolvedAt != null) {
                i.resolvedBy = "lead@internal.example";
            }
            for (Component c : components) {
                i.componentIds.add(c.id);
            }
            i.persist();
            IncidentMember member = new IncidentMember();
            member.incidentId = i.id;
            member.email = "member@internal.example";
            member.name = "Team Member";
            member.persist();
            return i;
        });
    }

    public TenantUpdate update(Incident incident, UpdateTemplate template, String title, String body, boolean internal,
            ComponentState componentState, Instant publishedAt, Component... components) {
        return QuarkusTransaction.requiringNew().call(() -> {
            TenantUpdate u = new TenantUpdate();
            u.incidentId = incident.id;
            u.template = template;
            u.status = template.status();
            u.title = title;
            u.body = body;
            u.internal = internal;
            u.componentState = componentState;
            u.publishedAt = publishedAt;
            u.author = "comms@internal.example";
            for (Component c : components) {
                u.componentIds.add(c.id);
            }
            u.persist();
            return u;
        });
    }

    public IncidentReview review(Incident incident, String markdown, Instant publishedAt) {
        return QuarkusTransaction.requiringNew().call(() -> {
            IncidentReview r = new IncidentReview();
            r.incidentId = incident.id;
            r.dueBy = incident.resolvedAt.plus(Duration.ofDays(7));
            r.reportMarkdown = markdown;
            r.publishedAt = publishedAt;
            r.attendees = "lead: Lead Person";
            r.decidedBy = publishedAt == null ? null : "lead@internal.example";
            r.persist();
            return r;
        });
    }

    public Subscriber subscriber(String email, String token, Component... components) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = new Subscriber();
            s.email = email;
            s.token = token;
            s.createdAt = NOW.minus(Duration.ofDays(30));
            s.confirmedAt = NOW.minus(Duration.ofDays(30));
            for (Component c : components) {
                s.componentIds.add(c.id);
            }
            s.persist();
            return s;
        });
    }

    /** What {@link #scenario()} made. */
    public record Scenario(Component api, Component routing, Component postgres, Component logging, Incident open, TenantUpdate investigating,
            TenantUpdate internal, TenantUpdate identified, Incident security, TenantUpdate securityUpdate, Incident hiddenSecurity,
            Incident recent, Incident old) {
    }

    /**
     * The page most tests read, at {@link #NOW}:
     * <ul>
     * <li>components: Cloud Foundry API (major outage), App routing (partial outage), PostgreSQL (operational),
     *     Logging (degraded performance);</li>
     * <li>an open P1 "Cloud Foundry API unavailable" (identified, declared 09:20) naming the API and routing, with a
     *     public update at 09:25, an internal one at 09:30 and a public one at 09:40 setting the API to major outage;</li>
     * <li>an open P2 security incident (declared 07:00, naming PostgreSQL) whose one public update, at 08:00, names
     *     Logging, and an open P1 security incident with only an internal update (never shown);</li>
     * <li>a P2 resolved 10 days ago, with a published report, and a P3 resolved 119 days ago with an unpublished one;</li>
     * <li>a confirmed subscriber to the API.</li>
     * </ul>
     */
    public Scenario scenario() {
        Component api = component("Cloud Foundry API", "cf push, cf apps and everything else that talks to the API", 1,
                ComponentState.MAJOR_OUTAGE);
        Component routing = component("App routing", "Requests from the internet to your apps", 2, ComponentState.PARTIAL_OUTAGE);
        Component postgres = component("PostgreSQL", null, 3, ComponentState.OPERATIONAL);
        Component logging = component("Logging", "Log drains and cf logs", 4, ComponentState.DEGRADED_PERFORMANCE);

        Incident open = incident("Cloud Foundry API unavailable", Severity.P1, IncidentStatus.IDENTIFIED, false,
                NOW.minus(Duration.ofMinutes(40)), null, api, routing);
        TenantUpdate investigating = update(open, UpdateTemplate.INVESTIGATING, "Possible issue being investigated",
                "We are investigating errors from the Cloud Foundry API.", false, null, NOW.minus(Duration.ofMinutes(35)), api);
        TenantUpdate internal = update(open, UpdateTemplate.IDENTIFIED, "INTERNAL-TITLE",
                "INTERNAL-ONLY: the 09:12 config push by lead@internal.example looks like the cause", true, ComponentState.MAJOR_OUTAGE,
                NOW.minus(Duration.ofMinutes(30)), api);
        TenantUpdate identified = update(open, UpdateTemplate.IDENTIFIED, "Issue identified",
                "A faulty load balancer rule is rejecting API requests.\nWe are rolling it back.", false, ComponentState.MAJOR_OUTAGE,
                NOW.minus(Duration.ofMinutes(20)), api);

        Incident security = incident("SECRET-TITLE: credentials exposed in a log drain", Severity.P2, IncidentStatus.INVESTIGATING, true,
                NOW.minus(Duration.ofHours(3)), null, postgres);
        update(security, UpdateTemplate.INVESTIGATING, "SECRET-UPDATE-COMPONENT internal note", "INTERNAL-ONLY security detail", true, null,
                NOW.minus(Duration.ofMinutes(150)), postgres);
        TenantUpdate securityUpdate = update(security, UpdateTemplate.INVESTIGATING, "Investigating log drain problems",
                "Some log drains are not delivering logs. We are investigating.", false, null, NOW.minus(Duration.ofHours(2)), logging);

        Incident hiddenSecurity = incident("HIDDEN-SECURITY-INCIDENT in the router", Severity.P1, IncidentStatus.INVESTIGATING, true,
                NOW.minus(Duration.ofHours(1)), null, routing);
        update(hiddenSecurity, UpdateTemplate.INVESTIGATING, "INTERNAL-TITLE", "INTERNAL-ONLY: nothing public yet", true, null,
                NOW.minus(Duration.ofMinutes(50)), routing);

        Incident recent = incident("Slow staging of apps", Severity.P2, IncidentStatus.RESOLVED, false, NOW.minus(Duration.ofDays(10)),
                NOW.minus(Duration.ofDays(10)).plus(Duration.ofHours(2)), api);
        update(recent, UpdateTemplate.INVESTIGATING, "Possible issue being investigated", "Staging apps is taking longer than usual.", false,
                null, NOW.minus(Duration.ofDays(10)).plus(Duration.ofMinutes(10)), api);
        update(recent, UpdateTemplate.RESOLVED, "Resolved", "Staging is back to its normal speed.", false, null,
                NOW.minus(Duration.ofDays(10)).plus(Duration.ofHours(2)), api);
        review(recent, """
                # What happened

                Staging was **slow** for two hours.

                ## Causes
                - a full disk on the `staging` cells <script>alert('x')</script>
                - alerts that went to the wrong rota

                1. Grow the disks
                2. Fix the alert routing
                """, NOW.minus(Duration.ofDays(5)));

        Incident old = incident("Database failover in the summer", Severity.P3, IncidentStatus.RESOLVED, false,
                NOW.minus(Duration.ofDays(120)), NOW.minus(Duration.ofDays(119)), postgres);
        update(old, UpdateTemplate.RESOLVED, "Resolved", "The failover completed.", false, null, NOW.minus(Duration.ofDays(119)), postgres);
        review(old, "DRAFT-REPORT-TEXT not yet agreed", null);

        subscriber("subscriber-secret@subscriber.example", "tok-SECRET-TOKEN-123", api);
        return new Scenario(api, routing, postgres, logging, open, investigating, internal, identified, security, securityUpdate,
                hiddenSecurity, recent, old);
    }

    /** Components only, all operational, nothing open: the quiet page. */
    public List<Component> quietPage() {
        return List.of(component("Cloud Foundry API", null, 1, ComponentState.OPERATIONAL),
                component("App routing", null, 2, ComponentState.OPERATIONAL));
    }

    static Set<String> keys(String... keys) {
        return Set.of(keys);
    }
}
