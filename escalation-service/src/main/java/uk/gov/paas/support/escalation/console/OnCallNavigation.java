package uk.gov.paas.support.escalation.console;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import uk.gov.paas.support.kernel.console.Console;

/** On call's sections in the console's navigation; tenants have none here (the pages answer them 403). */
@ApplicationScoped
public class OnCallNavigation implements Console.Navigation {

    @Override
    public String section() {
        return "on-call";
    }

    @Override
    public List<Console.Link> links(Console.Person person, String active) {
        if (!person.agent()) {
            return List.of();
        }
        return List.of(new Console.Link("on-call", "On call", "/console/on-call", "on-call".equals(active)),
                new Console.Link("calendar", "Calendar", "/console/on-call/calendar", "calendar".equals(active)),
                new Console.Link("pages", "Pages", "/console/pages", "pages".equals(active)),
                new Console.Link("people", "People", "/console/people", "people".equals(active)),
                new Console.Link("integrations", "Integrations", "/console/integrations", "integrations".equals(active)));
    }
}
