package uk.gov.paas.support.incident.service;

import java.time.Clock;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.incident.config.IncidentConfig;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.kernel.config.Profiles;

/**
 * The local run's demo data: a few components and one confirmed subscriber, so a new user can declare an incident,
 * publish an update and see the email and the status page at once. Development profiles only (kernel Profiles); any
 * other refuses to start with it switched on.
 */
@ApplicationScoped
public class DemoComponents {

    private static final Logger LOG = Logger.getLogger(DemoComponents.class);

    private final Clock clock;
    private final boolean enabled;

    DemoComponents(Clock clock, IncidentConfig config) {
        this.clock = clock;
        this.enabled = config.demoData();
    }

    void onStart(@Observes StartupEvent event) {
        if (Profiles.loadsDemoData(Profiles.active(), enabled, "support.incidents.demo-data")) {
            load();
        }
    }

    @Transactional
    void load() {
        if (Component.count() > 0) {
            return;
        }
        List<String> names = List.of("Cloud Foundry API", "App routing", "Database (PostgreSQL)", "Logging");
        int position = 0;
        for (String name : names) {
            Component c = new Component();
            c.name = name;
            c.position = position++;
            c.state = ComponentState.OPERATIONAL;
            c.updatedAt = clock.instant();
            c.persist();
        }
        Subscriber s = new Subscriber();
        s.email = "tenant@example.org";
        s.token = "demo-subscriber-token";
        s.createdAt = clock.instant();
        s.confirmedAt = clock.instant();
        Component.<Component>listAll().forEach(c -> s.componentIds.add(c.id));
        s.persist();
        LOG.info("Demo data loaded: 4 components and a confirmed subscriber tenant@example.org");
    }
}
