package uk.gov.paas.support.ticket.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.kernel.console.Console;

/** The support desk's sections in the console's navigation: an agent's queues and tools, a tenant's tickets. */
@ApplicationScoped
public class TicketNavigation implements Console.Navigation {

    @Override
    public String section() {
        return "tickets";
    }

    @Override
    public List<Console.Link> links(Console.Person person, String active) {
        if (person.tenant()) {
            return List.of(new Console.Link("tickets", "Your tickets", "/console/tickets", "tickets".equals(active)),
                    new Console.Link("new", "Raise a ticket", "/console/tickets/new", "new".equals(active)));
        }
        return List.of(new Console.Link("queues", "Queues", "/console/queues/triage", "queues".equals(active)),
                new Console.Link("search", "Search", "/console/search", "search".equals(active)),
                new Console.Link("suspended", "Suspended mail", "/console/suspended-mail", "suspended".equals(active)),
                new Console.Link("hand-over", "Hand over", "/console/hand-over", "hand-over".equals(active)));
    }
}
