package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.reply;
import static uk.gov.paas.support.ticket.TicketApi.status;
import static uk.gov.paas.support.ticket.TicketApi.triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.TicketFixtures;

/** The queues: triage, each group, product support, mine; nearest breach first; every filter; pagination with a total. */
@QuarkusTest
class TicketQueuesTest {

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;

    long p4;
    long p2;
    long untriaged;
    long product;
    long answered;

    @BeforeEach
    void queue() {
        fixtures.reset();
        Instant at = Instant.parse("2026-11-25T10:00:00Z");
        p4 = create(clock, at, "P4");
        p2 = create(clock, at, "P2");
        untriaged = create(clock, at, null);
        product = create(clock, at, "P3");
        triage(clock, at, product, Map.of("tags", List.of("paas_product_support", "paas_feature_request"), "group", "scoping"));
        answered = create(clock, at, "P3");
        reply(clock, at.plusSeconds(60), answered, "Done", true);
        as(AGENT).body(Map.of("assignee", "alan@example.gov.uk", "group", "first-line", "reason", "mine")).when()
                .post("/api/tickets/" + p2 + "/assign").then().statusCode(200);
        clock.set(Instant.parse("2026-11-25T10:10:00Z"));
        as(AGENT).body(Map.of("subject", "Globex", "requesterEmail", "sam@globex.example", "organisation", "globex", "priority", "P1")).when()
                .post("/api/tickets").then().statusCode(201);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void nearestBreachComesFirstAndTicketsWithNothingDueComeLast() {
        // globex P1 due 10:30 (20 min from 10:10), P2 10:30, P3 12:00, P4 next day 10:00, untriaged 2 business days, answered: nothing due
        as(AGENT).when().get("/api/tickets").then().statusCode(200).body("total", equalTo(6))
                .body("items.id[0]", equalTo((int) p2)).body("items.subject[1]", equalTo("Globex"))
                .body("items.id[2]", equalTo((int) product)).body("items.id[3]", equalTo((int) p4)).body("items.id[4]", equalTo((int) untriaged))
                .body("items.id[5]", equalTo((int) answered)).body("items[0].sla.firstResponse.dueAtLocal", equalTo("2026-11-25T10:30:00+00:00"));
    }

    @Test
    void viewsSelectTriageProductAndMine() {
        as(AGENT).queryParam("view", "triage").when().get("/api/tickets").then().body("total", equalTo(4));
        as(AGENT).queryParam("view", "product").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) product)));
        as(AGENT).queryParam("view", "mine").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) p2)));
        as(DevTokens.mint("agent", null, "grace@example.gov.uk", java.time.Duration.ofHours(1))).queryParam("view", "mine").when()
                .get("/api/tickets").then().body("total", equalTo(0));
        as(AGENT).queryParam("group", "scoping").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) product)));
    }

    @Test
    void everyFilterNarrowsTheList() {
        as(AGENT).queryParam("priority", "P4").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) p4)));
        as(AGENT).queryParam("priority", "NONE").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) untriaged)));
        as(AGENT).queryParam("tag", "paas_feature_request").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) product)));
        as(AGENT).queryParam("assignee", "alan@example.gov.uk").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) p2)));
        as(AGENT).queryParam("organisation", "globex").when().get("/api/tickets").then().body("total", equalTo(1));
        as(AGENT).queryParam("status", "OPEN").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) product)));
        status(clock, Instant.parse("2026-11-25T10:20:00Z"), answered, "SOLVED", "done", null);
        as(AGENT).queryParam("status", "unsolved").when().get("/api/tickets").then().body("total", equalTo(5));
        as(AGENT).queryParam("status", "SOLVED,CLOSED").when().get("/api/tickets").then().body("items.id", equalTo(List.of((int) answered)));
        as(AGENT).queryParam("priority", "P3").queryParam("organisation", "acme").queryParam("view", "product").when().get("/api/tickets").then()
                .body("items.id", equalTo(List.of((int) product)));
    }

    @Test
    void pagesCarryTheTotal() {
        as(AGENT).queryParam("size", 2).queryParam("page", 1).when().get("/api/tickets").then().body("items.size()", equalTo(2))
                .body("page", equalTo(1)).body("size", equalTo(2)).body("total", equalTo(6));
        as(AGENT).queryParam("size", 2).queryParam("page", 3).when().get("/api/tickets").then().body("items.size()", equalTo(0)).body("total", equalTo(6));
    }

    @Test
    void unknownFilterValuesAreProblemsNamingTheValidOnes() {
        as(AGENT).queryParam("view", "everything").when().get("/api/tickets").then().statusCode(400).body("errors[0].field", equalTo("view"))
                .body("detail", containsString("all, triage, product, mine"));
        as(AGENT).queryParam("status", "DONE").when().get("/api/tickets").then().statusCode(400).body("detail", containsString("PENDING_BELIEVED_SOLVED"));
        as(AGENT).queryParam("tag", "paas_nope").when().get("/api/tickets").then().statusCode(400).body("detail", containsString("paas_upstream"));
        as(AGENT).queryParam("group", "nope").when().get("/api/tickets").then().statusCode(400);
        as(AGENT).queryParam("priority", "P0").when().get("/api/tickets").then().statusCode(400);
        as(AGENT).queryParam("sort", "random").when().get("/api/tickets").then().statusCode(400);
        as(AGENT).queryParam("size", 0).when().get("/api/tickets").then().statusCode(400);
    }
}
