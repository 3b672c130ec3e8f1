package uk.gov.paas.support.ticket.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;

/** The upgrade keeps each scoped ticket key answering its ticket from the kernel's table; raw keys and ticket_request go. */
class IdempotencyUpgradeTest {

    @Test
    void scopedKeysMoveToTheKernelTable() throws Exception {
        IdempotencyUpgrade.Result upgraded = IdempotencyUpgrade.upgrade("tickets_upgrade_test", "ticket_request", """
                insert into ticket_request (idempotency_key, ticket_id, created_at)
                values ('k1:4f2a', 12, now()), ('raw-form-1', 13, now())
                """);
        assertEquals(List.of("k1:4f2a POST /api/tickets ticket 12"), upgraded.rows());
        assertFalse(upgraded.oldTableLeft());
    }
}
