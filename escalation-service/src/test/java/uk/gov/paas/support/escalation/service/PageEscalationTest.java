package uk.gov.paas.support.escalation.service;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import uk.gov.paas.support.escalation.EscalationFixtures;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/** Pages against the real PostgreSQL and a real SMTP server, with the clock set by the test. */
@QuarkusTest
class PageEscalationTest {

    static final String SERVICE = DevTokens.forRole("service");
    static final String AGENT = DevTokens.forRole("agent");
    /** Saturday 28 November 2026, 02:00 London (GMT): out of hours, overnight. */
    static final Instant SATURDAY_NIGHT = Instant.parse("2026-11-28T02:00:00Z");
    /** Monday 23 November 2026, 10:00 London: in hours. */
    static final Instant MONDAY_MORNING = Instant.parse("2026-11-23T10:00:00Z");

    @Inject
    EscalationFixtures fixtures;
    @Inject
    EscalationEngine engine;
    @Inject
    MutableClock clock;

    Person ada;
    Person alan;
    Person barbara;
    Person katherine;
    Person tim;

    @BeforeEach
    void directory() {
        fixtures.reset();
        clock.set(MONDAY_MORNING.minus(Duration.ofDays(1)));
        ada = fixtures.person("Ada Lovelace", "ada@example.org", true);
        alan = fixtures.person("Alan Turing", "alan@example.org", true);
        barbara = fixtures.person("Barbara Liskov", "barbara@example.org", true, "head-of-reliability-engineering");
        katherine = fixtures.person("Katherine Johnson", "katherine@example.org", false, "techops-programme-director");
        tim = fixtures.person("Tim Berners-Lee", "tim@example.org", false, "director-of-portfolio-group");
        LocalDate monday = LocalDate.parse("2026-11-23");
        fixtures.weeklyRota("Escalation", RotaPurpose.ESCALATION, monday, ada);
        fixtures.weeklyRota("Support", RotaPurpose.SUPPORT, monday, alan);
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private Response page(String severity, String dedupKey) {
        return given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("severity", severity, "summary", "Database primary unreachable", "source", "smoke-tests", "dedupKey", dedupKey))
                .when().post("/api/pages");
    }

    private long open(String severity, String dedupKey) {
        return page(severity, dedupKey).then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private Page stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Page.<Page>findById(id));
    }

    private List<PageLogEntry.Kind> log(long id) {
        return QuarkusTransaction.requiringNew().call(() -> PageLogEntry.ofPage(id).stream().map(e -> e.kind).toList());
    }

    /** Who was emailed when the scheduler ran at {@code at}. */
    private List<String> newRecipientsAt(Instant at, int ignored) throws Exception {
        return fixtures.newRecipients(() -> {
            clock.set(at);
            engine.escalateDue();
        });
    }

    @Test
    void aP1OutOfHoursPagesTheEscalationRotaThenEachLevelAsItsTimeoutPasses() throws Exception {
        clock.set(SATURDAY_NIGHT);
        long id = open("P1", "db-down");
        MimeMessage[] first = fixtures.deliver();
        assertEquals(List.of("ada@example.org"), EscalationFixtures.recipients(first));
        assertTrue(first[0].getSubject().startsWith("[P1 TRIGGERED] Page #" + id), first[0].getSubject());
        String body = EscalationFixtures.text(first[0]);
        assertTrue(body.contains("Sat 28 Nov 2026 02:00 GMT (02:00 UTC)"), body);
        assertTrue(body.contains("level 1 of 4"), body);

        assertEquals(List.of(), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(9)), 1), "nothing before the 10-minute timeout");
        assertEquals(List.of("barbara@example.org"), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(10)), 1));
        assertEquals(List.of("katherine@example.org"), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(20)), 2));
        assertEquals(List.of("tim@example.org"), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(30)), 3));
        assertEquals(List.of(), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(44)), 4), "the director has 15 minutes");
        assertEquals(List.of("ada@example.org"), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(45)), 4), "round two starts again at level 1");
        assertEquals(1, stored(id).round, "second round");
        assertTrue(log(id).containsAll(List.of(PageLogEntry.Kind.OPENED, PageLogEntry.Kind.NOTIFIED, PageLogEntry.Kind.ESCALATED,
                PageLogEntry.Kind.REPEATED)), log(id).toString());
    }

    @Test
    void aLevelWithNobodyAvailableIsSkippedAtOnceNotWaitedOut() throws Exception {
        fixtures.unavailable(ada, SATURDAY_NIGHT.minus(Duration.ofDays(1)), SATURDAY_NIGHT.plus(Duration.ofDays(1)));
        fixtures.unavailable(katherine, SATURDAY_NIGHT.minus(Duration.ofDays(1)), SATURDAY_NIGHT.plus(Duration.ofDays(1)));
        clock.set(SATURDAY_NIGHT);
        long id = open("P1", "disk-full");
        assertEquals(List.of("barbara@example.org"), EscalationFixtures.recipients(fixtures.deliver()),
                "the escalation rota's person is on leave: the head of reliability engineering is paged at once");
        assertEquals(List.of("tim@example.org"), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofMinutes(10)), 1),
                "the techops programme director is unavailable: the director of the portfolio group is paged in the same scan");
        given().auth().oauth2(AGENT).when().get("/api/pages/" + id).then().statusCode(200)
                .body("log.findAll { it.kind == 'SKIPPED' }.detail", org.hamcrest.Matchers.hasItems(
                        containsString("Ada Lovelace (on call for Escalation) is marked unavailable"),
                        containsString("every techops programme director is marked unavailable")));
    }

    @Test
    void acknowledgingThroughTheEmailedLinkStopsEveryFurtherEmail() throws Exception {
        clock.set(SATURDAY_NIGHT);
        long id = open("P1", "api-5xx");
        MimeMessage email = fixtures.deliver()[0];
        String link = EscalationFixtures.ackLink(email);
        String path = EscalationFixtures.path(link);

        given().when().get(path).then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Database primary unreachable")).body(containsString("<form method=\"post\""));
        assertEquals("TRIGGERED", stored(id).status.name(), "opening the link does not acknowledge: a mail scanner may open it");

        clock.set(SATURDAY_NIGHT.plus(Duration.ofMinutes(4)));
        given().when().post(path).then().statusCode(200).body(containsString("You acknowledged page #" + id))
                .body(containsString("<a id=\"console-link\" href=\"/console/pages/" + id + "\""));
        Page acknowledged = stored(id);
        assertEquals("ACKNOWLEDGED", acknowledged.status.name());
        assertEquals("Ada Lovelace <ada@example.org>", acknowledged.acknowledgedBy);

        assertEquals(List.of(), newRecipientsAt(SATURDAY_NIGHT.plus(Duration.ofHours(3)), 1), "no level is paged after an acknowledgement");
        given().when().post(path).then().statusCode(200).body(containsString("was acknowledged at"));

        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200).body("status", equalTo("RESOLVED"));
        given().when().get(path).then().statusCode(200).body(containsString("was resolved at")).body(containsString("nothing to acknowledge"));
    }

    @Test
    void anExpiredOrAlteredLinkIsAClearPageAndAcknowledgesNothing() throws Exception {
        clock.set(SATURDAY_NIGHT);
        long id = open("P1", "expiry");
        String path = EscalationFixtures.path(EscalationFixtures.ackLink(fixtures.deliver()[0]));

        String otherPage = path.replaceFirst("/ack/" + id + "\\.", "/ack/" + (id + 1) + ".");
        given().when().post(otherPage).then().statusCode(404).contentType(containsString("text/html")).body(containsString("not valid"));

        clock.set(SATURDAY_NIGHT.plus(Duration.ofHours(13)));
        given().when().post(path).then().statusCode(410).contentType(containsString("text/html")).body(containsString("expired"));
        assertEquals("TRIGGERED", stored(id).status.name());
    }

    @Test
    void aSecondTriggerWithTheSameDedupKeyAddsAnOccurrenceAndPagesNobodyAgain() throws Exception {
        clock.set(SATURDAY_NIGHT);
        long id = open("P1", "queue-backlog");
        page("P1", "queue-backlog").then().statusCode(200).body("id", equalTo((int) id)).body("occurrences", equalTo(2));
        assertEquals(1, fixtures.deliver().length);

        given().auth().oauth2(AGENT).when().post("/api/pages/" + id + "/resolve").then().statusCode(200);
        long next = open("P1", "queue-backlog");
        assertTrue(next != id, "after a resolve the same key opens a new page");
    }

    @Test
    void aRepeatedIdempotencyKeyAnswersTheFirstPageAndChangesNothing() throws Exception {
        clock.set(SATURDAY_NIGHT);
        Map<String, String> body = Map.of("severity", "P1", "summary", "Missed update on incident 7", "source", "incident-service");
        long id = given().auth().oauth2(SERVICE).header("Idempotency-Key", "incident-7/update-due-2026-11-28T02:00Z").contentType(ContentType.JSON)
                .body(body).when().post("/api/pages").then().statusCode(201).extract().jsonPath().getLong("id");
        given().auth().oauth2(SERVICE).header("Idempotency-Key", "incident-7/update-due-2026-11-28T02:00Z").contentType(ContentType.JSON)
                .body(Map.of("severity", "P2", "summary", "a retry with another body", "source", "incident-service"))
                .when().post("/api/pages").then().statusCode(200).header("Idempotent-Replayed", "true")
                .body("id", equalTo((int) id)).body("severity", equalTo("P1")).body("occurrences", equalTo(1));
        assertEquals(1, fixtures.deliver().length);
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> Page.count()));
    }

    @Test
    void aP3OutOfHoursWakesNobodyAndIsDeliveredToTheSupportRotaWhenHoursOpen() throws Exception {
        clock.set(SATURDAY_NIGHT);
        long id = given().auth().oauth2(SERVICE).contentType(ContentType.JSON)
                .body(Map.of("severity", "P3", "summary", "Slow builds", "source", "platform-tests"))
                .when().post("/api/pages").then().statusCode(201)
                .body("status", equalTo("WAITING"))
                .body("dueAt", equalTo("2026-11-30T09:00:00Z"))
                .body("dueAtLocal", equalTo("2026-11-30T09:00:00+00:00"))
                .extract().jsonPath().getLong("id");
        assertEquals(0, fixtures.deliver().length, "nobody is woken for a P3");
        given().auth().oauth2(AGENT).when().get("/api/pages/" + id).then()
                .body("log.detail", org.hamcrest.Matchers.hasItem(containsString("is not worked out of hours, so nobody is woken")));

        assertEquals(List.of(), newRecipientsAt(Instant.parse("2026-11-30T08:59:00Z"), 0));
        List<String> delivered = newRecipientsAt(Instant.parse("2026-11-30T09:00:00Z"), 0);
        assertEquals(List.of("alan@example.org"), delivered, "in hours a page goes to the support rota");
        String text = EscalationFixtures.text(fixtures.deliver()[0]);
        assertTrue(text.contains("This page waited"), text);
    }

    @Test
    void inHoursAPageGoesToTheSupportRota() throws Exception {
        clock.set(MONDAY_MORNING);
        open("P2", "in-hours");
        assertEquals(List.of("alan@example.org"), EscalationFixtures.recipients(fixtures.deliver()));
    }

    @Test
    void twoSchedulersRacingOnTheSameDueEscalationsSendEachEmailOnce() throws Exception {
        clock.set(SATURDAY_NIGHT);
        int pages = 20;
        for (int i = 0; i < pages; i++) {
            open("P1", "race-" + i);
        }
        assertEquals(pages, fixtures.deliver().length);
        clock.set(SATURDAY_NIGHT.plus(Duration.ofMinutes(10)));
        ExecutorService threads = Executors.newFixedThreadPool(2);
        CountDownLatch start = new CountDownLatch(1);
        try {
            Future<Integer> a = threads.submit(() -> {
                start.await();
                return engine.escalateDue();
            });
            Future<Integer> b = threads.submit(() -> {
                start.await();
                return engine.escalateDue();
            });
            start.countDown();
            assertEquals(pages, a.get() + b.get(), "each due page handled by exactly one scheduler");
        } finally {
            threads.shutdownNow();
        }
        MimeMessage[] all = fixtures.deliver();
        assertEquals(2 * pages, all.length, "one email per page per level, never two");
        Set<String> pageIds = new HashSet<>();
        for (MimeMessage message : all) {
            if (message.getAllRecipients()[0].toString().equals("barbara@example.org")) {
                pageIds.add(message.getHeader("X-Page-Id")[0]);
            }
        }
        assertEquals(pages, pageIds.size(), "the second level was emailed once for each page");
    }

    @Test
    void badInputIsA400NamingTheFieldAndWritesNothing() {
        clock.set(SATURDAY_NIGHT);
        Object[][] cases = {
                {Map.of("summary", "x", "source", "y"), "severity"},
                {Map.of("severity", "P5", "summary", "x", "source", "y"), "severity"},
                {Map.of("severity", "P1", "summary", " ", "source", "y"), "summary"},
                {Map.of("severity", "P1", "summary", "x"), "source"},
                {Map.of("severity", "P1", "summary", "x", "source", "y", "link", "javascript:alert(1)"), "link"},
                {Map.of("severity", "P1", "summary", "x", "source", "y", "policyId", 999999), "policyId"},
                {Map.of("severity", "P1", "summary", "x".repeat(1025), "source", "y"), "summary"},
        };
        for (Object[] c : cases) {
            given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body(c[0]).when().post("/api/pages").then()
                    .statusCode(400).contentType("application/problem+json").body("errors.field", org.hamcrest.Matchers.hasItem(c[1]));
        }
        given().auth().oauth2(SERVICE).contentType(ContentType.JSON).body("{\"severity\": ").when().post("/api/pages").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(SERVICE).header("Idempotency-Key", "k".repeat(201)).contentType(ContentType.JSON)
                .body(Map.of("severity", "P1", "summary", "x", "source", "y")).when().post("/api/pages").then()
                .statusCode(400).contentType("application/problem+json");
        given().auth().oauth2(AGENT).contentType(ContentType.JSON).body(Map.of("severity", "P1", "summary", "x", "source", "y"))
                .when().post("/api/pages").then().statusCode(403);
        given().auth().oauth2(AGENT).when().post("/api/pages/999999/acknowledge").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AGENT).when().post("/api/pages/999999/resolve").then().statusCode(404).contentType("application/problem+json");
        given().auth().oauth2(AGENT).queryParam("status", "SNOOZED").when().get("/api/pages").then().statusCode(400)
                .body("errors[0].field", equalTo("status"));
        assertEquals(0L, QuarkusTransaction.requiringNew().call(() -> Page.count()));
        assertEquals(0, fixtures.deliver().length);
    }
}
