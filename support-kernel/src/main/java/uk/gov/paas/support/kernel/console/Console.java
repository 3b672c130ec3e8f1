package uk.gov.paas.support.kernel.console;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.RequestScoped;
import jakarta.enterprise.inject.Instance;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.kernel.security.Callers;
import uk.gov.paas.support.kernel.security.Roles;

/**
 * What every console page's layout needs (kernel template {@code console/layout}): the page's title, the service's
 * name, who is signed in, the navigation of this service and links to the other two, and the token each form carries.
 * A service's resource asks for {@link #page(String, String)} and hands it to its template as {@code page}.
 */
@RequestScoped
public class Console {

    /** One link of the navigation; {@code active} marks the current section. */
    public record Link(String key, String label, String href, boolean active) {
    }

    /** The signed-in person as the header shows them. */
    public record Person(String name, String email, String role, String organisation) {
        public boolean tenant() {
            return Roles.TENANT.equals(role);
        }

        public boolean agent() {
            return Roles.AGENT.equals(role) || Roles.ADMIN.equals(role);
        }
    }

    /** The layout's data. */
    public record Page(String title, String serviceName, Person person, List<Link> navigation, String csrfToken) {
        public String csrfField() {
            return ConsoleForms.FIELD;
        }
    }

    /** A service's own sections, for the signed-in person (a tenant sees fewer). */
    public interface Navigation {
        List<Link> links(Person person, String active);

        /** Which of the three consoles this is ("tickets", "incidents" or "on-call"), so it does not link to itself. */
        default String section() {
            return null;
        }
    }

    private final ConsoleConfig config;
    private final SecurityIdentity identity;
    private final Instance<Navigation> navigation;
    private final ConsoleForms forms;

    Console(ConsoleConfig config, SecurityIdentity identity, Instance<Navigation> navigation, ConsoleForms forms) {
        this.config = config;
        this.identity = identity;
        this.navigation = navigation;
        this.forms = forms;
    }

    public Page page(String title, String active) {
        Person person = person().orElse(null);
        List<Link> links = new ArrayList<>();
        if (person != null) {
            List<String> own = new ArrayList<>();
            navigation.forEach(n -> {
                links.addAll(n.links(person, active));
                own.add(n.section());
            });
            if (person.agent()) {
                // the other two consoles, for the people who work in all three; never this one again
                config.links().tickets().filter(href -> !own.contains("tickets")).ifPresent(href -> links.add(new Link("tickets", "Tickets", href, false)));
                config.links().incidents().filter(href -> !own.contains("incidents")).ifPresent(href -> links.add(new Link("incidents", "Incidents", href, false)));
                config.links().onCall().filter(href -> !own.contains("on-call")).ifPresent(href -> links.add(new Link("on-call", "On call", href, false)));
            }
        }
        return new Page(title, config.serviceName(), person, links, forms.token(identity));
    }

    /** The signed-in person, by the kernel's one caller rule; empty when anonymous. */
    public Optional<Person> person() {
        if (identity == null || identity.isAnonymous()) {
            return Optional.empty();
        }
        String role = identity.hasRole(Roles.ADMIN) ? Roles.ADMIN : identity.hasRole(Roles.AGENT) ? Roles.AGENT
                : identity.hasRole(Roles.TENANT) ? Roles.TENANT : null;
        if (role == null) {
            return Optional.empty();
        }
        String email = identity.getPrincipal().getName();
        String name = email;
        if (identity.getPrincipal() instanceof JsonWebToken jwt) {
            Object given = jwt.getClaim("name");
            name = given instanceof jakarta.json.JsonString s ? s.getString() : given instanceof String s ? s : email;
        }
        return Optional.of(new Person(name, email, role, Callers.organisation(identity).orElse(null)));
    }
}
