package uk.gov.paas.support.escalation.service;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.escalation.domain.RotaOverrideEntry;
import uk.gov.paas.support.escalation.domain.RotaPlan;
import uk.gov.paas.support.escalation.domain.RotaPurpose;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** Rotas, their overrides and their calendar feeds. */
@ApplicationScoped
@Transactional
public class RotaService {

    /** A rota as written through the API. */
    public record RotaData(String name, RotaPurpose purpose, List<Long> members, LocalDate startDate, DayOfWeek handoffDay,
            LocalTime handoffTime, int lengthDays) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;
    private final OnCallService onCall;

    RotaService(Clock clock, OnCallService onCall) {
        this.clock = clock;
        this.onCall = onCall;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Rota> list() {
        return Rota.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Rota> find(long id) {
        return Rota.findByIdOptional(id);
    }

    public Rota create(RotaData data) {
        Rota rota = new Rota();
        rota.createdAt = clock.instant();
        rota.calendarToken = newToken();
        apply(rota, data);
        rota.persist();
        return rota;
    }

    public Optional<Rota> update(long id, RotaData data) {
        return Rota.<Rota>findByIdOptional(id).map(rota -> {
            apply(rota, data);
            return rota;
        });
    }

    public RotaOverrideEntry addOverride(long rotaId, long personId, Instant from, Instant to, String reason) {
        require(rotaId);
        if (Person.findById(personId) == null) {
            throw ApiProblem.invalidField("personId", "there is no person " + personId);
        }
        if (!to.isAfter(from)) {
            throw ApiProblem.invalidField("to", "must be after from");
        }
        RotaOverrideEntry entry = new RotaOverrideEntry();
        entry.rotaId = rotaId;
        entry.personId = personId;
        entry.from = from;
        entry.to = to;
        entry.reason = reason;
        entry.createdAt = clock.instant();
        entry.persist();
        return entry;
    }

    /** Removes an override, keeping it on record with who removed it and why; false when the rota has no such override (left). */
    public boolean removeOverride(long rotaId, long overrideId, String reason, String by) {
        require(rotaId);
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.invalidField("reason", "must not be blank");
        }
        Optional<RotaOverrideEntry> entry = RotaOverrideEntry.find("id = ?1 and rotaId = ?2", overrideId, rotaId).firstResultOptional();
        entry.ifPresent(found -> {
            found.removedAt = clock.instant();
            found.removedBy = by;
            found.removedReason = reason.strip();
        });
        return entry.isPresent();
    }

    /** A new secret for the calendar feed; the old URL stops working at once. */
    public Optional<Rota> rotateCalendarToken(long rotaId) {
        return Rota.<Rota>findByIdOptional(rotaId).map(rota -> {
            rota.calendarToken = newToken();
            rota.updatedAt = clock.instant();
            return rota;
        });
    }

    private void apply(Rota rota, RotaData data) {
        Optional<Rota> sameName = Rota.find("name", data.name().strip()).firstResultOptional();
        if (sameName.isPresent() && !sameName.get().id.equals(rota.id)) {
            throw ApiProblem.conflict("Rota " + sameName.get().id + " is already called '" + data.name().strip() + "'");
        }
        if (data.purpose() != null) {
            Optional<Rota> samePurpose = Rota.forPurpose(data.purpose());
            if (samePurpose.isPresent() && !samePurpose.get().id.equals(rota.id)) {
                throw ApiProblem.conflict("Rota " + samePurpose.get().id + " is already the " + data.purpose().name().toLowerCase()
                        + " rota; there is one of each");
            }
        }
        for (int i = 0; i < data.members().size(); i++) {
            if (Person.findById(data.members().get(i)) == null) {
                throw ApiProblem.invalidField("members[" + i + "]", "there is no person " + data.members().get(i));
            }
        }
        RotaPlan plan;
        try {
            plan = new RotaPlan(data.members(), data.startDate(), data.handoffDay(), data.handoffTime(), data.lengthDays());
        } catch (IllegalArgumentException e) {
            String message = e.getMessage();
            int colon = message.indexOf(':');
            throw colon > 0 ? ApiProblem.invalidField(message.substring(0, colon), message.substring(colon + 1).strip())
                    : ApiProblem.badRequest(message);
        }
        rota.name = data.name().strip();
        rota.purpose = data.purpose();
        rota.members.clear();
        rota.members.addAll(plan.members());
        rota.startDate = plan.startDate();
        rota.handoffDay = plan.handoffDay();
        rota.handoffTime = plan.handoffTime();
        rota.lengthDays = plan.lengthDays();
        Instant now = clock.instant();
        rota.updatedAt = now;
        rota.nextHandoffAt = onCall.nextHandoff(rota, now).orElse(null);
    }

    private static void require(long rotaId) {
        if (Rota.findById(rotaId) == null) {
            throw ApiProblem.notFound("There is no rota " + rotaId);
        }
    }

    private static String newToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
