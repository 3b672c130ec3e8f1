package uk.gov.paas.support.escalation.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;

/** The upgrade keeps each scoped page key answering its page from the kernel's table; raw keys and page_request go. */
class IdempotencyUpgradeTest {

    @Test
    void scopedKeysMoveToTheKernelTable() throws Exception {
        IdempotencyUpgrade.Result upgraded = IdempotencyUpgrade.upgrade("escalation_upgrade_test", "page_request", """
                insert into page_request (idempotency_key, page_id, created_at)
                values ('k1:77aa', 3, now()), ('ticket-12/page/ab12', 4, now())
                """);
        assertEquals(List.of("k1:77aa POST /api/pages page 3"), upgraded.rows());
        assertFalse(upgraded.oldTableLeft());
    }
}
