package uk.gov.paas.support.ticket.rest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.TENANT;
import static uk.gov.paas.support.ticket.TicketApi.as;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.ticket.TicketFixtures;

/**
 * Agents' full-text search: subjects, descriptions, public replies and internal notes, English stemming, best match first
 * (a subject over a comment), a ticket number, and nothing for a tenant; odd input is a 400 naming q.
 */
@QuarkusTest
class TicketSearchTest {

    @Inject
    TicketFixtures fixtures;

    @BeforeEach
    @AfterEach
    void empty() {
        fixtures.reset();
    }

    long raise(String subject, String description) {
        return as(AGENT).body(Map.of("subject", subject, "description", description, "requesterEmail", "jo@acme.example", "organisation", "acme"))
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    void comment(long id, String body, boolean isPublic) {
        as(AGENT).body(Map.of("body", body, "isPublic", isPublic)).post("/api/tickets/" + id + "/comments").then().statusCode(201);
    }

    List<Long> found(String q) {
        JsonPath answer = as(AGENT).queryParam("q", q).get("/api/tickets/search").then().statusCode(200).extract().jsonPath();
        List<Long> ids = answer.getList("items.id", Long.class);
        assertEquals(ids.size(), answer.getInt("total"), "total for " + q);
        return ids;
    }

    @Test
    void findsWordsInSubjectsDescriptionsRepliesAndNotesBestMatchFirst() {
        long router = raise("Router returns 502", "cf push fails");
        long quota = raise("Memory quota", "We need more memory for the migration");
        long logs = raise("Logs missing", "Nothing in Logit since Tuesday");
        comment(logs, "The router drain was misconfigured", true);
        comment(quota, "Billing says the organisation is on a trial", false);

        assertEquals(List.of(router, logs), found("router"), "the subject's match ranks above the reply's");
        assertEquals(List.of(quota), found("migrations"), "English stemming: migrations finds migration");
        assertEquals(List.of(quota), found("billing trial"), "an internal note is searched for agents");
        assertEquals(List.of(router), found("\"returns 502\""));
        assertEquals(List.of(logs), found("router -502"));
        assertEquals(List.of(), found("kubernetes"));
        assertEquals(List.of(quota), found("#" + quota), "a ticket number");
        assertEquals(quota, found(String.valueOf(quota)).get(0));
    }

    @Test
    void everyPageCountsAllTheMatchesEvenAPagePastTheEnd() {
        long first = raise("Router returns 502", "cf push fails");
        long second = raise("Router slow", "since Tuesday");
        long third = raise("Logs missing", "Nothing in Logit");
        comment(third, "The router drain was misconfigured", false);
        comment(first, "Router pod restarted", true);   // a ticket matched twice is one ticket
        for (int page = 0; page < 4; page++) {
            JsonPath answer = as(AGENT).queryParam("q", "router").queryParam("size", 2).queryParam("page", page).get("/api/tickets/search")
                    .then().statusCode(200).extract().jsonPath();
            assertEquals(3, answer.getInt("total"), "page " + page);
            assertEquals(page == 0 ? 2 : page == 1 ? 1 : 0, answer.getList("items").size(), "page " + page);
        }
        assertEquals(List.of(first, second, third).stream().sorted().toList(), found("router").stream().sorted().toList());
    }

    @Test
    void aTenantCannotSearchAndOddInputIsA400() {
        raise("Router returns 502", "cf push fails");
        as(TENANT).queryParam("q", "router").get("/api/tickets/search").then().statusCode(403);
        for (String q : new String[] {"", "   ", "a".repeat(201), "router\u0000", "line\nbreak"}) {
            as(AGENT).queryParam("q", q).get("/api/tickets/search").then().statusCode(400).contentType("application/problem+json");
        }
        as(AGENT).get("/api/tickets/search").then().statusCode(400);
        // what a search engine's syntax cannot parse is just words, never an error
        for (String q : new String[] {"&|!()", "'\"", "or or", "-", "\\", "%_", "99999999999999999999"}) {
            as(AGENT).queryParam("q", q).get("/api/tickets/search").then().statusCode(200);
        }
    }
}
