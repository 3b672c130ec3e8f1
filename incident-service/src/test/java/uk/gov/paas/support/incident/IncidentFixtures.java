package uk.gov.paas.support.incident;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.kernel.outbox.OutboxRelay;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MailParts;

/** Empties incident-service's tables between tests, makes components and subscribers, and reads what was emailed. */
@ApplicationScoped
public class IncidentFixtures {

    @Inject
    EntityManager entityManager;
    @Inject
    OutboxRelay relay;

    public void reset() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                truncate incident_review, tenant_update_component, tenant_update, timeline_entry, incident_member, idempotent_request,
                         incident_component, incident, subscription, subscriber, component, outbox_message, outbox_call cascade
                """).executeUpdate());
    }

    public long component(String name) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Component c = new Component();
            c.name = name;
            c.state = ComponentState.OPERATIONAL;
            c.updatedAt = Instant.parse("2026-01-01T00:00:00Z");
            c.persist();
            return c.id;
        });
    }

    public long subscriber(String email, boolean confirmed, Long... componentIds) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Subscriber s = new Subscriber();
            s.email = email;
            s.token = "token-" + email.replaceAll("[^a-z0-9]", "");
            s.createdAt = Instant.parse("2026-01-01T00:00:00Z");
            s.confirmedAt = confirmed ? s.createdAt : null;
            s.componentIds.addAll(List.of(componentIds));
            s.persist();
            return s.id;
        });
    }

    /** Sends what the outbox holds to the test SMTP server, then returns everything it has received. */
    public MimeMessage[] deliver() {
        relay.relayDue();
        return GreenMailTestResource.greenMail().getReceivedMessages();
    }

    /** An email's plain-text part (every email has a text and an HTML part). */
    public static String text(MimeMessage message) throws Exception {
        return MailParts.text(message);
    }

    public static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : messages) {
            to.add(message.getAllRecipients()[0].toString());
        }
        return to;
    }
}
