package uk.gov.paas.support.escalation.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** Someone in the directory: who can be paged, how to reach them, what they may do. */
@Entity
@Table(name = "person")
public class Person extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Column(nullable = false)
    public String email;

    /** Shown only to admin and service callers. */
    public String phone;

    @Column(name = "production_access", nullable = false)
    public boolean productionAccess;

    /** Wire names of {@link PersonRole}. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "person_role", joinColumns = @JoinColumn(name = "person_id"))
    @Column(name = "role")
    public Set<String> roles = new LinkedHashSet<>();

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public static Optional<Person> byEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    public static List<Person> withRole(PersonRole role) {
        return find("select p from Person p join p.roles r where r = ?1 order by p.id", role.wire()).list();
    }

    public boolean hasRole(PersonRole role) {
        return roles.contains(role.wire());
    }
}
