package uk.gov.paas.support.incident.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.Subscriber;
import uk.gov.paas.support.incident.mail.IncidentMails;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** Status-page email subscriptions: subscribe (confirmation email), confirm, unsubscribe. */
@ApplicationScoped
@Transactional
public class Subscriptions {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final Outbox outbox;
    private final IncidentMails mails;

    Subscriptions(Clock clock, Outbox outbox, IncidentMails mails) {
        this.clock = clock;
        this.outbox = outbox;
        this.mails = mails;
    }

    /**
     * Records the wish and emails a confirm link; nothing is sent to the address until it is confirmed. Subscribing
     * again replaces the components; the answer is the same whether or not the address was known, so the route
     * tells nobody who subscribes.
     */
    public void subscribe(String email, List<Long> componentIds) {
        Set<Long> components = new LinkedHashSet<>();
        for (int i = 0; i < componentIds.size(); i++) {
            if (Component.findById(componentIds.get(i)) == null) {
                throw ApiProblem.invalidField("componentIds[" + i + "]", "there is no component " + componentIds.get(i));
            }
            components.add(componentIds.get(i));
        }
        Subscriber subscriber = Subscriber.byEmail(email.strip()).orElseGet(() -> {
            Subscriber s = new Subscriber();
            s.email = email.strip();
            s.token = newToken();
            s.createdAt = clock.instant();
            return s;
        });
        subscriber.componentIds.clear();
        subscriber.componentIds.addAll(components);
        subscriber.persistAndFlush();
        List<String> names = Component.<Component>list("id in ?1", components).stream().map(c -> c.name).toList();
        outbox.enqueue(mails.confirm(subscriber, names, clock.instant()));
    }

    public Optional<Subscriber> confirm(String token) {
        return Subscriber.byToken(token).map(s -> {
            if (s.confirmedAt == null) {
                s.confirmedAt = clock.instant();
            }
            return s;
        });
    }

    public boolean unsubscribe(String token) {
        return Subscriber.delete("token", token) > 0;
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
