package uk.gov.paas.support.incident.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An update published about an incident: public ones are emailed to the components' subscribers and shown on the status page. */
@Entity
@Table(name = "tenant_update")
public class TenantUpdate extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id", nullable = false)
    public Long incidentId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public UpdateTemplate template;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;

    @Column(nullable = false)
    public String title;

    @Column(nullable = false)
    public String body;

    /** Internal updates go to nobody and are not on the status page. */
    @Column(nullable = false)
    public boolean internal;

    @Enumerated(EnumType.STRING)
    @Column(name = "component_state")
    public ComponentState componentState;

    @Column(name = "published_at", nullable = false)
    public Instant publishedAt;

    @Column(nullable = false)
    public String author;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "tenant_update_component", joinColumns = @JoinColumn(name = "update_id"))
    @Column(name = "component_id")
    public Set<Long> componentIds = new LinkedHashSet<>();

    public static List<TenantUpdate> of(long incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }

    public static List<TenantUpdate> publicOf(long incidentId) {
        return list("incidentId = ?1 and internal = false order by id", incidentId);
    }
}
