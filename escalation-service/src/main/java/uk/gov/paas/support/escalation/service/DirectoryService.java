package uk.gov.paas.support.escalation.service;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.domain.PersonRole;
import uk.gov.paas.support.escalation.domain.Unavailability;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** The people directory: who can be paged, their roles, and when they must not be. */
@ApplicationScoped
@Transactional
public class DirectoryService {

    /** A person as written through the API. */
    public record PersonData(String name, String email, String phone, boolean productionAccess, List<String> roles) {
    }

    private final Clock clock;

    DirectoryService(Clock clock) {
        this.clock = clock;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Paged<Person> list(String role, String email, int page, int size) {
        StringBuilder where = new StringBuilder(" where 1 = 1");
        java.util.Map<String, Object> parameters = new java.util.HashMap<>();
        if (role != null) {
            where.append(" and :role member of p.roles");
            parameters.put("role", role(role, "role").wire());
        }
        if (email != null) {
            where.append(" and lower(p.email) = lower(:email)");
            parameters.put("email", email);
        }
        return Paged.find(Person.getEntityManager(), Person.class, "p", where.toString(), parameters, "p.id", page, size);
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<Person> find(long id) {
        return Person.findByIdOptional(id);
    }

    public Person create(PersonData data) {
        Instant now = clock.instant();
        Person person = new Person();
        person.createdAt = now;
        apply(person, data, now);
        person.persist();
        return person;
    }

    public Optional<Person> update(long id, PersonData data) {
        return Person.<Person>findByIdOptional(id).map(person -> {
            apply(person, data, clock.instant());
            return person;
        });
    }

    public Unavailability addUnavailability(long personId, Instant from, Instant to, String reason) {
        require(personId);
        if (!to.isAfter(from)) {
            throw ApiProblem.invalidField("to", "must be after from");
        }
        Unavailability period = new Unavailability();
        period.personId = personId;
        period.from = from;
        period.to = to;
        period.reason = reason;
        period.persist();
        return period;
    }

    public boolean removeUnavailability(long personId, long id) {
        require(personId);
        return Unavailability.delete("id = ?1 and personId = ?2", id, personId) > 0;
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Unavailability> unavailability(long personId) {
        return Unavailability.ofPerson(personId);
    }

    private void apply(Person person, PersonData data, Instant now) {
        Optional<Person> sameEmail = Person.byEmail(data.email());
        if (sameEmail.isPresent() && !sameEmail.get().id.equals(person.id)) {
            throw ApiProblem.conflict("Person " + sameEmail.get().id + " already has the email " + data.email());
        }
        LinkedHashSet<String> roles = new LinkedHashSet<>();
        List<String> given = data.roles() == null ? List.of() : data.roles();
        for (int i = 0; i < given.size(); i++) {
            roles.add(role(given.get(i), "roles[" + i + "]").wire());
        }
        person.name = data.name().strip();
        person.email = data.email().strip();
        person.phone = data.phone() == null || data.phone().isBlank() ? null : data.phone().strip();
        person.productionAccess = data.productionAccess();
        person.roles.clear();
        person.roles.addAll(new ArrayList<>(roles));
        person.updatedAt = now;
    }

    private static PersonRole role(String value, String field) {
        return PersonRole.parse(value).orElseThrow(() -> ApiProblem.invalidField(field,
                "'" + value + "' is not a role; roles are " + PersonRole.valid()));
    }

    private static void require(long personId) {
        if (Person.findById(personId) == null) {
            throw ApiProblem.notFound("There is no person " + personId);
        }
    }
}
