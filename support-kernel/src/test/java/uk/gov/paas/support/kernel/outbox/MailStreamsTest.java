package uk.gov.paas.support.kernel.outbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.ServiceLoader;

import jakarta.mail.util.StreamProvider;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Jakarta Mail's stream provider is named once at start-up, so that no mail part scans the class path for it again. */
@QuarkusTest
class MailStreamsTest {

    @Test
    void theProviderTheServiceLoaderFindsIsNamedAtStartUp() {
        String named = System.getProperty(MailStreams.PROPERTY);
        assertNotNull(named, "set when the service started");
        String found = ServiceLoader.load(StreamProvider.class, Thread.currentThread().getContextClassLoader()).findFirst().orElseThrow()
                .getClass().getName();
        assertEquals(found, named, "the same provider the scan would find");
        assertEquals(named, StreamProvider.provider().getClass().getName(), "and Jakarta Mail takes it by that name");
    }

    @Test
    void anOperatorsChoiceIsKept() {
        String before = System.getProperty(MailStreams.PROPERTY);
        try {
            System.setProperty(MailStreams.PROPERTY, "org.example.OperatorsStreamProvider");
            assertEquals("org.example.OperatorsStreamProvider", MailStreams.install());
            assertEquals("org.example.OperatorsStreamProvider", System.getProperty(MailStreams.PROPERTY));
        } finally {
            System.setProperty(MailStreams.PROPERTY, before);
        }
    }
}
