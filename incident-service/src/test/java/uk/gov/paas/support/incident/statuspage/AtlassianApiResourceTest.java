package uk.gov.paas.support.incident.statuspage;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.IncidentStatus;
import uk.gov.paas.support.incident.domain.UpdateTemplate;
import uk.gov.paas.support.incident.statuspage.StatusPageFixtures.Scenario;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.testing.MutableClock;

/** /api/v2/*.json in the Atlassian Statuspage public format, field by field, with no token. */
@QuarkusTest
class AtlassianApiResourceTest {

    static final Set<String> PAGE = Set.of("id", "name", "url", "time_zone", "updated_at");
    static final Set<String> STATUS = Set.of("indicator", "description");
    static final Set<String> COMPONENT = Set.of("id", "name", "status", "created_at", "updated_at", "position", "description", "showcase",
            "start_date", "group_id", "page_id", "group", "only_show_if_degraded");
    static final Set<String> INCIDENT = Set.of("id", "name", "status", "created_at", "updated_at", "monitoring_at", "resolved_at", "impact",
            "shortlink", "started_at", "page_id", "incident_updates", "components");
    static final Set<String> UPDATE = Set.of("id", "status", "body", "incident_id", "created_at", "updated_at", "display_at",
            "affected_components", "deliver_notifications", "custom_tweet", "tweet_id");
    static final Set<String> AFFECTED = Set.of("code", "name", "old_status", "new_status");

    @Inject
    StatusPageFixtures fixtures;
    @Inject
    MutableClock clock;

    @BeforeEach
    void clean() {
        fixtures.reset();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static JsonPath get(String path) {
        return given().when().get(path).then().statusCode(200).contentType(startsWith("application/json"))
                .header("Access-Control-Allow-Origin", "*").extract().jsonPath();
    }

    private static void page(JsonPath json) {
        assertEquals(PAGE, json.getMap("page").keySet());
        assertEquals("paas-status", json.getString("page.id"));
        assertEquals("GOV.UK PaaS status", json.getString("page.name"));
        assertEquals("http://localhost:8082/status", json.getString("page.url"));
        assertEquals("Europe/London", json.getString("page.time_zone"));
    }

    @Test
    void summaryOfAQuietPage() {
        fixtures.quietPage();
        JsonPath json = get("/api/v2/summary.json");
        assertEquals(Set.of("page", "status", "components", "incidents", "scheduled_maintenances"), json.getMap("").keySet());
        page(json);
        assertEquals("2026-11-25T09:40:00+00:00", json.getString("page.updated_at"), "the newest change shown");
        assertEquals(STATUS, json.getMap("status").keySet());
        assertEquals("none", json.getString("status.indicator"));
        assertEquals("All Systems Operational", json.getString("status.description"));
        assertEquals(List.of("operational", "operational"), json.getList("components.status"));
        assertEquals(List.of(), json.getList("incidents"));
        assertEquals(List.of(), json.getList("scheduled_maintenances"));

        JsonPath status = get("/api/v2/status.json");
        assertEquals(Set.of("page", "status"), status.getMap("").keySet());
        page(status);
        assertEquals("none", status.getString("status.indicator"));
        assertEquals("All Systems Operational", status.getString("status.description"));
    }

    @Test
    void summaryDuringAMajorOutage() {
        Scenario s = fixtures.scenario();
        JsonPath json = get("/api/v2/summary.json");
        page(json);
        assertEquals("2026-11-25T09:40:00+00:00", json.getString("page.updated_at"));
        assertEquals("critical", json.getString("status.indicator"));
        assertEquals("Major Service Outage", json.getString("status.description"));

        assertEquals(List.of("Cloud Foundry API", "App routing", "PostgreSQL", "Logging"), json.getList("components.name"));
        assertEquals(List.of("major_outage", "partial_outage", "operational", "degraded_performance"), json.getList("components.status"));
        Map<String, Object> api = json.getMap("components[0]");
        assertEquals(COMPONENT, api.keySet());
        assertEquals(String.valueOf(s.api().id), api.get("id"));
        assertEquals("2026-11-25T09:40:00+00:00", api.get("updated_at"));
        assertEquals(null, api.get("created_at"));
        assertEquals(1, api.get("position"));
        assertEquals("cf push, cf apps and everything else that talks to the API", api.get("description"));
        assertEquals(false, api.get("showcase"));
        assertEquals(null, api.get("start_date"));
        assertEquals(null, api.get("group_id"));
        assertEquals("paas-status", api.get("page_id"));
        assertEquals(false, api.get("group"));
        assertEquals(false, api.get("only_show_if_degraded"));

        // unresolved incidents only, newest first; the security incident under its public name; never the hidden one
        assertEquals(List.of(String.valueOf(s.open().id), String.valueOf(s.security().id)), json.getList("incidents.id"));
        assertEquals(List.of("Cloud Foundry API unavailable", "Investigating log drain problems"), json.getList("incidents.name"));
        assertEquals(List.of(), json.getList("scheduled_maintenances"));
        openIncident(json, "incidents[0]", s);
    }

    /** The open P1 of the scenario, field by field. */
    private static void openIncident(JsonPath json, String at, Scenario s) {
        Map<String, Object> incident = json.getMap(at);
        assertEquals(INCIDENT, incident.keySet());
        assertEquals(String.valueOf(s.open().id), incident.get("id"));
        assertEquals("Cloud Foundry API unavailable", incident.get("name"));
        assertEquals("identified", incident.get("status"));
        assertEquals("critical", incident.get("impact"));
        assertEquals("2026-11-25T09:20:00+00:00", incident.get("created_at"));
        assertEquals("2026-11-25T09:20:00+00:00", incident.get("started_at"));
        assertEquals("2026-11-25T09:40:00+00:00", incident.get("updated_at"));
        assertEquals(null, incident.get("monitoring_at"));
        assertEquals(null, incident.get("resolved_at"));
        assertEquals("http://localhost:8082/status#incident-" + s.open().id, incident.get("shortlink"));
        assertEquals("paas-status", incident.get("page_id"));

        // public updates only, newest first
        assertEquals(List.of(String.valueOf(s.identified().id), String.valueOf(s.investigating().id)), json.getList(at + ".incident_updates.id"));
        Map<String, Object> update = json.getMap(at + ".incident_updates[0]");
        assertEquals(UPDATE, update.keySet());
        assertEquals("identified", update.get("status"));
        assertEquals("A faulty load balancer rule is rejecting API requests.\nWe are rolling it back.", update.get("body"));
        assertEquals(String.valueOf(s.open().id), update.get("incident_id"));
        assertEquals("2026-11-25T09:40:00+00:00", update.get("created_at"));
        assertEquals("2026-11-25T09:40:00+00:00", update.get("updated_at"));
        assertEquals("2026-11-25T09:40:00+00:00", update.get("display_at"));
        assertEquals(true, update.get("deliver_notifications"));
        assertEquals(null, update.get("custom_tweet"));
        assertEquals(null, update.get("tweet_id"));
        Map<String, Object> affected = json.getMap(at + ".incident_updates[0].affected_components[0]");
        assertEquals(AFFECTED, affected.keySet());
        assertEquals(String.valueOf(s.api().id), affected.get("code"));
        assertEquals("Cloud Foundry API", affected.get("name"));
        assertEquals("degraded_performance", affected.get("old_status"), "as the previous public update left it");
        assertEquals("major_outage", affected.get("new_status"));
        assertEquals("operational", json.getString(at + ".incident_updates[1].affected_components[0].old_status"));
        assertEquals("degraded_performance", json.getString(at + ".incident_updates[1].affected_components[0].new_status"));

        assertEquals(List.of("Cloud Foundry API", "App routing"), json.getList(at + ".components.name"));
        assertEquals(COMPONENT, json.getMap(at + ".components[1]").keySet());
        assertEquals("partial_outage", json.getString(at + ".components[1].status"));
    }

    @Test
    void componentsJson() {
        Scenario s = fixtures.scenario();
        JsonPath json = get("/api/v2/components.json");
        assertEquals(Set.of("page", "components"), json.getMap("").keySet());
        page(json);
        assertEquals(4, json.getList("components").size());
        for (int i = 0; i < 4; i++) {
            assertEquals(COMPONENT, json.getMap("components[" + i + "]").keySet());
        }
        assertEquals(List.of(String.valueOf(s.api().id), String.valueOf(s.routing().id), String.valueOf(s.postgres().id),
                String.valueOf(s.logging().id)), json.getList("components.id"));
        assertEquals(List.of(1, 2, 3, 4), json.getList("components.position"));
        assertEquals(null, json.getString("components[2].description"));
    }

    @Test
    void unresolvedIncidents() {
        Scenario s = fixtures.scenario();
        JsonPath json = get("/api/v2/incidents/unresolved.json");
        assertEquals(Set.of("page", "incidents"), json.getMap("").keySet());
        page(json);
        assertEquals(List.of(String.valueOf(s.open().id), String.valueOf(s.security().id)), json.getList("incidents.id"));
        openIncident(json, "incidents[0]", s);

        Map<String, Object> security = json.getMap("incidents[1]");
        assertEquals(INCIDENT, security.keySet());
        assertEquals("investigating", security.get("status"));
        assertEquals("minor", security.get("impact"), "from the state its public update set, not its severity");
        assertEquals("2026-11-25T08:00:00+00:00", security.get("created_at"), "its first public update, not its declaration");
        assertEquals(List.of("Logging"), json.getList("incidents[1].components.name"), "only what its public updates name");
        assertEquals(List.of("Some log drains are not delivering logs. We are investigating."), json.getList("incidents[1].incident_updates.body"));
    }

    @Test
    void incidentsJsonListsTheMostRecentOpenOrResolved() {
        Scenario s = fixtures.scenario();
        JsonPath json = get("/api/v2/incidents.json");
        assertEquals(Set.of("page", "incidents"), json.getMap("").keySet());
        page(json);
        // newest declared first; older than 90 days too (it is not history, it is the recent list); not the hidden one
        assertEquals(List.of(String.valueOf(s.open().id), String.valueOf(s.security().id), String.valueOf(s.recent().id),
                String.valueOf(s.old().id)), json.getList("incidents.id"));
        openIncident(json, "incidents[0]", s);

        Map<String, Object> recent = json.getMap("incidents[2]");
        assertEquals(INCIDENT, recent.keySet());
        assertEquals("resolved", recent.get("status"));
        assertEquals("major", recent.get("impact"));
        assertEquals("2026-11-15T10:00:00+00:00", recent.get("started_at"));
        assertEquals("2026-11-15T12:00:00+00:00", recent.get("resolved_at"));
        assertEquals("2026-11-15T12:00:00+00:00", recent.get("updated_at"));
        assertEquals(List.of("resolved", "investigating"), json.getList("incidents[2].incident_updates.status"));
        assertEquals("minor", json.getString("incidents[3].impact"), "P3");
        // declared in July: British Summer Time, written with its offset as Statuspage does
        assertEquals("2026-07-28T11:00:00+01:00", json.getString("incidents[3].started_at"));
    }

    @Test
    void fiftyAtMost() {
        fixtures.quietPage();
        for (int i = 0; i < 52; i++) {
            fixtures.incident("Blip " + i, Severity.P4, IncidentStatus.RESOLVED, false, StatusPageFixtures.NOW.minus(Duration.ofHours(100 - i)),
                    StatusPageFixtures.NOW.minus(Duration.ofHours(99 - i)));
        }
        given().when().get("/api/v2/incidents.json").then().statusCode(200)
                .body("incidents", hasSize(50)).body("incidents[0].name", equalTo("Blip 51")).body("incidents[49].name", equalTo("Blip 2"))
                .body("incidents[0].impact", equalTo("minor"));
    }

    @Test
    void indicatorFollowsTheWorstComponentAndOpenIncident() {
        var quiet = fixtures.quietPage();
        given().when().get("/api/v2/status.json").then().body("status.indicator", equalTo("none"));

        Incident p2 = fixtures.incident("Slow pushes", Severity.P2, IncidentStatus.INVESTIGATING, false,
                StatusPageFixtures.NOW.minus(Duration.ofMinutes(5)), null, quiet.get(0));
        given().when().get("/api/v2/status.json").then()
                .body("status.indicator", equalTo("major")).body("status.description", equalTo("Partial System Outage"));
        given().when().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents[0].incident_updates", empty()).body("incidents[0].impact", equalTo("major"));

        fixtures.update(p2, UpdateTemplate.INVESTIGATING, "Possible issue being investigated", "Pushes are slow.", false,
                ComponentState.MAJOR_OUTAGE, StatusPageFixtures.NOW, quiet.get(0));
        fixtures.component("Metrics", null, 9, ComponentState.MAJOR_OUTAGE);
        given().when().get("/api/v2/status.json").then()
                .body("status.indicator", equalTo("critical")).body("status.description", equalTo("Major Service Outage"));
        given().when().get("/api/v2/incidents/unresolved.json").then()
                .body("incidents[0].incident_updates[0].affected_components[0].new_status", equalTo("major_outage"))
                .body("incidents[0].incident_updates[0].affected_components[0].old_status", equalTo("operational"))
                .body("incidents[0].resolved_at", nullValue());
    }

    @Test
    void underMaintenanceAloneIsNotAnOutage() {
        fixtures.component("Cloud Foundry API", null, 1, ComponentState.UNDER_MAINTENANCE);
        given().when().get("/api/v2/summary.json").then()
                .body("status.indicator", equalTo("none")).body("status.description", equalTo("Service Under Maintenance"))
                .body("components.status", contains("under_maintenance"));
    }
}
