package uk.gov.paas.support.kernel.security;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;

/** Claims fail closed: plain JUnit over the one caller rule. */
class CallersTest {

    @Test
    void anOrganisationClaimMustBeAShortStringWithoutControlCharacters() {
        assertEquals(Optional.of("acme"), Callers.organisationClaim("acme"));
        assertEquals(Optional.of("acme"), Callers.organisationClaim("  acme "));
        assertEquals(Optional.of("acme"), Callers.organisationClaim(Json.createValue("acme")));
        for (Object odd : new Object[] {null, "", "   ", 42, 4.2, true, List.of("acme"), Map.of("name", "acme"), Json.createValue(7),
                "ac\u0000me", "ac\nme", "a".repeat(101)}) {
            assertEquals(Optional.empty(), Callers.organisationClaim(odd), String.valueOf(odd));
        }
    }

    @Test
    void aTenantWithoutAUsableOrganisationKeepsNoRoleAtAll() {
        assertEquals(Set.of(), Callers.effectiveRoles(Set.of("tenant"), Optional.empty()));
        assertEquals(Set.of("tenant"), Callers.effectiveRoles(Set.of("tenant"), Optional.of("acme")));
    }

    @Test
    void aTokenThatSaysTenantIsATenantWhateverElseItClaims() {
        assertEquals(Set.of("tenant"), Callers.effectiveRoles(Set.of("tenant", "agent", "admin"), Optional.of("acme")));
        assertEquals(Set.of(), Callers.effectiveRoles(Set.of("tenant", "admin"), Optional.empty()));
    }

    @Test
    void staffRolesAreKeptAndUnknownRolesDropped() {
        assertEquals(Set.of("agent"), Callers.effectiveRoles(Set.of("agent", "superuser"), Optional.empty()));
        assertEquals(Set.of("admin", "service"), Callers.effectiveRoles(Set.of("admin", "service"), Optional.of("ignored")));
        assertEquals(Set.of(), Callers.effectiveRoles(Set.of("root"), Optional.empty()));
    }
}
