package uk.gov.paas.support.ticket.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The intake's settings: production may list no organisation at all, and a quoted domain key keeps its dots. */
class IntakeConfigTest {

    private static IntakeConfig read(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(IntakeConfig.class)
                .withSources(new PropertiesConfigSource(properties, "test", 500)).build();
        return config.getConfigMapping(IntakeConfig.class);
    }

    @Test
    void noOrganisationsConfiguredIsAnEmptyMapNotAStartupFailure() {
        IntakeConfig config = read(Map.of());
        assertEquals(Map.of(), config.organisations());
        assertEquals("[PaaS Emergency Support]", config.emergencyTag());
        assertEquals("[PaaS Support]", config.supportTag());
        assertEquals(java.util.List.of("emergency@localhost"), config.emergencyAddresses(), "an emergency address by default");
    }

    @Test
    void theEmergencyAddressesAreACommaSeparatedList() {
        IntakeConfig config = read(Map.of("support.intake.emergency-addresses", "emergency@support.example.gov.uk,ooh@support.example.gov.uk"));
        assertEquals(java.util.List.of("emergency@support.example.gov.uk", "ooh@support.example.gov.uk"), config.emergencyAddresses());
    }

    @Test
    void aQuotedDomainKeyKeepsItsDots() {
        IntakeConfig config = read(Map.of("support.intake.organisations.\"digital.example.gov.uk\"", "digital"));
        assertEquals(Map.of("digital.example.gov.uk", "digital"), config.organisations());
    }
}
