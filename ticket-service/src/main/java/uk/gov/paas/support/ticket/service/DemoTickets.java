package uk.gov.paas.support.ticket.service;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.kernel.config.Profiles;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.domain.TicketType;

/**
 * The local run's demo queue: a few tickets in different states (untriaged, open and assigned, waiting on the tenant,
 * on hold, believed solved, in the product view), made through the same service calls the API uses, so a new user
 * sees a queue sorted by nearest breach at once. Development profiles only (kernel Profiles); any other refuses to start
 * with it switched on.
 */
@ApplicationScoped
public class DemoTickets {

    private static final Logger LOG = Logger.getLogger(DemoTickets.class);
    private static final Actor AGENT = new Actor("alan.turing@example.gov.uk", Roles.AGENT, null);

    private final TicketService tickets;
    private final boolean enabled;

    DemoTickets(TicketService tickets, TicketConfig config) {
        this.tickets = tickets;
        this.enabled = config.demoData();
    }

    void onStart(@Observes StartupEvent event) {
        if (Profiles.loadsDemoData(Profiles.active(), enabled, "support.tickets.demo-data")) {
            load();
        }
    }

    @Transactional
    void load() {
        if (Ticket.count() > 0) {
            return;
        }
        raise("Cannot push my app: 502 from the router", "cf push of billing-api fails with a 502 since this morning.", "jo@acme.example",
                "Jo Bloggs", "acme", null, Set.of());
        long open = raise("Postgres backing service is slow", "Queries take 10 s on the medium-ha plan.", "sam@globex.example", "Sam Smith",
                "globex", Severity.P2, Set.of("paas_backing_service"));
        tickets.triage(open, Optional.of(Severity.P2), false, TicketType.PROBLEM, Set.of("paas_backing_service"), "second-line", AGENT);
        tickets.assign(open, "second-line", "grace.hopper@example.gov.uk", "database expertise", AGENT);
        long pending = raise("Please raise our memory quota", "We need 40 GB for the migration.", "jo@acme.example", "Jo Bloggs", "acme",
                Severity.P4, Set.of("paas_org_quota"));
        tickets.agentComment(pending, "Which organisation and space should get the extra memory?", true, AGENT);
        tickets.changeStatus(pending, TicketStatus.PENDING, null, null, AGENT);
        long held = raise("Custom domain certificate not renewing", "shop.acme.example still shows the old certificate.", "jo@acme.example",
                "Jo Bloggs", "acme", Severity.P3, Set.of("paas_routing"));
        tickets.changeStatus(held, TicketStatus.ON_HOLD, null, "Waiting for the CDN provider's support case 4711", AGENT);
        long product = raise("Feature request: Redis 7 plans", "Could the Redis service offer version 7?", "sam@globex.example", "Sam Smith",
                "globex", Severity.P4, Set.of("paas_feature_request", "paas_product_support"));
        tickets.backlogCard(product, "https://trello.com/c/demo-redis-7", true, AGENT);
        long believed = raise("Logs missing from Logit", "No logs since 10:00.", "jo@acme.example", "Jo Bloggs", "acme", Severity.P3,
                Set.of("paas_logging_monitoring_alerting"));
        tickets.agentComment(believed, "We restarted the log drain; your logs should flow again. Tell us if not.", true, AGENT);
        tickets.changeStatus(believed, TicketStatus.PENDING_BELIEVED_SOLVED, null, null, AGENT);
        LOG.info("Demo data loaded: 6 tickets in different states (GET /api/tickets)");
    }

    private long raise(String subject, String description, String email, String name, String org, Severity priority, Set<String> tags) {
        return tickets.create(new TicketService.NewTicket(subject, description, email, name, org, Channel.WEB_FORM, null, priority, tags), null, AGENT)
                .ticket().id;
    }
}
