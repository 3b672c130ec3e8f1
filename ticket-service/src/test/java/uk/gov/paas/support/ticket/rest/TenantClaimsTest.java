package uk.gov.paas.support.ticket.rest;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static uk.gov.paas.support.ticket.TicketApi.AGENT;
import static uk.gov.paas.support.ticket.TicketApi.as;
import static uk.gov.paas.support.ticket.TicketApi.create;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;
import uk.gov.paas.support.ticket.TicketFixtures;
import uk.gov.paas.support.ticket.domain.Ticket;

/**
 * Claims fail closed, over real HTTP with tokens signed by the development key: a tenant token whose organisation is
 * missing, blank or not a string is refused on every route, never read as "no organisation filter"; a token that says
 * tenant is a tenant whatever else it claims.
 */
@QuarkusTest
class TenantClaimsTest {

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
        globex = as(AGENT).body(Map.of("subject", "Globex outage", "requesterEmail", "sam@globex.example", "organisation", "globex")).when()
                .post("/api/tickets").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    static Stream<Arguments> oddTenants() {
        return Stream.of(
                Arguments.of("no org claim", Map.of()),
                Arguments.of("a blank org", Map.of("org", "  ")),
                Arguments.of("an empty org", Map.of("org", "")),
                Arguments.of("a numeric org", Map.of("org", 42)),
                Arguments.of("an array org", Map.of("org", List.of("acme", "globex"))),
                Arguments.of("an object org", Map.of("org", Map.of("name", "acme"))),
                Arguments.of("a boolean org", Map.of("org", true)),
                Arguments.of("an org with a control character", Map.of("org", "acme\u0000")));
    }

    @ParameterizedTest(name = "{0}: 403 on every route")
    @MethodSource("oddTenants")
    void aTenantWithoutAUsableOrganisationIsRefusedEverywhere(String why, Map<String, Object> claims) {
        String token = DevTokens.mintUnchecked("mallory@example.org", List.of("tenant"), claims);
        as(token).when().get("/api/tickets").then().statusCode(403).contentType("application/problem+json");
        as(token).when().get("/api/tickets?view=all&size=500").then().statusCode(403);
        as(token).when().get("/api/tickets/" + acme).then().statusCode(403);
        as(token).when().get("/api/tickets/" + acme + "/comments").then().statusCode(403);
        as(token).when().get("/api/tickets/tags").then().statusCode(403);
        as(token).body(Map.of("subject", "Hello", "description", "x")).when().post("/api/tickets").then().statusCode(403);
        as(token).body(Map.of("body", "reopen please", "isPublic", true)).when().post("/api/tickets/" + acme + "/comments").then().statusCode(403);
        assertEquals(2L, QuarkusTransaction.requiringNew().call(() -> Ticket.count()), "nothing was written");
    }

    @Test
    void aTokenThatSaysTenantAndAgentIsOnlyATenant() {
        String token = DevTokens.mintUnchecked("jo@acme.example", List.of("tenant", "agent", "admin"), Map.of("org", "acme"));
        as(token).when().get("/api/tickets?view=all").then().statusCode(200).body("total", equalTo(1))
                .body("items.organisation", everyItem(equalTo("acme")));
        as(token).when().get("/api/tickets/" + globex).then().statusCode(404);
        as(token).when().get("/api/tickets/" + acme + "/audit").then().statusCode(403);
        as(token).when().get("/api/admin/outbox").then().statusCode(403);
    }

    @Test
    void anOrganisationClaimIsTrimmedAndStillScopesTheTenant() {
        String token = DevTokens.mintUnchecked("jo@acme.example", List.of("tenant"), Map.of("org", " acme "));
        as(token).when().get("/api/tickets").then().statusCode(200).body("total", equalTo(1));
        as(token).when().get("/api/tickets/" + globex).then().statusCode(404);
    }

    @Test
    void unknownRolesGiveNoAccess() {
        String token = DevTokens.mintUnchecked("root@example.org", List.of("superuser"), Map.of());
        as(token).when().get("/api/tickets").then().statusCode(403);
    }
}
