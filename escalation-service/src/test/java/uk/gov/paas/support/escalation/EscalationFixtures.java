package uk.gov.paas.support.escalation;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import io.quarkus.narayana.jta.QuarkusTransaction;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.service.DirectoryService;
import uk.gov.paas.support.escalation.service.DirectoryService.PersonData;
import uk.gov.paas.support.escalation.service.RotaService;
import uk.gov.paas.support.escalation.service.RotaService.RotaData;
import uk.gov.paas.support.kernel.outbox.OutboxRelay;
import uk.gov.paas.support.kernel.testing.GreenMailTestResource;
import uk.gov.paas.support.kernel.testing.MailParts;
import uk.gov.paas.support.kernel.testing.MutableClock;

/** Builds the directory and rotas a test needs, empties everything between tests, and reads what was emailed. */
@ApplicationScoped
public class EscalationFixtures {

    @Inject
    EntityManager entityManager;
    @Inject
    DirectoryService directory;
    @Inject
    RotaService rotas;
    @Inject
    OutboxRelay relay;
    @Inject
    MutableClock clock;
    @Inject
    uk.gov.paas.support.kernel.outbox.Inbox inbox;

    public static final String SHIPPED_POLICY = "Default: on call, then heads, then director";

    /** Empties every table but the shipped default policy, and the test mailbox. */
    public void reset() {
        GreenMailTestResource.startSmtp();
        QuarkusTransaction.requiringNew().run(() -> {
            entityManager.createNativeQuery("""
                    truncate page_log, idempotent_request, page, routing_key, rota_override, rota_member, unavailability,
                             person_role, outbox_message, outbox_call, inbox_item cascade
                    """).executeUpdate();
            // back to the one policy the migration ships, as the default (a test may have made another the default)
            entityManager.createNativeQuery("delete from escalation_policy where name <> :shipped").setParameter("shipped", SHIPPED_POLICY)
                    .executeUpdate();
            entityManager.createNativeQuery("update escalation_policy set is_default = true").executeUpdate();
            entityManager.createNativeQuery("delete from rota").executeUpdate();
            entityManager.createNativeQuery("delete from person").executeUpdate();
        });
    }

    public Person person(String name, String email, boolean productionAccess, String... roles) {
        return QuarkusTransaction.requiringNew().call(() -> directory.create(new PersonData(name, email, "+44 7700 900123", productionAccess, List.of(roles))));
    }

    public void unavailable(Person person, Instant from, Instant to) {
        QuarkusTransaction.requiringNew().run(() -> directory.addUnavailability(person.id, from, to, "leave"));
    }

    /** A weekly rota handing off Mondays at 09:00 London, starting on the given Monday. */
    public Rota weeklyRota(String name, RotaPurpose purpose, LocalDate startMonday, Person... members) {
        return QuarkusTransaction.requiringNew().call(() -> rotas.create(new RotaData(name, purpose,
                java.util.Arrays.stream(members).map(p -> p.id).toList(), startMonday, DayOfWeek.MONDAY, LocalTime.of(9, 0), 7)));
    }

    /**
     * Processes what the intake stored (Events API v2 events answered 202), as the inbox worker does moments after the
     * answer (tests run without its wake-up and sweep); returns how many items were processed.
     */
    public int intake() {
        return inbox.processDue();
    }

    /** Processes the inbox, sends what the outbox holds to the test SMTP server, then returns everything it has received. */
    public MimeMessage[] deliver() {
        intake();
        relay.relayDue();
        return GreenMailTestResource.greenMail().getReceivedMessages();
    }

    /** Runs {@code action}, delivers, and returns the recipients of the emails that arrived meanwhile (GreenMail lists by mailbox, not by time). */
    public List<String> newRecipients(Runnable action) throws Exception {
        java.util.Set<String> before = new java.util.HashSet<>();
        for (MimeMessage m : GreenMailTestResource.greenMail().getReceivedMessages()) {
            before.add(m.getMessageID());
        }
        action.run();
        List<String> to = new ArrayList<>();
        for (MimeMessage m : deliver()) {
            if (!before.contains(m.getMessageID())) {
                to.add(m.getAllRecipients()[0].toString());
            }
        }
        return to;
    }

    public static List<String> recipients(MimeMessage[] messages) throws Exception {
        List<String> to = new ArrayList<>();
        for (MimeMessage message : messages) {
            to.add(message.getAllRecipients()[0].toString());
        }
        return to;
    }

    /** The plain-text part of an email. */
    public static String text(MimeMessage message) throws Exception {
        return MailParts.text(message);
    }

    /** The acknowledgement link as the email carries it: the test follows it, never builds it. */
    public static String ackLink(MimeMessage message) throws Exception {
        Matcher m = Pattern.compile("https?://\\S+/ack/\\S+").matcher(text(message));
        if (!m.find()) {
            throw new AssertionError("no acknowledgement link in:\n" + text(message));
        }
        return m.group();
    }

    public static String path(String url) {
        return java.net.URI.create(url).getRawPath();
    }

    public Rota refreshed(Rota rota) {
        return QuarkusTransaction.requiringNew().call(() -> Rota.<Rota>findById(rota.id));
    }
}
