package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.escalation.config.EscalationConfig;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.intake.Grading;
import uk.gov.paas.support.escalation.service.DirectoryService.PersonData;
import uk.gov.paas.support.escalation.service.RotaService.RotaData;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.config.Profiles;

/**
 * The local run's demo directory: a few people, a support rota, an escalation rota and one routing key, loaded
 * into an empty database so a new user can page someone at once. Only where switched on (the local profile), in a
 * development profile (kernel Profiles); any other refuses to start with it switched on.
 */
@ApplicationScoped
public class DemoDirectory {

    private static final Logger LOG = Logger.getLogger(DemoDirectory.class);

    /** The demo routing key; printed in the run-local banner and the README. Never valid anywhere but a local run. */
    public static final String DEMO_ROUTING_KEY = "localdemokey00000000000000000001";

    private final EscalationConfig config;
    private final DirectoryService directory;
    private final RotaService rotas;
    private final RoutingKeys routingKeys;
    private final SupportCalendar calendar;
    private final Clock clock;

    DemoDirectory(EscalationConfig config, DirectoryService directory, RotaService rotas, RoutingKeys routingKeys, SupportCalendar calendar,
            Clock clock) {
        this.config = config;
        this.directory = directory;
        this.rotas = rotas;
        this.routingKeys = routingKeys;
        this.calendar = calendar;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        if (Profiles.loadsDemoData(Profiles.active(), config.demoDirectory(), "support.escalation.demo-directory")) {
            load();
        }
    }

    @Transactional
    void load() {
        if (Person.count() > 0) {
            LOG.info("Demo directory: the directory already has people; nothing loaded");
            return;
        }
        Person ada = person("Ada Lovelace", "ada@support.local", "+44 7700 900001", true);
        Person grace = person("Grace Hopper", "grace@support.local", "+44 7700 900002", true);
        Person alan = person("Alan Turing", "alan@support.local", "+44 7700 900003", true);
        person("Barbara Liskov", "barbara@support.local", "+44 7700 900004", true, "head-of-reliability-engineering");
        person("Katherine Johnson", "katherine@support.local", "+44 7700 900005", false, "techops-programme-director");
        person("Tim Berners-Lee", "tim@support.local", "+44 7700 900006", false, "director-of-portfolio-group");
        person("Radia Perlman", "radia@support.local", null, false, "information-assurance");
        LocalDate monday = LocalDate.ofInstant(clock.instant(), calendar.zone()).with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1); // a week back: someone is on call now
        rotas.create(new RotaData("Support", RotaPurpose.SUPPORT, List.of(alan.id, grace.id), monday, DayOfWeek.MONDAY, LocalTime.of(9, 0), 7));
        rotas.create(new RotaData("Escalation", RotaPurpose.ESCALATION, List.of(ada.id, grace.id), monday, DayOfWeek.MONDAY,
                LocalTime.of(9, 0), 7));
        routingKeys.create("Demo monitoring", null, Grading.DEFAULT, DEMO_ROUTING_KEY);
        LOG.infof("Demo directory loaded: 7 people, a support and an escalation rota, the default policy and routing key %s. Page someone:%n"
                + "  curl -s -X POST http://localhost:%s/v2/enqueue -H 'Content-Type: application/json' "
                + "-d '{\"routing_key\":\"%s\",\"event_action\":\"trigger\",\"dedup_key\":\"demo-1\","
                + "\"payload\":{\"summary\":\"Demo: API error rate above 5%%\",\"source\":\"curl\",\"severity\":\"critical\"}}'",
                DEMO_ROUTING_KEY, org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.http.port", String.class),
                DEMO_ROUTING_KEY);
    }

    private Person person(String name, String email, String phone, boolean productionAccess, String... roles) {
        return directory.create(new PersonData(name, email, phone, productionAccess, List.of(roles)));
    }
}
