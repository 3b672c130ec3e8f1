package uk.gov.paas.support.kernel.outbox;

import java.util.ServiceLoader;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;
import jakarta.mail.util.StreamProvider;

import io.quarkus.runtime.StartupEvent;

/**
 * Finds Jakarta Mail's stream provider once, instead of once per header block, body part and encoded word.
 * <p>
 * Jakarta Mail 2.1 looks the provider up with a new {@link ServiceLoader} every time it makes one of those
 * (jakartaee/mail-api#699, #861), which scans the class path's {@code META-INF/services} each time: in a JFR profile of
 * the email intake (2026-12-08) 5.5% of every sample, in parsing and in the relay writing MIME. Its finder reads the
 * system property named after the provider's interface before it scans, so this sets that property, once at start-up,
 * to the class the service loader finds: the same provider, found by name.
 */
public final class MailStreams {

    static final String PROPERTY = StreamProvider.class.getName();

    private MailStreams() {
    }

    /** Sets the property unless it is set already (an operator's choice wins). Answers the provider's class name. */
    public static String install() {
        String chosen = System.getProperty(PROPERTY);
        if (chosen != null && !chosen.isBlank()) {
            return chosen;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        String found = ServiceLoader.load(StreamProvider.class, loader != null ? loader : MailStreams.class.getClassLoader()).findFirst()
                .map(provider -> provider.getClass().getName()).orElse(null);
        if (found != null) {
            System.setProperty(PROPERTY, found);
        }
        return found;
    }

    /** Before any bean that sends or parses mail starts. */
    @jakarta.inject.Singleton
    static class OnStart {
        void install(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
            MailStreams.install();
        }
    }
}
