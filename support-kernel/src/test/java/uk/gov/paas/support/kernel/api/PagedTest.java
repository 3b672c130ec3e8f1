package uk.gov.paas.support.kernel.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import uk.gov.paas.support.kernel.outbox.OutboxMessage;
import uk.gov.paas.support.kernel.outbox.OutboxStatus;
import uk.gov.paas.support.local.DevTokens;

/**
 * A list's total costs what its page costs: counted to the next thousand past the page's last item, and past that a
 * lower bound with {@code totalExact: false}. Driven on the outbox's sent emails, the list that grows for ever.
 */
@QuarkusTest
class PagedTest {

    private static final String ADMIN = DevTokens.forRole("admin");
    private static final String WHERE = " where m.status = :status";
    private static final Map<String, Object> SENT = Map.of("status", OutboxStatus.SENT);

    @Inject
    EntityManager entityManager;

    @AfterEach
    void clean() {
        QuarkusTransaction.requiringNew().run(() -> OutboxMessage.deleteAll());
    }

    /** Stores {@code count} sent emails in one statement (the relay leaves sent ones alone). */
    private void storeSent(int count) {
        QuarkusTransaction.requiringNew().run(() -> {
            OutboxMessage.deleteAll();
            entityManager.createNativeQuery("""
                    insert into outbox_message (idempotency_key, message_id, recipients, subject, text_body, status, next_attempt_at, created_at, sent_at)
                    select 'paged-' || n, '<paged-' || n || '@test>', 'a@example.org', 'Sent ' || n, 'text', 'SENT', now(), now() - n * interval '1 second', now()
                    from generate_series(1, :count) n""").setParameter("count", count).executeUpdate();
        });
    }

    private Paged<OutboxMessage> page(int page, int size) {
        return QuarkusTransaction.requiringNew().call(
                () -> Paged.find(entityManager, OutboxMessage.class, "m", WHERE, SENT, "m.createdAt desc, m.id desc", page, size));
    }

    @Test
    void theApiAnswersALowerBoundPastTheNextThousandAndSaysSo() {
        storeSent(2345);
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?status=sent&size=50").then().statusCode(200)
                .body("items", hasSize(50)).body("page", equalTo(0)).body("size", equalTo(50))
                .body("total", equalTo(1000)).body("totalExact", equalTo(false));
        given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?status=sent&size=500&page=4").then().statusCode(200)
                .body("items", hasSize(345)).body("total", equalTo(2345)).body("totalExact", equalTo(true));
        // a list's other fields are not leaked from the record's helpers
        JsonPath answer = given().auth().oauth2(ADMIN).when().get("/api/admin/outbox?status=sent&size=1").then().statusCode(200).extract().jsonPath();
        assertEquals(Set.of("items", "page", "size", "total", "totalExact"), answer.getMap("$").keySet());
    }

    @Test
    void aShortListIsCountedExactlyAndTheLastPageNeedsNoCount() {
        storeSent(37);
        Paged<OutboxMessage> first = page(0, 50);
        assertEquals(37, first.items().size());
        assertEquals(37, first.total());
        assertTrue(first.totalExact());
        assertEquals("37", first.totalText());
        assertEquals("1", first.pagesText());
        Paged<OutboxMessage> beyond = page(3, 50);
        assertEquals(0, beyond.items().size());
        assertEquals(37, beyond.total());
        assertTrue(beyond.totalExact());
        Paged<OutboxMessage> full = page(1, 37);
        assertEquals(37, full.total(), "a page beyond the last full one is counted, not guessed");
    }

    @Test
    void theThousandthItemIsExactAndTheOneAfterItIsNot() {
        storeSent(1000);
        Paged<OutboxMessage> thousand = page(0, 50);
        assertEquals(1000, thousand.total());
        assertTrue(thousand.totalExact());
        assertEquals("1,000", thousand.totalText());

        storeSent(1001);
        Paged<OutboxMessage> more = page(0, 50);
        assertEquals(1000, more.total());
        assertFalse(more.totalExact());
        assertEquals("1,000+", more.totalText());
        assertEquals("20+", more.pagesText());
    }

    @Test
    void deeperPagesCountToTheNextThousandPastThemselves() {
        storeSent(2345);
        Paged<OutboxMessage> nineteenth = page(19, 50); // items 950-999: the next thousand past 1,000 is 2,000
        assertEquals(2000, nineteenth.total());
        assertFalse(nineteenth.totalExact());
        Paged<OutboxMessage> fortieth = page(39, 50); // items 1,950-1,999: counted to 3,000, so all of them
        assertEquals(2345, fortieth.total());
        assertTrue(fortieth.totalExact());
        Paged<OutboxMessage> last = page(46, 50);
        assertEquals(45, last.items().size());
        assertEquals(2345, last.total());
        assertTrue(last.totalExact());
    }

    @Test
    void aClientPagingWhileItsPageEndsBeforeTheTotalReachesEveryItemOnce() {
        storeSent(2345);
        Set<Long> seen = new HashSet<>();
        int pages = 0;
        for (int page = 0;; page++) {
            Paged<OutboxMessage> got = page(page, 100);
            got.items().forEach(m -> assertTrue(seen.add(m.id), "item " + m.id + " seen twice"));
            pages++;
            if ((long) (page + 1) * got.size() >= got.total()) {
                break;
            }
        }
        assertEquals(2345, seen.size());
        assertEquals(24, pages);
    }

    @Test
    void countingUpToACapStopsThere() {
        storeSent(1500);
        long counted = QuarkusTransaction.requiringNew().call(() -> Paged.countUpTo(entityManager, " from OutboxMessage m" + WHERE, SENT, 1000));
        assertEquals(1000, counted);
        long all = QuarkusTransaction.requiringNew().call(() -> Paged.countUpTo(entityManager, " from OutboxMessage m" + WHERE, SENT, 5000));
        assertEquals(1500, all);
        long none = QuarkusTransaction.requiringNew()
                .call(() -> Paged.countUpTo(entityManager, " from OutboxMessage m" + WHERE, Map.of("status", OutboxStatus.DEAD), 1000));
        assertEquals(0, none);
    }

    @Test
    void aStatusFilterIsOpenAllOrOneStatusAndAnUnknownOneIsRefusedByItsParser() {
        Paged.Where open = Paged.Where.byStatus("p", "OPEN", "RESOLVED", String::toUpperCase);
        assertEquals(" where p.status <> :status", open.clause());
        assertEquals(Map.of("status", "RESOLVED"), open.parameters());
        Paged.Where all = Paged.Where.byStatus("p", "all", "RESOLVED", String::toUpperCase);
        assertEquals("", all.clause());
        assertTrue(all.parameters().isEmpty());
        Paged.Where one = Paged.Where.byStatus("i", "triggered", "RESOLVED", String::toUpperCase);
        assertEquals(" where i.status = :status", one.clause());
        assertEquals(Map.of("status", "TRIGGERED"), one.parameters());
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Paged.Where.byStatus("i", "nonsense", "RESOLVED", asked -> {
                    throw new IllegalArgumentException("not a status: " + asked);
                }));
        assertEquals("not a status: nonsense", refused.getMessage());
    }

    @Test
    void anExactTotalReadsWithThousandsSeparators() {
        Paged<String> list = new Paged<>(List.of("a"), 0, 50, 83_377);
        assertEquals("83,377", list.totalText());
        assertEquals("1,668", list.pagesText());
        assertEquals(1, new Paged<>(List.of(), 0, 50, 0).pages());
    }
}
