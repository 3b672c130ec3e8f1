package uk.gov.paas.support.ticket.service;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.status;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.ServiceStubs;
import uk.gov.paas.support.ticket.TicketApi;
import uk.gov.paas.support.ticket.TicketFixtures;

/** The end-of-shift hand-over: one call moves one person's open tickets to the next person on the rota, asked of escalation-service. */
@QuarkusTest
class HandOverTest {

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    CircuitBreakerMaintenance breakers;

    long open1;
    long open2;
    long solved;
    long others;

    @BeforeEach
    void tickets() {
        fixtures.reset();
        ServiceStubs.reset();
        breakers.resetAll();
        Instant at = Instant.parse("2026-11-30T08:00:00Z");
        open1 = create(clock, at, "P3");
        open2 = create(clock, at, "P4");
        solved = create(clock, at, "P3");
        others = create(clock, at, "P3");
        for (long id : List.of(open1, open2, solved)) {
            assign(id, "ada@example.gov.uk");
        }
        assign(others, "grace@example.gov.uk");
        status(clock, at, solved, "SOLVED", "done", null);
        clock.set(Instant.parse("2026-11-30T09:00:00Z"));
    }

    @AfterEach
    void realTime() {
        clock.reset();
        ServiceStubs.reset();
    }

    private static void assign(long id, String to) {
        as(AGENT).body(Map.of("assignee", to, "reason", "on shift")).when().post("/api/tickets/" + id + "/assign").then().statusCode(200);
    }

    @Test
    void allOpenTicketsOfOnePersonGoToTheNextPersonOnTheRotaWithANote() {
        // the handoff just happened: Alan is on call now, Ada hands over
        ServiceStubs.onCall("alan@example.gov.uk", "grace@example.gov.uk");
        as(AGENT).body(Map.of("from", "ada@example.gov.uk")).when().post("/api/tickets/hand-over").then().statusCode(200)
                .body("to", equalTo("alan@example.gov.uk")).body("ticketIds", equalTo(List.of((int) open1, (int) open2)));
        as(AGENT).when().get("/api/tickets/" + open1).then().body("assignee", equalTo("alan@example.gov.uk"))
                .body("comments.find { !it.isPublic }.body", containsString("Handed over from ada@example.gov.uk to alan@example.gov.uk"));
        as(AGENT).when().get("/api/tickets/" + solved).then().body("assignee", equalTo("ada@example.gov.uk"));
        as(AGENT).when().get("/api/tickets/" + others).then().body("assignee", equalTo("grace@example.gov.uk"));
        assertTrue(ServiceStubs.escalationRequests().get(0).path().equals("/api/rotas/support/on-call"));
        assertTrue(ServiceStubs.escalationRequests().get(0).authorization().startsWith("Bearer "));
    }

    @Test
    void thePreviewSaysWhoWouldTakeWhichTicketsAndMovesNothing() {
        ServiceStubs.onCall("alan@example.gov.uk", "grace@example.gov.uk");
        as(AGENT).queryParam("from", "Ada@example.gov.uk").when().get("/api/tickets/hand-over").then().statusCode(200)
                .body("from", equalTo("ada@example.gov.uk")).body("to", equalTo("alan@example.gov.uk"))
                .body("ticketIds", equalTo(List.of((int) open1, (int) open2)));
        as(AGENT).when().get("/api/tickets/" + open1).then().body("assignee", equalTo("ada@example.gov.uk"));
        as(TicketApi.TENANT).queryParam("from", "ada@example.gov.uk").when().get("/api/tickets/hand-over").then().statusCode(403);
        as(AGENT).queryParam("from", "not an email").when().get("/api/tickets/hand-over").then().statusCode(400);
    }

    @Test
    void aRotaThatMovedOnSinceThePreviewIsA409AndNothingMoves() {
        // previewed while Alan was on call; by the confirmation Grace is
        ServiceStubs.onCall("grace@example.gov.uk", "alan@example.gov.uk");
        as(AGENT).body(Map.of("from", "ada@example.gov.uk", "to", "alan@example.gov.uk")).when().post("/api/tickets/hand-over").then()
                .statusCode(409).body("detail", containsString("is now grace@example.gov.uk"));
        as(AGENT).when().get("/api/tickets/" + open1).then().body("assignee", equalTo("ada@example.gov.uk"));
        as(AGENT).body(Map.of("from", "ada@example.gov.uk", "to", "Grace@example.gov.uk")).when().post("/api/tickets/hand-over").then()
                .statusCode(200).body("to", equalTo("grace@example.gov.uk"));
    }

    @Test
    void calledBeforeTheHandoffTheTicketsGoToWhoeverIsNext() {
        ServiceStubs.onCall("ada@example.gov.uk", "grace@example.gov.uk");
        as(AGENT).body(Map.of("from", "ada@example.gov.uk", "rota", "escalation")).when().post("/api/tickets/hand-over").then().statusCode(200)
                .body("to", equalTo("grace@example.gov.uk"));
        as(AGENT).when().get("/api/tickets/" + open2).then().body("assignee", equalTo("grace@example.gov.uk"));
    }

    @Test
    void whenEscalationServiceIsDownNothingMovesAndTheAnswerIs503() {
        ServiceStubs.escalationMode(ServiceStubs.Mode.FAILING);
        as(AGENT).body(Map.of("from", "ada@example.gov.uk")).when().post("/api/tickets/hand-over").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("no ticket was moved"));
        assertEquals("ada@example.gov.uk", fixtures.stored(open1).assignee);
        ServiceStubs.escalationMode(ServiceStubs.Mode.SLOW);
        breakers.resetAll();
        as(AGENT).body(Map.of("from", "ada@example.gov.uk")).when().post("/api/tickets/hand-over").then().statusCode(503);
        assertEquals("ada@example.gov.uk", fixtures.stored(open2).assignee);
    }

    @Test
    void anUnknownRotaIsABadRequest() {
        ServiceStubs.onCall("alan@example.gov.uk", "grace@example.gov.uk");
        as(AGENT).body(Map.of("from", "ada@example.gov.uk", "rota", "nosuch")).when().post("/api/tickets/hand-over").then().statusCode(400)
                .body("detail", containsString("no rota 'nosuch'"));
        as(AGENT).body(Map.of("from", "not an email")).when().post("/api/tickets/hand-over").then().statusCode(400);
    }
}
