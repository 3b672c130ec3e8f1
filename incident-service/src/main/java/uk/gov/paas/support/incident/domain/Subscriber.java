package uk.gov.paas.support.incident.domain;

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

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A status-page email subscriber: notified of public updates naming their components once confirmed. */
@Entity
@Table(name = "subscriber")
public class Subscriber extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String email;

    /** In the confirm and unsubscribe links; never the address. */
    @Column(nullable = false)
    public String token;

    @Column(name = "confirmed_at")
    public Instant confirmedAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "subscription", joinColumns = @JoinColumn(name = "subscriber_id"))
    @Column(name = "component_id")
    public Set<Long> componentIds = new LinkedHashSet<>();

    public static Optional<Subscriber> byToken(String token) {
        return find("token", token).firstResultOptional();
    }

    public static Optional<Subscriber> byEmail(String email) {
        return find("lower(email) = lower(?1)", email).firstResultOptional();
    }

    /** Confirmed subscribers of any of these components, each once. */
    public static List<Subscriber> confirmedFor(Set<Long> componentIds) {
        if (componentIds.isEmpty()) {
            return List.of();
        }
        return list("select distinct s from Subscriber s join s.componentIds c where c in ?1 and s.confirmedAt is not null order by s.id",
                componentIds);
    }
}
