package uk.gov.paas.support.incident.domain;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import io.quarkus.panache.common.Sort;

/** Part of the platform tenants see on the status page and subscribe to. */
@Entity
@Table(name = "component")
public class Component extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    public String description;

    @Column(nullable = false)
    public int position;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public ComponentState state = ComponentState.OPERATIONAL;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    public static List<Component> ordered() {
        return listAll(Sort.by("position", "id"));
    }
}
