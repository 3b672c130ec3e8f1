package uk.gov.paas.support.escalation.service;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

@QuarkusTest
class HandoverTest {

    @Inject
    EscalationFixtures fixtures;
    @Inject
    HandoverService handover;
    @Inject
    MutableClock clock;

    Person ada;
    Person grace;

    @BeforeEach
    void rota() {
        fixtures.reset();
        clock.set(Instant.parse("2026-11-27T12:00:00Z"));
        ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        grace = fixtures.person("Grace Hopper", "grace@example.org", true);
        Person alan = fixtures.person("Alan Turing", "alan@example.org", true);
        fixtures.weeklyRota("Escalation", RotaPurpose.ESCALATION, LocalDate.parse("2026-11-23"), ada, grace);
        fixtures.weeklyRota("Support", RotaPurpose.SUPPORT, LocalDate.parse("2026-11-23"), alan);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void atTheHandoffTheIncomingPersonIsEmailedTheOpenPagesOnce() throws Exception {
        Rota escalation = io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> Rota.forPurpose(RotaPurpose.ESCALATION).orElseThrow());
        assertEquals(Instant.parse("2026-11-30T09:00:00Z"), fixtures.refreshed(escalation).nextHandoffAt);
        clock.set(Instant.parse("2026-11-28T02:00:00Z"));
        given().auth().oauth2(DevTokens.forRole("service")).contentType(ContentType.JSON)
                .body(Map.of("severity", "P1", "summary", "Queue stuck", "source", "alerts")).when().post("/api/pages").then().statusCode(201);
        int before = fixtures.deliver().length;

        clock.set(Instant.parse("2026-11-30T08:59:00Z"));
        handover.sendDue();
        assertEquals(before, fixtures.deliver().length, "nothing before the handoff");

        clock.set(Instant.parse("2026-11-30T09:00:30Z"));
        handover.sendDue();
        handover.sendDue();
        MimeMessage[] all = fixtures.deliver();
        List<MimeMessage> notes = java.util.Arrays.stream(all).filter(m -> {
            try {
                return m.getSubject().startsWith("[On call] Escalation");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }).toList();
        assertEquals(1, notes.size(), "one hand-over note, however often the job runs");
        assertEquals("grace@example.org", notes.get(0).getAllRecipients()[0].toString());
        String text = EscalationFixtures.text(notes.get(0));
        assertTrue(text.contains("Queue stuck") && text.contains("P1 TRIGGERED"), text);
        assertTrue(text.contains("from Mon 30 Nov 2026 09:00 GMT (09:00 UTC) until Mon 7 Dec 2026 09:00 GMT (09:00 UTC)"), text);
        assertEquals(Instant.parse("2026-12-07T09:00:00Z"), fixtures.refreshed(escalation).nextHandoffAt);
    }
}
