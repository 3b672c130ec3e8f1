package uk.gov.paas.support.kernel.console;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * Serves GOV.UK Frontend from its webjar, as its stylesheet expects: fonts and images under {@code /assets/}, the
 * stylesheet under {@code /console-assets/govuk/}; the console's few own rules are a static file,
 * {@code /console-assets/console.css}. No script: every console action works without JavaScript.
 */
@ApplicationScoped
public class ConsoleAssets {

    static final String WEBJAR = "META-INF/resources/webjars/govuk-frontend/";

    void routes(@Observes Router router) {
        String dist = WEBJAR + version() + "/dist/govuk";
        router.get("/assets/*").handler(StaticHandler.create(dist + "/assets").setMaxAgeSeconds(86_400));
        router.get("/console-assets/govuk/*").handler(StaticHandler.create(dist).setMaxAgeSeconds(3_600));
    }

    /** The webjar's version, from its Maven metadata: the pom pins it, so nothing here repeats it. */
    static String version() {
        try (InputStream in = Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/maven/org.webjars.npm/govuk-frontend/pom.properties")) {
            if (in == null) {
                throw new IllegalStateException("GOV.UK Frontend's webjar is not on the class path");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
