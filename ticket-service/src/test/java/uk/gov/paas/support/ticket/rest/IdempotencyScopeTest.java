package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.OTHER_TENANT;
import static uk.gov.paas.support.ticket.TicketApi.TENANT;
import static uk.gov.paas.support.ticket.TicketApi.as;

import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;

/** An Idempotency-Key belongs to its caller: another tenant (or an agent) sending the same key gets its own ticket, never the first. */
@QuarkusTest
class IdempotencyScopeTest {

    @Inject
    TicketFixtures fixtures;

    @BeforeEach
    void empty() {
        fixtures.reset();
    }

    @Test
    void anotherCallersSameKeyNeverAnswersTheFirstCallersTicket() {
        long acme = as(TENANT).header("Idempotency-Key", "web-form-1").body(Map.of("subject", "Acme: quota", "description", "ours"))
                .when().post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        long globex = as(OTHER_TENANT).header("Idempotency-Key", "web-form-1").body(Map.of("subject", "Globex: logs", "description", "theirs"))
                .when().post("/api/tickets").then().statusCode(201).body("subject", equalTo("Globex: logs")).extract().jsonPath().getLong("id");
        assertNotEquals(acme, globex);
        long agent = as(AGENT).header("Idempotency-Key", "web-form-1")
                .body(Map.of("subject", "Agent's", "requesterEmail", "jo@acme.example", "organisation", "acme"))
                .when().post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
        assertNotEquals(acme, agent);
        // the first caller's retry still answers its own ticket
        as(TENANT).header("Idempotency-Key", "web-form-1").body(Map.of("subject", "Acme: quota", "description", "ours"))
                .when().post("/api/tickets").then().statusCode(200).body("id", equalTo((int) acme));
        assertEquals(3L, QuarkusTransaction.requiringNew().call(() -> Ticket.count()));
    }
}
