package uk.gov.paas.support.incident.statuspage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.statuspage.StatusPage.AffectedComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicComponent;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicIncident;
import uk.gov.paas.support.incident.statuspage.StatusPage.PublicUpdate;
import uk.gov.paas.support.incident.statuspage.StatusPage.Snapshot;
import uk.gov.paas.support.kernel.time.Times;

/**
 * The Atlassian Statuspage public API v2 format ({@code /api/v2/summary.json} and friends), field for field, so that
 * tools that read Statuspage pages (dashboards, chat integrations, other teams' monitors) read ours unchanged.
 * <ul>
 * <li>Ids are strings, as Statuspage's are.</li>
 * <li>Times are ISO-8601 in the page's {@code time_zone} (the support calendar's zone) with the offset written out,
 *     as Statuspage writes them: {@code 2026-07-01T10:00:00+01:00}; each is an exact instant.</li>
 * <li>A component's {@code created_at} is null: we keep no creation time. We have no component groups, so
 *     {@code group} is false and {@code group_id} null; {@code showcase} false, {@code start_date} null,
 *     {@code only_show_if_degraded} false.</li>
 * <li>An incident's {@code shortlink} is its anchor on the HTML page; {@code impact} is as {@link Impact#of} says
 *     (P1 critical, P2 major, P3 and P4 minor); {@code created_at} and {@code started_at} are when it was declared.</li>
 * <li>An update's {@code body} is what tenants were told; {@code affected_components} lists the components it set
 *     (with the state before, from the previous public update naming each, else operational), or null when it
 *     names none; {@code deliver_notifications} is true (public updates are emailed to subscribers);
 *     {@code custom_tweet} and {@code tweet_id} are null.</li>
 * <li>{@code scheduled_maintenances} is always empty: we do not schedule maintenance yet.</li>
 * </ul>
 */
public final class AtlassianFormat {

    private final StatusPageConfig config;
    private final ZoneId zone;

    public AtlassianFormat(StatusPageConfig config, ZoneId zone) {
        this.config = config;
        this.zone = zone;
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Page(String id, String name, String url, String timeZone, String updatedAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Status(String indicator, String description) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Component(String id, String name, String status, String createdAt, String updatedAt, int position, String description,
            boolean showcase, String startDate, String groupId, String pageId, boolean group, boolean onlyShowIfDegraded) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record AffectedComponentEntry(String code, String name, String oldStatus, String newStatus) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record IncidentUpdate(String id, String status, String body, String incidentId, String createdAt, String updatedAt,
            String displayAt, List<AffectedComponentEntry> affectedComponents, boolean deliverNotifications, String customTweet,
            String tweetId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Incident(String id, String name, String status, String createdAt, String updatedAt, String monitoringAt,
            String resolvedAt, String impact, String shortlink, String startedAt, String pageId, List<IncidentUpdate> incidentUpdates,
            List<Component> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Summary(Page page, Status status, List<Component> components, List<Incident> incidents,
            List<Object> scheduledMaintenances) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record StatusResponse(Page page, Status status) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Components(Page page, List<Component> components) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Incidents(Page page, List<Incident> incidents) {
    }

    public Summary summary(Snapshot snapshot) {
        return new Summary(page(snapshot.updatedAt()), status(snapshot.status()), components(snapshot.components()),
                incidents(snapshot.open()), List.of());
    }

    public StatusResponse status(Snapshot snapshot) {
        return new StatusResponse(page(snapshot.updatedAt()), status(snapshot.status()));
    }

    public Page page(Instant updatedAt) {
        return new Page(config.id(), config.name(), config.url(), zone.getId(), time(updatedAt));
    }

    public Status status(StatusPage.Status status) {
        return new Status(status.indicator().wire(), status.description());
    }

    public List<Component> components(List<PublicComponent> components) {
        return components.stream().map(this::component).toList();
    }

    public Component component(PublicComponent c) {
        return new Component(String.valueOf(c.id()), c.name(), c.stateWire(), null, time(c.updatedAt()), c.position(), c.description(),
                false, null, null, config.id(), false, false);
    }

    public List<Incident> incidents(List<PublicIncident> incidents) {
        return incidents.stream().map(this::incident).toList();
    }

    public Incident incident(PublicIncident i) {
        return new Incident(String.valueOf(i.id()), i.name(), i.status().wire(), time(i.startedAt()), time(i.updatedAt()),
                time(i.monitoringAt()), time(i.resolvedAt()), i.impact().wire(), shortlink(i.id()), time(i.startedAt()), config.id(),
                i.updates().stream().map(this::update).toList(), components(i.components()));
    }

    /** The incident's anchor on the HTML page. */
    public String shortlink(long incidentId) {
        return config.url() + "#incident-" + incidentId;
    }

    private IncidentUpdate update(PublicUpdate u) {
        List<AffectedComponentEntry> affected = u.affected().isEmpty() ? null : u.affected().stream().map(this::affected).toList();
        String at = time(u.publishedAt());
        return new IncidentUpdate(String.valueOf(u.id()), statusOf(u.status()), u.body(), String.valueOf(u.incidentId()), at, at, at,
                affected, true, null, null);
    }

    private AffectedComponentEntry affected(AffectedComponent a) {
        return new AffectedComponentEntry(String.valueOf(a.component().id()), a.component().name(), a.oldState().wire(),
                a.newState().wire());
    }

    private static String statusOf(IncidentStatus status) {
        return status.wire();
    }

    private String time(Instant instant) {
        return Times.local(instant, zone);
    }
}
