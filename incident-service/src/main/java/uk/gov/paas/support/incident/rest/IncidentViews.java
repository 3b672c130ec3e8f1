package uk.gov.paas.support.incident.rest;

import java.time.Instant;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentMember;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.TenantUpdate;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.targets.TargetsTable;
import uk.gov.paas.support.kernel.time.Times;

/** Incidents as the API shows them: instants in UTC with the local time beside them. */
@ApplicationScoped
public class IncidentViews {

    public record TimelineView(long id, Instant at, String atLocal, TimelineEntry.Kind kind, String author, String text) {
    }

    public record UpdateView(long id, String template, IncidentStatus status, String title, String body, boolean internal, String componentState,
            List<Long> componentIds, Instant publishedAt, String publishedAtLocal, String author) {
    }

    public record MemberView(String email, String name) {
    }

    public record IncidentView(long id, String title, String description, String severity, String severityName, IncidentStatus status,
            List<Long> componentIds, boolean securityBreach, boolean dataCorruptionRisk, String sourceKind, String sourceRef,
            SupportPeriod periodAtDeclaration, Instant declaredAt, String declaredAtLocal, String declaredBy, SupportPeriod targetsPeriod,
            Instant respondBy, String respondByLocal, Instant nextUpdateBy, String nextUpdateByLocal, Instant reminderAt, String leadEmail,
            String leadName, String commsEmail, String commsName, Instant responseMetAt, Instant firstUpdateAt, Instant resolvedAt,
            String resolvedAtLocal, String resolvedBy, String agreedBy, List<MemberView> members, List<UpdateView> updates,
            List<TimelineView> timeline) {
    }

    private final SupportCalendar calendar;
    private final TargetsTable targets;

    IncidentViews(SupportCalendar calendar, TargetsTable targets) {
        this.calendar = calendar;
        this.targets = targets;
    }

    public IncidentView summary(Incident incident) {
        return view(incident, false);
    }

    public IncidentView full(Incident incident) {
        return view(incident, true);
    }

    private IncidentView view(Incident i, boolean full) {
        return new IncidentView(i.id, i.title, i.description, i.severity.name(), targets.row(i.severity).aka(), i.status, List.copyOf(i.componentIds),
                i.securityBreach, i.dataCorruptionRisk, i.sourceKind.name(), i.sourceRef, i.periodAtDeclaration, i.declaredAt, local(i.declaredAt),
                i.declaredBy, i.targetsPeriod, i.respondBy, local(i.respondBy), i.open() ? i.nextUpdateBy : null, i.open() ? local(i.nextUpdateBy) : null,
                i.reminderAt, i.leadEmail, i.leadName, i.commsEmail, i.commsName, i.responseMetAt, i.firstUpdateAt, i.resolvedAt, local(i.resolvedAt),
                i.resolvedBy, i.agreedBy,
                full ? IncidentMember.of(i.id).stream().map(m -> new MemberView(m.email, m.name)).toList() : null,
                full ? TenantUpdate.of(i.id).stream().map(this::view).toList() : null,
                full ? TimelineEntry.of(i.id).stream().map(e -> new TimelineView(e.id, e.at, local(e.at), e.kind, e.author, e.text)).toList() : null);
    }

    public UpdateView view(TenantUpdate u) {
        return new UpdateView(u.id, u.template.name(), u.status, u.title, u.body, u.internal, u.componentState == null ? null : u.componentState.name(),
                List.copyOf(u.componentIds), u.publishedAt, local(u.publishedAt), u.author);
    }

    public String local(Instant instant) {
        return Times.local(instant, calendar.zone());
    }
}
