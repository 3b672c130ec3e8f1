package uk.gov.paas.support.incident.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.kernel.console.Console;

/** The incident console's sections in the navigation: the board, declaring one, the status page's components (agents and admins only). */
@ApplicationScoped
public class IncidentNavigation implements Console.Navigation {

    @Override
    public String section() {
        return "incidents";
    }

    @Override
    public List<Console.Link> links(Console.Person person, String active) {
        if (!person.agent()) {
            return List.of();
        }
        return List.of(new Console.Link("incidents", "Open incidents", "/console/incidents", "incidents".equals(active)),
                new Console.Link("declare", "Declare an incident", "/console/incidents/new", "declare".equals(active)),
                new Console.Link("components", "Components", "/console/components", "components".equals(active)));
    }
}
