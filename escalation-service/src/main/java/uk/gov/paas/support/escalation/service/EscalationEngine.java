package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import uk.gov.paas.support.escalation.config.EscalationConfig;
import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageLogEntry;
import uk.gov.paas.support.escalation.domain.PageLogEntry.Kind;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.PersonRole;
import uk.gov.paas.support.escalation.domain.PolicyLevel;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.Shift;
import uk.gov.paas.support.escalation.domain.Unavailability;
import uk.gov.paas.support.escalation.mail.PageMails;
import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.kernel.targets.Targets;
import uk.gov.paas.support.kernel.targets.TargetsTable;

/**
 * Walks a page through its policy: notify the current level, and when its acknowledgement timeout passes, the
 * next. A level with nobody available is skipped at once. P2-P4 out of hours wait for the next opening (the
 * targets table says they are not worked then). Every step goes in the page's log.
 */
@ApplicationScoped
public class EscalationEngine {

    private static final Logger LOG = Logger.getLogger(EscalationEngine.class);

    private final Clock clock;
    private final TargetsTable targets;
    private final OnCallService onCall;
    private final Outbox outbox;
    private final PageMails mails;
    private final AckLinks ackLinks;
    private final PageMetrics metrics;
    private final DueWork work;
    private final EscalationConfig config;

    EscalationEngine(Clock clock, TargetsTable targets, OnCallService onCall, Outbox outbox, PageMails mails, AckLinks ackLinks,
            PageMetrics metrics, DueWork work, EscalationConfig config) {
        this.clock = clock;
        this.targets = targets;
        this.onCall = onCall;
        this.outbox = outbox;
        this.mails = mails;
        this.ackLinks = ackLinks;
        this.metrics = metrics;
        this.work = work;
        this.config = config;
    }

    /** Whom a level reaches now, or why nobody. */
    record Reach(List<Person> people, String description, String nobodyBecause) {
    }

    /**
     * Handles every page whose due time has come: each claimed alone with {@code FOR UPDATE SKIP LOCKED} in its own
     * transaction, so two replicas (or threads) never handle the same one and one failure stops no other page.
     * Reads only due rows (partial index {@code page_due}). Returns how many it handled.
     */
    public int escalateDue() {
        return work.handleEach("Escalation scan", """
                select id from page
                where due_at <= :now and status in ('WAITING', 'TRIGGERED')
                order by due_at
                limit 1
                for update skip locked
                """, config.batchSize(), this::handleDue);
    }

    private void handleDue(long id, Instant now) {
        Page page = Page.findById(id);
        if (page.status == PageStatus.WAITING) {
            PageLogEntry.write(page, now, Kind.DELIVERED, page.level + 1,
                    null, "Support hours opened: delivering the page that waited since " + mails.when(page.openedAt));
            notifyFrom(page, now, "This page waited: it was raised " + mails.when(page.openedAt) + ", out of hours, when "
                    + page.severity.name() + " (" + targets.row(page.severity).aka() + ") is not worked.");
        } else {
            EscalationPolicy policy = EscalationPolicy.findById(page.policyId);
            clampLevel(page, policy);
            PolicyLevel level = policy.levels.get(page.level);
            PageLogEntry.write(page, now, Kind.ESCALATED, page.level + 1, null,
                    "Level " + (page.level + 1) + " did not acknowledge within " + level.ackTimeoutMinutes + " minutes");
            metrics.escalated();
            if (advance(page, policy, now)) {
                notifyFrom(page, now, null);
            } else {
                exhaust(page, policy, now);
            }
        }
    }

    /** Starts a new page, in the caller's transaction: notify level 1 now, or wait for hours. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void start(Page page, Instant now) {
        notifyFrom(page, now, null);
    }

    /** Notifies the page's current level, skipping levels with nobody available, or parks the page until hours open. */
    private void notifyFrom(Page page, Instant now, String waitedNote) {
        Targets now_ = targets.targets(page.severity, now);
        if (!now_.worked()) {
            page.status = PageStatus.WAITING;
            page.dueAt = now_.clockStartsAt();
            String because = page.severity.name() + " (" + now_.aka() + ") is not worked out of hours, so nobody is woken: level "
                    + (page.level + 1) + " is paged when support hours open, " + mails.when(page.dueAt)
                    + (page.gradedBecause == null ? "" : ". It is " + page.severity.name() + " because " + page.gradedBecause);
            PageLogEntry.write(page, now, Kind.WAITING, page.level + 1, null, because);
            LOG.infof("Page %d waits for support hours: %s", page.id, because);
            return;
        }
        page.status = PageStatus.TRIGGERED;
        EscalationPolicy policy = EscalationPolicy.findById(page.policyId);
        clampLevel(page, policy);
        int levels = policy.levels.size();
        for (int tries = 0; tries < levels * (policy.repeatCount + 1); tries++) {
            PolicyLevel level = policy.levels.get(page.level);
            Reach reach = reach(level, now);
            if (!reach.people().isEmpty()) {
                for (Person person : reach.people()) {
                    Instant expires = now.plus(config.ackLinks().validity());
                    outbox.enqueue(mails.notice(page, person, reach.description(), page.level + 1, levels, policy.repeatCount + 1,
                            level.ackTimeoutMinutes, now, ackLinks.link(page.id, person.id, now), expires, waitedNote));
                    PageLogEntry.write(page, now, Kind.NOTIFIED, page.level + 1, person.id,
                            "Emailed " + person.name + " <" + person.email + "> (" + reach.description() + "); acknowledge within "
                                    + level.ackTimeoutMinutes + " minutes");
                    metrics.notified();
                }
                page.dueAt = now.plusSeconds(60L * level.ackTimeoutMinutes);
                return;
            }
            PageLogEntry.write(page, now, Kind.SKIPPED, page.level + 1, null,
                    "Level " + (page.level + 1) + " skipped at once: " + reach.nobodyBecause());
            if (!advance(page, policy, now)) {
                break;
            }
        }
        exhaust(page, policy, now);
    }

    /** A policy edited to fewer levels while a page was on a later one: carry on from its last level. */
    private static void clampLevel(Page page, EscalationPolicy policy) {
        if (page.level >= policy.levels.size()) {
            page.level = policy.levels.size() - 1;
        }
    }

    /** Moves to the next level, or to the first level of the next round; false when the policy is used up. */
    private static boolean advance(Page page, EscalationPolicy policy, Instant now) {
        if (page.level + 1 < policy.levels.size()) {
            page.level++;
            return true;
        }
        if (page.round < policy.repeatCount) {
            page.round++;
            page.level = 0;
            PageLogEntry.write(page, now, Kind.REPEATED, 1, null,
                    "Every level was tried: starting round " + (page.round + 1) + " of " + (policy.repeatCount + 1));
            return true;
        }
        return false;
    }

    private void exhaust(Page page, EscalationPolicy policy, Instant now) {
        page.dueAt = null;
        PageLogEntry.write(page, now, Kind.EXHAUSTED, null, null, "Nobody left to page after " + (policy.repeatCount + 1)
                + " round(s) of '" + policy.name + "'; the page stays open until someone acknowledges or resolves it");
        metrics.exhausted();
        LOG.warnf("Page %d (%s) has nobody left to page under policy '%s'", page.id, page.severity.name(), policy.name);
    }

    /** Who a level reaches at {@code now}: the available on-call person of a rota, or the available holders of a role. */
    Reach reach(PolicyLevel level, Instant now) {
        return switch (level.kind) {
            case ON_CALL -> {
                String purpose = onCall.routedPurpose(now).name().toLowerCase();
                yield onCall.routedRota(now).map(rota -> onCallOf(rota, now))
                        .orElse(new Reach(List.of(), "on call", "no " + purpose + " rota is set up"));
            }
            case ROTA -> Optional.ofNullable(Rota.<Rota>findById(level.rotaId)).map(rota -> onCallOf(rota, now))
                    .orElse(new Reach(List.of(), "rota #" + level.rotaId, "rota #" + level.rotaId + " no longer exists"));
            case ROLE -> holdersOf(level.role, now);
        };
    }

    private Reach onCallOf(Rota rota, Instant now) {
        String description = "on call for " + rota.name;
        Optional<Shift> shift = onCall.onCallAt(rota, now);
        if (shift.isEmpty()) {
            return new Reach(List.of(), description, "nobody is on call for " + rota.name + " now");
        }
        Person person = Person.findById(shift.get().personId());
        if (person == null) {
            return new Reach(List.of(), description, "the person on call for " + rota.name + " is no longer in the directory");
        }
        if (!Unavailability.unavailableAt(List.of(person.id), now).isEmpty()) {
            return new Reach(List.of(), description, person.name + " (on call for " + rota.name + ") is marked unavailable");
        }
        return new Reach(List.of(person), description, null);
    }

    private Reach holdersOf(String role, Instant now) {
        String description = PersonRole.parse(role).map(r -> r.wire().replace('-', ' ')).orElse(role);
        List<Person> holders = PersonRole.parse(role).map(Person::withRole).orElse(List.of());
        if (holders.isEmpty()) {
            return new Reach(List.of(), description, "nobody in the directory is " + description);
        }
        Set<Long> away = Unavailability.unavailableAt(holders.stream().map(p -> p.id).toList(), now);
        List<Person> available = new ArrayList<>(holders.stream().filter(p -> !away.contains(p.id)).toList());
        if (available.isEmpty()) {
            return new Reach(List.of(), description, "every " + description + " is marked unavailable ("
                    + holders.stream().map(p -> p.name).collect(Collectors.joining(", ")) + ")");
        }
        return new Reach(available, description, null);
    }
}
