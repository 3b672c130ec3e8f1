package uk.gov.paas.support.ticket;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.kernel.outbox.OutboxRelay;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MailParts;
import uk.gov.paas.support.ticket.domain.Ticket;

/** Empties ticket-service's tables between tests, reads tickets as stored, and delivers what the outbox holds to the test SMTP server. */
@ApplicationScoped
public class TicketFixtures {

    @Inject
    EntityManager entityManager;
    @Inject
    OutboxRelay relay;

    public void reset() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> entityManager.createNativeQuery("""
                truncate sla_breach, idempotent_request, suspended_mail, ticket_message, ticket_event, ticket_comment, ticket_tag, ticket,
                         outbox_message, outbox_call, inbox_item cascade
                """).executeUpdate());
    }

    /** The ticket as stored now. */
    public Ticket stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Ticket.<Ticket>findById(id));
    }

    /** Sends what the outbox holds to the test SMTP server, then returns everything it has received. */
    public MimeMessage[] deliver() {
        relay.relayDue();
        return GreenMailTestResource.greenMail().getReceivedMessages();
    }

    /** The outbox's idempotency keys, oldest first. */
    @SuppressWarnings("unchecked")
    public List<String> keys() {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(entityManager.createNativeQuery(
                "select idempotency_key from outbox_message order by id").getResultList()));
    }

    /** An email's plain-text part (the templates send text and HTML). */
    public static String text(MimeMessage message) throws Exception {
        return MailParts.text(message);
    }

    /** The outbox's emails as (recipients, subject) lines, oldest first, without sending them. */
    @SuppressWarnings("unchecked")
    public List<String> queued() {
        return QuarkusTransaction.requiringNew().call(() -> new ArrayList<>(entityManager.createNativeQuery(
                "select recipients || ' | ' || subject from outbox_message order by id").getResultList()));
    }
}
