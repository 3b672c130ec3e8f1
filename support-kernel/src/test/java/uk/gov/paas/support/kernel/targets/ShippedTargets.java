package uk.gov.paas.support.kernel.targets;

import java.util.Map;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.config.TargetsConfig;
import uk.gov.paas.support.kernel.config.TargetsProducer;

/** The targets table as a service gets it: the kernel's shipped configuration, read by SmallRye Config, no Quarkus boot. */
final class ShippedTargets {

    private ShippedTargets() {
    }

    /** The shipped table, with these environment variables over it (as an operator would set them). */
    static TargetsTable withEnvironment(Map<String, String> environment) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .addDefaultSources() // META-INF/microprofile-config.properties, where the kernel ships the table
                .withSources(new EnvConfigSource(environment, 300))
                .withMapping(TargetsConfig.class)
                .build();
        return TargetsProducer.fromConfig(config.getConfigMapping(TargetsConfig.class), SupportCalendar.defaults());
    }

    static TargetsTable table() {
        return withEnvironment(Map.of());
    }
}
