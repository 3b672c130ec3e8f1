package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.panache.common.Sort;
import uk.gov.paas.support.escalation.config.EscalationConfig;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.Shift;
import uk.gov.paas.support.escalation.mail.PageMails;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.work.DueWork;

/**
 * At each rota handoff, emails whoever comes on call the pages still open. Reads only rotas whose handoff is due
 * (partial index on {@code next_handoff_at}), each claimed with SKIP LOCKED, so replicas never send it twice; the
 * email's idempotency key (rota and handoff instant) makes a retry harmless too. After downtime only the latest
 * handoff is announced: an hours-old hand-over note would mislead.
 */
@ApplicationScoped
public class HandoverService {

    private final Clock clock;
    private final OnCallService onCall;
    private final Outbox outbox;
    private final PageMails mails;
    private final DueWork work;
    private final EscalationConfig config;

    HandoverService(Clock clock, OnCallService onCall, Outbox outbox, PageMails mails, DueWork work, EscalationConfig config) {
        this.clock = clock;
        this.onCall = onCall;
        this.outbox = outbox;
        this.mails = mails;
        this.work = work;
        this.config = config;
    }

    /** Sends every due hand-over note; returns how many rotas it handled. */
    public int sendDue() {
        return work.handleEach("Hand-over scan", """
                select id from rota where next_handoff_at <= :now order by next_handoff_at limit 1 for update skip locked
                """, config.batchSize(), this::handleOne);
    }

    private void handleOne(long id, Instant now) {
        Rota rota = Rota.findById(id);
        List<Instant> handoffs = onCallHandoffs(rota, now);
        Instant handoff = handoffs.isEmpty() ? rota.nextHandoffAt : handoffs.get(handoffs.size() - 1);
        Optional<Shift> shift = onCall.onCallAt(rota, handoff);
        if (shift.isPresent()) {
            Person person = Person.findById(shift.get().personId());
            if (person != null) {
                List<Page> open = Page.list("status <> ?1", Sort.ascending("openedAt", "id"), PageStatus.RESOLVED);
                Instant shiftEnd = onCall.nextHandoff(rota, handoff).orElse(null);
                outbox.enqueue(mails.handover(rota.id, rota.name, person, handoff, shiftEnd, open));
            }
        }
        rota.nextHandoffAt = onCall.nextHandoff(rota, now).orElse(null);
    }

    private List<Instant> onCallHandoffs(Rota rota, Instant now) {
        return onCall.handoffsBetween(rota, rota.nextHandoffAt.minusSeconds(1), now);
    }
}
