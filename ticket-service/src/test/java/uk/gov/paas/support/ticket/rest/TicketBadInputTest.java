package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;

import java.time.Instant;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.ticket.TicketFixtures;

/** Bad input to any ticket route is a 4xx problem+json that changes nothing; never a 500. */
@QuarkusTest
class TicketBadInputTest {

    @Inject
    TicketFixtures fixtures;
    @Inject
    MutableClock clock;

    long id;
    int version;

    @BeforeEach
    void ticket() {
        fixtures.reset();
        id = create(clock, Instant.parse("2026-11-25T10:00:00Z"), "P3");
        version = fixtures.stored(id).version;
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "POST | /api/tickets | {\"subject\":\"x\",\"requesterEmail\":\"a@b.c\",\"organisation\":\"acme\",\"channel\":\"FAX\"} | 400",
            "POST | /api/tickets | {\"subject\":\"x\",\"requesterEmail\":\"a@b.c\",\"organisation\":\"acme\",\"tags\":[null]} | 400",
            "POST | /api/tickets | {\"subject\":\"x\",\"requesterEmail\":\"a@b.c\",\"organisation\":\"acme\",\"priority\":5} | 400",
            "POST | /api/tickets | {\"subject\":\"x\",\"requesterEmail\":\"a@b.c\"} | 400",
            "POST | /api/tickets | [] | 400",
            "POST | /api/tickets/{id}/status | {\"status\":\"DONE\"} | 400",
            "POST | /api/tickets/{id}/status | {} | 400",
            "POST | /api/tickets/{id}/triage | {\"priority\":\"P0\"} | 400",
            "POST | /api/tickets/{id}/triage | {\"type\":\"FEATURE\"} | 400",
            "POST | /api/tickets/{id}/assign | {\"group\":\"nope\",\"reason\":\"x\"} | 400",
            "POST | /api/tickets/{id}/assign | {\"assignee\":\"not-an-email\",\"reason\":\"x\"} | 400",
            "POST | /api/tickets/{id}/rename | {\"subject\":\"   \",\"reason\":\"x\"} | 400",
            "POST | /api/tickets/{id}/comments | {\"body\":\"\",\"isPublic\":true} | 400",
            "PUT | /api/tickets/{id}/incident | {\"incidentId\":0} | 400",
            "PUT | /api/tickets/{id}/incident | {\"incidentId\":\"seven\"} | 400",
            "POST | /api/tickets/{id}/backlog-card/done | {} | 409",
            "POST | /api/tickets/999999/status | {\"status\":\"OPEN\"} | 404",
            "POST | /api/tickets/abc/status | {\"status\":\"OPEN\"} | 404",
            "GET | /api/tickets?page=-1 | | 400",
            "GET | /api/tickets?size=501 | | 400",
            "GET | /api/tickets/sla-preview?priority=P1&at=99999-01-01T00:00:00Z | | 400",
            "POST | /api/tickets/hand-over | {} | 400"})
    void badInputIsAProblemAndChangesNothing(String method, String path, String body, int status) {
        var request = as(AGENT);
        if (body != null) {
            request = request.body(body);
        }
        request.when().request(method, path.replace("{id}", Long.toString(id))).then().statusCode(status)
                .contentType("application/problem+json").body("status", equalTo(status)).body("detail", notNullValue());
        assertEquals(version, fixtures.stored(id).version, "the ticket is unchanged");
        assertEquals(1, fixtures.queued().size(), "no email beyond the acknowledgement");
    }
}
