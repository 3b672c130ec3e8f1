package uk.gov.paas.support.incident.statuspage;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import uk.gov.paas.support.incident.statuspage.StatusPage.Snapshot;

/**
 * The status page in the Atlassian Statuspage public API v2 format (see {@link AtlassianFormat}), at the paths
 * Statuspage uses, so a Statuspage client pointed at this service's address reads it unchanged.
 * <p>
 * Anonymous although under /api: this is the public status page in another format, the same for everybody, and a
 * caller's token (if it sends one) changes nothing. {@code @PermitAll} is on the class and on each method, so a route
 * added here later is anonymous only if it says so too (deny-unannotated-endpoints).
 */
@Path("/api/v2")
@Produces(MediaType.APPLICATION_JSON)
@PermitAll
@Tag(name = "Status page")
public class AtlassianApiResource {

    private final StatusPage statusPage;
    private final AtlassianFormat format;

    AtlassianApiResource(StatusPage statusPage, StatusPageConfig config) {
        this.statusPage = statusPage;
        this.format = new AtlassianFormat(config, statusPage.zone());
    }

    @GET
    @Path("summary.json")
    @PermitAll
    @Operation(summary = "Statuspage v2 summary: page, status indicator, components, unresolved incidents, scheduled maintenances (no token)")
    public RestResponse<AtlassianFormat.Summary> summary() {
        return json(format.summary(statusPage.current()));
    }

    @GET
    @Path("status.json")
    @PermitAll
    @Operation(summary = "Statuspage v2 status: the page's indicator (none, minor, major, critical) and its description (no token)")
    public RestResponse<AtlassianFormat.StatusResponse> status() {
        return json(format.status(statusPage.current()));
    }

    @GET
    @Path("components.json")
    @PermitAll
    @Operation(summary = "Statuspage v2 components with their status (no token)")
    public RestResponse<AtlassianFormat.Components> components() {
        Snapshot snapshot = statusPage.current();
        return json(new AtlassianFormat.Components(format.page(snapshot.updatedAt()), format.components(snapshot.components())));
    }

    @GET
    @Path("incidents/unresolved.json")
    @PermitAll
    @Operation(summary = "Statuspage v2 unresolved incidents with their public updates, newest first (no token)")
    public RestResponse<AtlassianFormat.Incidents> unresolved() {
        Snapshot snapshot = statusPage.current();
        return json(new AtlassianFormat.Incidents(format.page(snapshot.updatedAt()), format.incidents(snapshot.open())));
    }

    @GET
    @Path("incidents.json")
    @PermitAll
    @Operation(summary = "Statuspage v2 incidents: the 50 most recent, open or resolved, with their public updates (no token)")
    public RestResponse<AtlassianFormat.Incidents> incidents() {
        Snapshot snapshot = statusPage.current();
        return json(new AtlassianFormat.Incidents(format.page(snapshot.updatedAt()), format.incidents(statusPage.recentIncidents())));
    }

    /** Public data, readable from any origin (as Statuspage's is), never cached for long: it is a status. */
    private static <T> RestResponse<T> json(T body) {
        return RestResponse.ResponseBuilder.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Access-Control-Allow-Origin", "*")
                .header("Cache-Control", "no-cache").build();
    }
}
