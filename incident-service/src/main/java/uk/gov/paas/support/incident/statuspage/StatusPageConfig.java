package uk.gov.paas.support.incident.statuspage;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The public status page: what it is called and where people reach it. */
@ConfigMapping(prefix = "support.status-page")
public interface StatusPageConfig {

    /** The page's name, in the HTML title and as {@code page.name} of the Statuspage-format JSON. */
    @WithDefault("GOV.UK PaaS status")
    String name();

    /**
     * The address people read the page at ({@code page.url}; incidents' {@code shortlink}s are anchors on it).
     * application.properties reads it from the environment variable STATUS_PAGE_URL.
     */
    @WithDefault("http://localhost:8082/status")
    String url();

    /** {@code page.id} and every {@code page_id} of the Statuspage-format JSON: there is one page. */
    @WithDefault("paas-status")
    String id();

    /**
     * Addresses that are internal (ticket-service, escalation-service, any internal host): a link starting with one
     * is removed from everything the public sees, whatever its scheme (see {@link PublicText}). This service's own
     * {@code <public-url>/api/} is always internal. application.properties reads it from INTERNAL_URLS (comma-separated).
     */
    Optional<List<String>> internalUrls();
}
