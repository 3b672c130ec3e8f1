package uk.gov.paas.support.ticket.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import uk.gov.paas.support.ticket.config.IntakeConfig;

/** The one rule for a sender's organisation, and the start-up refusal of a configuration that would merge strangers. */
class OrganisationsTest {

    private static Organisations organisations(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(IntakeConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return new Organisations(config.getConfigMapping(IntakeConfig.class));
    }

    private static final Organisations CONFIGURED = organisations(Map.of(
            "support.intake.organisations.\"Digital.Example.gov.uk\"", "digital",
            "support.intake.organisation-addresses.\"Jo@Gmail.com\"", "acme",
            "support.intake.organisation-addresses.\"boss@digital.example.gov.uk\"", "cabinet"));

    @Test
    void onlyConfigurationMakesAnOrganisationAndAnAddressEntryWinsOverItsDomain() {
        assertEquals("digital", CONFIGURED.of("ann@digital.example.gov.uk"));
        assertEquals("digital", CONFIGURED.of("Ann@Ops.Digital.Example.GOV.uk"), "a subdomain uses its parent's entry, any case");
        assertEquals("cabinet", CONFIGURED.of("BOSS@digital.example.gov.uk"), "the address entry wins");
        assertEquals("acme", CONFIGURED.of("jo@gmail.com"), "an address places someone on a public domain");
        assertEquals("sender:sam@gmail.com", CONFIGURED.of("Sam@GMAIL.com"), "a public domain is no organisation");
        assertEquals("sender:sam@example.com", CONFIGURED.of("sam@example.com"), "an unconfigured domain is no organisation");
        assertEquals(Optional.empty(), CONFIGURED.configured("sam@example.com"));
        assertTrue(Organisations.perSender(CONFIGURED.of("sam@example.com")));
        assertFalse(Organisations.perSender(CONFIGURED.of("ann@digital.example.gov.uk")));
    }

    @Test
    void theShippedPublicDomainsIncludeTheBigProvidersAndTheirSubdomainsAndTheListCanBeReplaced() {
        Organisations shipped = organisations(Map.of());
        for (String domain : List.of("gmail.com", "googlemail.com", "outlook.com", "hotmail.co.uk", "live.com", "yahoo.co.uk", "icloud.com",
                "aol.com", "proton.me", "gmx.net", "btinternet.com", "sky.com", "virginmedia.com", "talktalk.net", "mail.gmail.com")) {
            assertTrue(shipped.isPublic(domain), domain);
        }
        assertFalse(shipped.isPublic("digital.cabinet-office.gov.uk"));
        Organisations replaced = organisations(Map.of("support.intake.public-domains", "example.net"));
        assertTrue(replaced.isPublic("example.net"));
        assertFalse(replaced.isPublic("gmail.com"), "the list replaces the default");
    }

    @Test
    void aPublicDomainConfiguredAsAnOrganisationRefusesStartUpNamingTheKey() {
        Organisations bad = organisations(Map.of("support.intake.organisations.\"GMail.com\"", "acme",
                "support.intake.organisations.\"mail.yahoo.co.uk\"", "globex"));
        assertEquals(2, bad.problems().size(), bad.problems().toString());
        assertTrue(bad.problems().stream().anyMatch(p -> p.startsWith("support.intake.organisations.\"GMail.com\" makes a public mail domain")),
                bad.problems().toString());
        assertTrue(bad.problems().stream().anyMatch(p -> p.startsWith("support.intake.organisations.\"mail.yahoo.co.uk\"")), bad.problems().toString());
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> bad.refuseBadConfiguration(null));
        assertTrue(refused.getMessage().startsWith("Refusing to start: support.intake.organisations."), refused.getMessage());
        assertEquals("sender:ann@gmail.com", bad.of("ann@gmail.com"), "and it is never used");
        CONFIGURED.refuseBadConfiguration(null);
        assertEquals(List.of(), CONFIGURED.problems());
    }

    @Test
    void aConfiguredNameCanNeverBeAPerSenderValueAndKeysMustHaveTheirShape() {
        Organisations bad = organisations(Map.of(
                "support.intake.organisations.\"acme.example\"", "sender:eve@gmail.com",
                "support.intake.organisations.\"jo@acme.example\"", "acme",
                "support.intake.organisation-addresses.\"acme.example\"", "acme"));
        List<String> problems = bad.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("may not contain ':'")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"jo@acme.example\" is an address")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("\"acme.example\" is not an email address")), problems.toString());
    }

    @Test
    void aTokenClaimInThePerSenderFormOrBlankIsNoOrganisation() {
        assertNull(Organisations.usableClaim("sender:ann@gmail.com"));
        assertNull(Organisations.usableClaim("x:y"));
        assertNull(Organisations.usableClaim(" "));
        assertNull(Organisations.usableClaim(null));
        assertEquals("acme", Organisations.usableClaim("acme"));
    }
}
