package uk.gov.paas.support.incident.config;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of incident handling. */
@ConfigMapping(prefix = "support.incidents")
public interface IncidentConfig {

    /** How long before an update is due the comms person is reminded. */
    @WithDefault("PT15M")
    Duration reminderBefore();

    /** How often the deadline scan runs ({@code off} in tests, which call it directly). */
    String scanInterval();

    /** Information Assurance's address when the people directory names nobody in that role (or cannot be reached). */
    Optional<String> informationAssuranceEmail();

    /** Where missed-update notices go when an incident has no lead yet. */
    @WithDefault("support@localhost")
    String fallbackLeadEmail();

    /** The address people reach this service at: links in emails (status page, unsubscribe). */
    String publicUrl();

    /** At most this many due incidents handled per scan (a burst of missed deadlines must not wait for the next scan). */
    @WithDefault("1000")
    int batchSize();

    /** Load demo components and a subscriber into an empty database at start-up (the local run only; refused in prod). */
    @WithDefault("false")
    boolean demoData();

    /** Days after resolution by which the no-blame review must be held. */
    @WithDefault("7")
    int reviewWithinDays();
}
