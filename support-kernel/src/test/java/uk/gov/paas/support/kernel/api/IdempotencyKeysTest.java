package uk.gov.paas.support.kernel.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A key belongs to its caller and route: plain JUnit. */
class IdempotencyKeysTest {

    static final String ROUTE = "POST /api/tickets";

    @Test
    void theSameCallerRouteAndKeyAlwaysGiveTheSameStoredKey() {
        assertEquals(IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "acme", "form-1"),
                IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "acme", "form-1"));
    }

    @Test
    void anyOtherSubjectRoleOrganisationRouteOrKeyGivesAnotherOne() {
        String base = IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "acme", "form-1");
        assertNotEquals(base, IdempotencyKeys.scoped(ROUTE, "sam@globex.example", "tenant", "acme", "form-1"));
        assertNotEquals(base, IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "agent", "acme", "form-1"));
        assertNotEquals(base, IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "globex", "form-1"));
        assertNotEquals(base, IdempotencyKeys.scoped("POST /api/incidents", "jo@acme.example", "tenant", "acme", "form-1"));
        assertNotEquals(base, IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "acme", "form-2"));
        // the parts cannot be shifted into one another to collide
        assertNotEquals(IdempotencyKeys.scoped(ROUTE, "a", "b", "", "c"), IdempotencyKeys.scoped(ROUTE, "a", "", "b", "c"));
    }

    @Test
    void aStoredKeyFitsTheColumnsWhateverWasSent() {
        String stored = IdempotencyKeys.scoped(ROUTE, "x".repeat(500), "admin", null, "k".repeat(200));
        assertTrue(stored.length() <= 200, stored);
        assertNull(IdempotencyKeys.scoped(ROUTE, (io.quarkus.security.identity.SecurityIdentity) null, null));
        assertNull(IdempotencyKeys.scoped(ROUTE, "jo@acme.example", "tenant", "acme", null), "no key sent: nothing to replay");
    }
}
