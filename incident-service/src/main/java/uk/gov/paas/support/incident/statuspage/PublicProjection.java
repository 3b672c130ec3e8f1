package uk.gov.paas.support.incident.statuspage;

import uk.gov.paas.support.incident.statuspage.PublicText.Context;
import uk.gov.paas.support.incident.statuspage.StatusPage.AffectedComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicIncident;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicReport;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicUpdate;

/**
 * What the public may read of an incident, its components and its report: the same records with {@link PublicText#redact}
 * applied to every text field (names, titles, descriptions, update titles and bodies, report Markdown). Pure; every
 * public view reads its records through here (see {@link StatusPage}), so no view can show a field unredacted.
 */
public final class PublicProjection {

    private PublicProjection() {
    }

    public static PublicComponent component(PublicComponent c, Context ctx) {
        return new PublicComponent(c.id(), PublicText.redact(c.name(), ctx), PublicText.redact(c.description(), ctx), c.position(), c.state(),
                c.updatedAt());
    }

    public static PublicIncident incident(PublicIncident i, Context ctx) {
        return new PublicIncident(i.id(), PublicText.redact(i.name(), ctx), i.status(), i.impact(), i.startedAt(), i.updatedAt(),
                i.monitoringAt(), i.resolvedAt(), i.components().stream().map(c -> component(c, ctx)).toList(),
                i.updates().stream().map(u -> update(u, ctx)).toList(), i.reportPublished());
    }

    public static PublicUpdate update(PublicUpdate u, Context ctx) {
        return new PublicUpdate(u.id(), u.incidentId(), u.status(), PublicText.redact(u.title(), ctx), PublicText.redact(u.body(), ctx),
                u.publishedAt(), u.affected().stream()
                        .map(a -> new AffectedComponent(component(a.component(), ctx), a.oldState(), a.newState())).toList());
    }

    public static PublicReport report(PublicReport r, Context ctx) {
        return new PublicReport(r.incidentId(), PublicText.redact(r.title(), ctx), r.publishedAt(), reportMarkdown(r.markdown(), ctx));
    }

    /** A report's Markdown as it may be published (and is stored when it is). */
    public static String reportMarkdown(String markdown, Context ctx) {
        return PublicText.redact(markdown, ctx);
    }
}
