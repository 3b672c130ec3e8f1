package uk.gov.paas.support.incident.statuspage;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.statuspage.StatusPage.AffectedComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicIncident;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicReport;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicUpdate;
import uk.gov.paas.support.incident.statuspage.StatusPage.Snapshot;
import uk.gov.paas.support.kernel.time.Times;

/**
 * The public status page: {@code GET /status} for people (HTML that reads on a phone, no JavaScript, no external
 * assets) and {@code GET /status.json} for programs (our own JSON conventions: camelCase, UTC instants with the
 * support zone's wall-clock time beside them). Anonymous and read-only; what it may show is decided by
 * {@link StatusPage}. The page's subscribe form posts {@code email} and one {@code componentIds} per ticked component
 * to {@code /subscriptions}.
 */
@Path("/")
@PermitAll
@Tag(name = "Status page")
public class StatusPageResource {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    /** No script, nothing from elsewhere; the inline style sheet is the page's only style. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; "
            + "form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance page(PageView view);
    }

    private final StatusPage statusPage;
    private final StatusPageConfig config;

    StatusPageResource(StatusPage statusPage, StatusPageConfig config) {
        this.statusPage = statusPage;
        this.config = config;
    }

    @GET
    @Path("status")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The public status page (HTML, no token)")
    public RestResponse<String> page() {
        Snapshot snapshot = statusPage.everything();
        return RestResponse.ResponseBuilder.ok(Templates.page(view(snapshot)).render(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Cache-Control", "no-cache").header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff").header("Referrer-Policy", "no-referrer").build();
    }

    @GET
    @Path("status.json")
    @PermitAll
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The public status page as JSON: components, open incidents with public updates, 90 days of history, published reports (no token)")
    public RestResponse<StatusJson> json() {
        Snapshot snapshot = statusPage.everything();
        ZoneId zone = snapshot.zone();
        StatusJson body = new StatusJson(config.name(), config.url(), zone.getId(), snapshot.at(), Times.local(snapshot.at(), zone),
                snapshot.updatedAt(), Times.local(snapshot.updatedAt(), zone),
                new StatusJson.PageStatus(snapshot.status().indicator(), snapshot.status().description()),
                snapshot.components().stream().map(c -> StatusJson.ComponentJson.of(c, zone)).toList(),
                snapshot.open().stream().map(i -> StatusJson.IncidentJson.of(i, zone, shortlink(i))).toList(),
                snapshot.history().stream().map(i -> StatusJson.IncidentJson.of(i, zone, shortlink(i))).toList(),
                snapshot.reports().stream().map(r -> StatusJson.ReportJson.of(r, zone)).toList());
        return RestResponse.ResponseBuilder.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Cache-Control", "no-cache")
                .header("Access-Control-Allow-Origin", "*").build();
    }

    private String shortlink(PublicIncident incident) {
        return config.url() + "#incident-" + incident.id();
    }

    /** /status.json: our own conventions (camelCase, enum names, UTC instants with local time beside them). */
    public record StatusJson(String name, String url, String zone, Instant generatedAt, String generatedAtLocal, Instant updatedAt,
            String updatedAtLocal, PageStatus status, List<ComponentJson> components, List<IncidentJson> openIncidents,
            List<IncidentJson> history, List<ReportJson> reports) {

        /** {@code indicator} is Statuspage's scale (see {@link Impact#indicator}). */
        public record PageStatus(Impact indicator, String description) {
        }

        public record ComponentJson(long id, String name, String description, int position, ComponentState state, String stateLabel,
                Instant updatedAt, String updatedAtLocal) {
            static ComponentJson of(PublicComponent c, ZoneId zone) {
                return new ComponentJson(c.id(), c.name(), c.description(), c.position(), c.state(), c.stateLabel(), c.updatedAt(),
                        Times.local(c.updatedAt(), zone));
            }
        }

        /** A component an incident names, with its state now. */
        public record ComponentRef(long id, String name, ComponentState state) {
        }

        /** A component an update set, with the state the update gave it. */
        public record UpdateComponent(long id, String name, ComponentState state) {
        }

        public record UpdateJson(long id, IncidentStatus status, String title, String body, Instant publishedAt, String publishedAtLocal,
                List<UpdateComponent> components) {
            static UpdateJson of(PublicUpdate u, ZoneId zone) {
                return new UpdateJson(u.id(), u.status(), u.title(), u.body(), u.publishedAt(), Times.local(u.publishedAt(), zone),
                        u.affected().stream().map(a -> new UpdateComponent(a.component().id(), a.component().name(), a.newState())).toList());
            }
        }

        /** {@code updates} newest first. */
        public record IncidentJson(long id, String name, IncidentStatus status, Impact impact, Instant startedAt, String startedAtLocal,
                Instant updatedAt, String updatedAtLocal, Instant resolvedAt, String resolvedAtLocal, String link, boolean reportPublished,
                List<ComponentRef> components, List<UpdateJson> updates) {
            static IncidentJson of(PublicIncident i, ZoneId zone, String link) {
                return new IncidentJson(i.id(), i.name(), i.status(), i.impact(), i.startedAt(), Times.local(i.startedAt(), zone),
                        i.updatedAt(), Times.local(i.updatedAt(), zone), i.resolvedAt(), Times.local(i.resolvedAt(), zone), link,
                        i.reportPublished(), i.components().stream().map(c -> new ComponentRef(c.id(), c.name(), c.state())).toList(),
                        i.updates().stream().map(u -> UpdateJson.of(u, zone)).toList());
            }
        }

        public record ReportJson(long incidentId, String title, Instant publishedAt, String publishedAtLocal, String markdown) {
            static ReportJson of(PublicReport r, ZoneId zone) {
                return new ReportJson(r.incidentId(), r.title(), r.publishedAt(), Times.local(r.publishedAt(), zone), r.markdown());
            }
        }
    }

    // ---- the HTML page's view: every string formatted here, so the template only places them

    /** The whole page. */
    public record PageView(String name, String indicatorClass, String statusDescription, String updatedAt, List<ComponentRow> components,
            List<IncidentCard> open, List<IncidentCard> history, List<ReportCard> reports, String zoneName) {
    }

    public record ComponentRow(long id, String name, String description, String stateClass, String stateLabel) {
    }

    public record UpdateRow(String statusLabel, String title, String body, String publishedAt, String components) {
    }

    /** {@code day}: the day it was resolved (or started, while open), e.g. "15 November 2026". */
    public record IncidentCard(long id, String name, String statusLabel, String impactLabel, String impactClass, String started,
            String resolved, String day, List<ComponentRow> components, List<UpdateRow> updates, boolean reportPublished) {
    }

    public record ReportCard(long incidentId, String title, String publishedOn, String html) {
    }

    private PageView view(Snapshot s) {
        ZoneId zone = s.zone();
        return new PageView(config.name(), "indicator-" + s.status().indicator().wire(), s.status().description(),
                Times.forPeople(s.updatedAt(), zone), s.components().stream().map(StatusPageResource::row).toList(),
                s.open().stream().map(i -> card(i, zone)).toList(), s.history().stream().map(i -> card(i, zone)).toList(),
                s.reports().stream().map(r -> new ReportCard(r.incidentId(), r.title(), DAY.format(r.publishedAt().atZone(zone)), r.html()))
                        .toList(),
                zone.getId());
    }

    private static ComponentRow row(PublicComponent c) {
        return new ComponentRow(c.id(), c.name(), c.description(), "state-" + c.stateWire().replace('_', '-'), c.stateLabel());
    }

    private static IncidentCard card(PublicIncident i, ZoneId zone) {
        List<UpdateRow> updates = i.updates().stream().map(u -> new UpdateRow(StatusPage.label(u.status()), u.title(), u.body(),
                Times.forPeople(u.publishedAt(), zone), affected(u.affected()))).toList();
        return new IncidentCard(i.id(), i.name(), StatusPage.label(i.status()), impactLabel(i.impact()), "impact-" + i.impact().wire(),
                Times.forPeople(i.startedAt(), zone), i.resolvedAt() == null ? null : Times.forPeople(i.resolvedAt(), zone),
                DAY.format((i.resolvedAt() == null ? i.startedAt() : i.resolvedAt()).atZone(zone)), i.components().stream().map(StatusPageResource::row).toList(), updates, i.reportPublished());
    }

    private static String affected(List<AffectedComponent> affected) {
        return affected.stream().map(a -> a.component().name() + ": " + StatusPage.label(a.newState()).toLowerCase(Locale.UK))
                .collect(Collectors.joining(", "));
    }

    private static String impactLabel(Impact impact) {
        return switch (impact) {
            case CRITICAL -> "Critical impact";
            case MAJOR -> "Major impact";
            case MINOR -> "Minor impact";
            case NONE -> "No impact";
        };
    }
}
