package uk.gov.paas.support.ticket.service;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static uk.gov.paas.support.ticket.TicketApi.get;
import static uk.gov.paas.support.ticket.TicketApi.reply;
import static uk.gov.paas.support.ticket.TicketApi.status;
import static uk.gov.paas.support.ticket.TicketApi.tenantComment;
import static uk.gov.paas.support.ticket.TicketApi.triage;

import java.time.Instant;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;

/** Ticket SLAs: due times stored at each event from the kernel's targets table, pauses, priority changes, the preview. */
@QuarkusTest
class TicketSlaTest {

    @Inject
    TicketFixtures fixtures;
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

    @Test
    void untriagedTicketRaisedFridayAtHalfPastFourIsDueTuesdayAtHalfPastFour() {
        long id = create(clock, Instant.parse("2026-11-20T16:30:00Z"), null);
        Ticket t = fixtures.stored(id);
        assertEquals(Instant.parse("2026-11-24T16:30:00Z"), t.firstResponseDueAt);
        as(AGENT).when().get("/api/tickets/" + id).then().body("sla.firstResponse.dueAtLocal", equalTo("2026-11-24T16:30:00+00:00"))
                .body("sla.firstResponse.state", equalTo("RUNNING")).body("priority", equalTo("NONE"));
    }

    @Test
    void pauseAcrossAWeekendStopsAP1ClockAndResumesWithWhatWasLeft() {
        // P1 out of hours: 40 minutes on the 24/7 clock; 10 run on Saturday before the pause
        long id = create(clock, Instant.parse("2026-11-21T10:00:00Z"), "P1");
        assertEquals(Instant.parse("2026-11-21T10:40:00Z"), fixtures.stored(id).firstResponseDueAt);
        status(clock, Instant.parse("2026-11-21T10:10:00Z"), id, "PENDING", null, null);
        assertNull(fixtures.stored(id).firstResponseDueAt, "a paused clock cannot fall due");
        assertEquals(Instant.parse("2026-11-24T10:10:00Z"), fixtures.stored(id).nextCheckAt, "only PENDING's reminder, 3 days on, is due next");
        clock.set(Instant.parse("2026-11-22T12:00:00Z"));
        as(AGENT).when().get("/api/tickets/" + id).then().body("sla.firstResponse.state", equalTo("PAUSED"))
                .body("sla.firstResponse.remaining", equalTo("PT30M")).body("sla.firstResponse.dueAt", nullValue());
        status(clock, Instant.parse("2026-11-23T09:00:00Z"), id, "OPEN", null, null);
        assertEquals(Instant.parse("2026-11-23T09:30:00Z"), fixtures.stored(id).firstResponseDueAt);
    }

    @Test
    void priorityChangeWhilePausedKeepsTheTimeAlreadyRunAndNeverCountsThePause() {
        // P3 in hours: respond within 2 working hours; 1 h runs before ON_HOLD
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), fixtures.stored(id).firstResponseDueAt);
        status(clock, Instant.parse("2026-11-25T11:00:00Z"), id, "ON_HOLD", null, "Waiting for the database team");
        triage(clock, Instant.parse("2026-11-25T15:00:00Z"), id, Map.of("priority", "P4"));
        // P4: one business day (8 working hours); 1 h already ran, 7 h are left whenever the clock resumes
        as(AGENT).when().get("/api/tickets/" + id).then().body("priority", equalTo("P4")).body("sla.firstResponse.remaining", equalTo("PT7H"))
                .body("sla.firstResponse.paused", equalTo(true));
        status(clock, Instant.parse("2026-11-26T09:00:00Z"), id, "OPEN", null, null);
        assertEquals(Instant.parse("2026-11-26T16:00:00Z"), fixtures.stored(id).firstResponseDueAt);
    }

    @Test
    void firstPublicAgentReplyMeetsFirstResponseAndAnInternalNoteDoesNot() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-25T10:20:00Z"), id, "Looking into it internally", false);
        assertEquals(Instant.parse("2026-11-25T12:00:00Z"), fixtures.stored(id).firstResponseDueAt);
        reply(clock, Instant.parse("2026-11-25T10:30:00Z"), id, "We are looking at the router logs.", true);
        Ticket t = fixtures.stored(id);
        assertEquals(Instant.parse("2026-11-25T10:30:00Z"), t.firstResponseMetAt);
        assertNull(t.firstResponseDueAt);
        assertNull(t.nextCheckAt, "nothing left to fall due");
        as(AGENT).when().get("/api/tickets/" + id).then().body("sla.firstResponse.state", equalTo("MET"));
    }

    @Test
    void eachTenantCommentStartsANewNextUpdateTargetAndAPublicReplyMeetsIt() {
        long id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        reply(clock, Instant.parse("2026-11-25T10:30:00Z"), id, "Which app?", true);
        tenantComment(clock, Instant.parse("2026-11-25T11:00:00Z"), id, "The app is called billing-api, in space prod.");
        // P3 in hours: update within 4 working hours
        assertEquals(Instant.parse("2026-11-25T15:00:00Z"), fixtures.stored(id).nextUpdateDueAt);
        tenantComment(clock, Instant.parse("2026-11-25T16:00:00Z"), id, "It is still failing, any news?");
        // a new target from the latest comment: 1 h that evening, 3 h the next morning
        assertEquals(Instant.parse("2026-11-26T12:00:00Z"), fixtures.stored(id).nextUpdateDueAt);
        reply(clock, Instant.parse("2026-11-26T09:30:00Z"), id, "Fixed: a bad route.", true);
        assertNull(fixtures.stored(id).nextUpdateDueAt);
    }

    @Test
    void previewAnswersThroughTheSameClocksAsStoredTickets() {
        long id = create(clock, Instant.parse("2026-11-20T16:30:00Z"), null);
        as(AGENT).queryParam("priority", "NONE").queryParam("at", "2026-11-20T16:30:00Z").when().get("/api/tickets/sla-preview").then()
                .statusCode(200).body("firstResponseBy", equalTo(fixtures.stored(id).firstResponseDueAt.toString()))
                .body("period", equalTo("IN_HOURS")).body("firstResponseByLocal", equalTo("2026-11-24T16:30:00+00:00"));
        // P2 raised at 20:00 on a Wednesday: not worked overnight, so 30 min from Thursday's opening
        as(AGENT).queryParam("priority", "P2").queryParam("at", "2026-11-25T20:00:00Z").when().get("/api/tickets/sla-preview").then()
                .statusCode(200).body("period", equalTo("OUT_OF_HOURS_OVERNIGHT")).body("firstResponseBy", equalTo("2026-11-26T09:30:00Z"))
                .body("nextUpdateBy", equalTo("2026-11-26T11:00:00Z"));
        // P1 just before the clocks go forward: 40 real minutes
        as(AGENT).queryParam("priority", "P1").queryParam("at", "2026-03-29T00:45:00Z").when().get("/api/tickets/sla-preview").then()
                .statusCode(200).body("firstResponseBy", equalTo("2026-03-29T01:25:00Z")).body("firstResponseByLocal", equalTo("2026-03-29T02:25:00+01:00"));
    }

    @Test
    void previewRefusesABadPriorityOrInstantWithAProblem() {
        as(AGENT).queryParam("priority", "P9").when().get("/api/tickets/sla-preview").then().statusCode(400)
                .contentType("application/problem+json").body("errors[0].field", equalTo("priority"));
        as(AGENT).queryParam("priority", "P2").queryParam("at", "yesterday").when().get("/api/tickets/sla-preview").then().statusCode(400)
                .body("errors[0].field", equalTo("at"));
    }

    @Test
    void aTicketRaisedOnChristmasEveSkipsTheBankHolidays() {
        long id = create(clock, Instant.parse("2026-12-24T10:00:00Z"), "P4");
        // one business day: 7 h on Christmas Eve, 1 h on Tuesday 29 December (Christmas, the weekend and Boxing Day's substitute skipped)
        assertEquals(Instant.parse("2026-12-29T10:00:00Z"), fixtures.stored(id).firstResponseDueAt);
    }
}
