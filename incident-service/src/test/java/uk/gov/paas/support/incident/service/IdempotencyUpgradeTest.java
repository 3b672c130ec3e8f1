package uk.gov.paas.support.incident.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.testing.IdempotencyUpgrade;

/** The upgrade keeps each scoped declaration key answering its incident from the kernel's table; raw keys and incident_request go. */
class IdempotencyUpgradeTest {

    @Test
    void scopedKeysMoveToTheKernelTable() throws Exception {
        IdempotencyUpgrade.Result upgraded = IdempotencyUpgrade.upgrade("incidents_upgrade_test", "incident_request", """
                insert into incident_request (idempotency_key, incident_id, created_at)
                values ('k1:9c1e', 7, now()), ('ticket-41/declare', 8, now())
                """);
        assertEquals(List.of("k1:9c1e POST /api/incidents incident 7"), upgraded.rows());
        assertFalse(upgraded.oldTableLeft());
    }
}
