package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.OTHER_TENANT;
import static uk.gov.paas.support.ticket.TicketApi.TENANT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.reply;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;

/** A tenant sees and comments on its own organisation's tickets only, never an internal note or an internal field, by any route. */
@QuarkusTest
class TenantVisibilityTest {

    static final String NOTE = "INTERNAL-ONLY: tenant's quota is wrong, do not tell them yet";

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;

    long acme;
    long globex;

    @BeforeEach
    void tickets() {
        fixtures.reset();
        acme = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        as(AGENT).body(Map.of("tags", List.of("paas_org_quota"), "group", "first-line")).when().post("/api/tickets/" + acme + "/triage").then()
                .statusCode(200);
        as(AGENT).body(Map.of("assignee", "grace@example.gov.uk", "reason", "quota")).when().post("/api/tickets/" + acme + "/assign").then()
                .statusCode(200);
        reply(clock, Instant.parse("2026-11-25T10:05:00Z"), acme, NOTE, false);
        reply(clock, Instant.parse("2026-11-25T10:06:00Z"), acme, "We are raising your quota.", true);
        clock.set(Instant.parse("2026-11-25T10:07:00Z"));
        globex = as(AGENT).body(Map.of("subject", "Globex outage", "requesterEmail", "sam@globex.example", "organisation", "globex")).when()
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private static void noInternals(ValidatableResponse response, String prefix) {
        response.body(prefix + "group", nullValue()).body(prefix + "assignee", nullValue()).body(prefix + "tags", nullValue())
                .body(prefix + "breaches", nullValue()).body(prefix + "createdBy", nullValue());
    }

    @Test
    void aTenantNeverSeesAnInternalNoteThroughAnyRoute() {
        ValidatableResponse one = as(TENANT).when().get("/api/tickets/" + acme).then().statusCode(200)
                .body("comments.body", not(hasItem(NOTE))).body("comments.isPublic", everyItem(equalTo(true)))
                .body("comments.body", hasItem("We are raising your quota."));
        noInternals(one, "");
        as(TENANT).when().get("/api/tickets/" + acme + "/comments").then().statusCode(200).body("body", not(hasItem(NOTE)))
                .body("size()", equalTo(1)).body("[0].thanksOnly", nullValue());
        ValidatableResponse list = as(TENANT).when().get("/api/tickets").then().statusCode(200);
        list.body("items.comments", everyItem(nullValue()));
        noInternals(list, "items[0].");
        // the tenant's own comment answers with that comment only
        as(TENANT).body(Map.of("body", "Thanks, how long will it take?")).when().post("/api/tickets/" + acme + "/comments").then().statusCode(201)
                .body("body", equalTo("Thanks, how long will it take?"));
        as(TENANT).when().get("/api/tickets/" + acme + "/audit").then().statusCode(403);
        // and no email carries the note
        for (String queued : fixtures.queued()) {
            assertFalse(queued.contains("INTERNAL-ONLY"), queued);
        }
        assertEquals(0, fixtures.queued().stream().filter(q -> q.contains("INTERNAL")).count());
    }

    @Test
    void aTenantCannotWriteAnInternalNoteOrSetAPriority() {
        as(TENANT).body(Map.of("body", "psst", "isPublic", false)).when().post("/api/tickets/" + acme + "/comments").then().statusCode(400);
        as(TENANT).body(Map.of("subject", "Please help", "priority", "P1")).when().post("/api/tickets").then().statusCode(400)
                .body("errors[0].field", equalTo("priority"));
        as(TENANT).body(Map.of("priority", "P1")).when().post("/api/tickets/" + acme + "/triage").then().statusCode(403);
        as(TENANT).body(Map.of("status", "CLOSED", "reason", "x")).when().post("/api/tickets/" + acme + "/status").then().statusCode(403);
    }

    @Test
    void anotherOrganisationsTicketIsNotFoundForEveryRoute() {
        as(TENANT).when().get("/api/tickets/" + globex).then().statusCode(404).contentType("application/problem+json");
        as(TENANT).when().get("/api/tickets/" + globex + "/comments").then().statusCode(404);
        as(TENANT).body(Map.of("body", "hello")).when().post("/api/tickets/" + globex + "/comments").then().statusCode(404);
        as(TENANT).when().get("/api/tickets").then().body("total", equalTo(1)).body("items.id", equalTo(List.of((int) acme)));
        as(OTHER_TENANT).when().get("/api/tickets").then().body("total", equalTo(1)).body("items.id", equalTo(List.of((int) globex)));
        as(TENANT).queryParam("organisation", "globex").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) acme)));
    }

    @Test
    void aTenantsTicketIsAlwaysInItsOwnOrganisation() {
        clock.set(Instant.parse("2026-11-25T11:00:00Z"));
        as(TENANT).body(Map.of("subject", "Please raise our quota", "organisation", "globex")).when().post("/api/tickets").then().statusCode(201)
                .body("organisation", equalTo("acme")).body("requesterEmail", equalTo("jo@acme.example")).body("channel", equalTo("WEB_FORM"))
                .body("group", nullValue());
    }
}
