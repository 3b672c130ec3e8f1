package uk.gov.paas.support.escalation.service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaOverrideEntry;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.escalation.domain.RotaSchedule;
import uk.gov.paas.support.escalation.domain.Shift;
import uk.gov.paas.support.kernel.calendar.SupportCalendar;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;

/** Who is on call: a stored rota and its overrides, asked through the pure {@link RotaSchedule} rule. */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class OnCallService {

    private final SupportCalendar calendar;

    OnCallService(SupportCalendar calendar) {
        this.calendar = calendar;
    }

    public SupportCalendar calendar() {
        return calendar;
    }

    /** Rota handoff instants in (from, to]: the plan's shift starts, not override boundaries. */
    public List<Instant> handoffsBetween(Rota rota, Instant fromExclusive, Instant toInclusive) {
        return new RotaSchedule(rota.plan(), List.of(), calendar).handoffsBetween(fromExclusive, toInclusive);
    }

    public Optional<Shift> onCallAt(Rota rota, Instant at) {
        return schedule(rota, at, at.plusSeconds(1)).onCallAt(at);
    }

    /** The shift covering {@code from} and the ones after it, overrides included. */
    public List<Shift> shifts(Rota rota, Instant from, int count) {
        return schedule(rota, from, Instant.MAX).shifts(from, count);
    }

    public List<Shift> shiftsBetween(Rota rota, Instant from, Instant to) {
        return schedule(rota, from, to).shiftsBetween(from, to);
    }

    public Optional<Instant> nextHandoff(Rota rota, Instant after) {
        return schedule(rota, after, after).nextHandoff(after);
    }

    /** Routing: in hours pages go to the support rota, out of hours to the escalation rota. */
    public Optional<Rota> routedRota(Instant at) {
        return Rota.forPurpose(routedPurpose(at));
    }

    public RotaPurpose routedPurpose(Instant at) {
        return calendar.periodAt(at) == SupportPeriod.IN_HOURS ? RotaPurpose.SUPPORT : RotaPurpose.ESCALATION;
    }

    private RotaSchedule schedule(Rota rota, Instant from, Instant to) {
        List<uk.gov.paas.support.escalation.domain.RotaOverride> overrides = rota.id == null ? List.of() : (to.equals(Instant.MAX)
                ? RotaOverrideEntry.<RotaOverrideEntry>list("rotaId = ?1 and to > ?2 order by id", rota.id, from)
                : RotaOverrideEntry.overlapping(rota.id, from, to))
                .stream().map(RotaOverrideEntry::toRule).toList();
        return new RotaSchedule(rota.plan(), overrides, calendar);
    }
}
