package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.EscalationPolicy;
import uk.gov.paas.support.escalation.domain.LevelKind;
import uk.gov.paas.support.escalation.domain.PersonRole;
import uk.gov.paas.support.escalation.domain.PolicyLevel;
import uk.gov.paas.support.escalation.domain.Rota;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** Escalation policies: ordered levels, each with an acknowledgement timeout, and how often to walk them again. */
@ApplicationScoped
@Transactional
public class PolicyService {

    public record LevelData(LevelKind kind, Long rotaId, String role, int ackTimeoutMinutes) {
    }

    public record PolicyData(String name, int repeatCount, boolean isDefault, List<LevelData> levels) {
    }

    private final Clock clock;

    PolicyService(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<EscalationPolicy> list() {
        return EscalationPolicy.listAll(io.quarkus.panache.common.Sort.by("id"));
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<EscalationPolicy> find(long id) {
        return EscalationPolicy.findByIdOptional(id);
    }

    public EscalationPolicy create(PolicyData data) {
        EscalationPolicy policy = new EscalationPolicy();
        policy.createdAt = clock.instant();
        apply(policy, data);
        policy.persist();
        return policy;
    }

    public Optional<EscalationPolicy> update(long id, PolicyData data) {
        return EscalationPolicy.<EscalationPolicy>findByIdOptional(id).map(policy -> {
            apply(policy, data);
            return policy;
        });
    }

    private void apply(EscalationPolicy policy, PolicyData data) {
        Optional<EscalationPolicy> sameName = EscalationPolicy.find("name", data.name().strip()).firstResultOptional();
        if (sameName.isPresent() && !sameName.get().id.equals(policy.id)) {
            throw ApiProblem.conflict("Policy " + sameName.get().id + " is already called '" + data.name().strip() + "'");
        }
        for (int i = 0; i < data.levels().size(); i++) {
            LevelData level = data.levels().get(i);
            String field = "levels[" + i + "]";
            switch (level.kind()) {
                case ON_CALL -> {
                    if (level.rotaId() != null || level.role() != null) {
                        throw ApiProblem.invalidField(field, "an ON_CALL level names neither rotaId nor role: it pages whoever routing picks");
                    }
                }
                case ROTA -> {
                    if (level.rotaId() == null || level.role() != null) {
                        throw ApiProblem.invalidField(field + ".rotaId", "a ROTA level names a rotaId and no role");
                    }
                    if (Rota.findById(level.rotaId()) == null) {
                        throw ApiProblem.invalidField(field + ".rotaId", "there is no rota " + level.rotaId());
                    }
                }
                case ROLE -> {
                    if (level.role() == null || level.rotaId() != null) {
                        throw ApiProblem.invalidField(field + ".role", "a ROLE level names a role and no rotaId");
                    }
                    if (PersonRole.parse(level.role()).isEmpty()) {
                        throw ApiProblem.invalidField(field + ".role", "'" + level.role() + "' is not a role; roles are " + PersonRole.valid());
                    }
                }
            }
        }
        Instant now = clock.instant();
        if (data.isDefault() && !policy.isDefault) {
            EscalationPolicy.update("isDefault = false where isDefault = true");
            EscalationPolicy.flush();
        }
        policy.name = data.name().strip();
        policy.repeatCount = data.repeatCount();
        policy.isDefault = data.isDefault() || policy.isDefault;
        policy.levels.clear();
        data.levels().forEach(l -> policy.levels.add(new PolicyLevel(l.kind(), l.rotaId(), l.role(), l.ackTimeoutMinutes())));
        policy.updatedAt = now;
    }
}
