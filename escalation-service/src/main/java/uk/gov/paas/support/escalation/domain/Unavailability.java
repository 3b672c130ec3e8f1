package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A period (leave, illness, travel) when a person must not be paged; escalation skips them at once. */
@Entity
@Table(name = "unavailability")
public class Unavailability extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "person_id", nullable = false)
    public Long personId;

    @Column(name = "from_at", nullable = false)
    public Instant from;

    @Column(name = "to_at", nullable = false)
    public Instant to;

    public String reason;

    public static List<Unavailability> ofPerson(long personId) {
        return list("personId = ?1 order by from", personId);
    }

    /** Of these people, the ones unavailable at {@code at}. */
    public static Set<Long> unavailableAt(Collection<Long> personIds, Instant at) {
        if (personIds.isEmpty()) {
            return Set.of();
        }
        return Unavailability.<Unavailability>list("personId in ?1 and from <= ?2 and to > ?2", personIds, at).stream()
                .map(u -> u.personId).collect(Collectors.toSet());
    }
}
