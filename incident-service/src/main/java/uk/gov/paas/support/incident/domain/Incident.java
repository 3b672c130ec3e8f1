package uk.gov.paas.support.incident.domain;

import java.time.Instant;
import java.util.LinkedHashSet;
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
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import uk.gov.paas.support.kernel.calendar.SupportPeriod;
import uk.gov.paas.support.kernel.targets.Severity;

/** An incident and the deadlines in force, stored when each event happens, never recomputed from a tick. */
@Entity
@Table(name = "incident")
public class Incident extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String title;

    public String description;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Severity severity;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IncidentStatus status;

    @Column(name = "security_breach", nullable = false)
    public boolean securityBreach;

    @Column(name = "data_corruption_risk", nullable = false)
    public boolean dataCorruptionRisk;

    @Enumerated(EnumType.STRING)
    @Column(name = "source_kind", nullable = false)
    public SourceKind sourceKind;

    @Column(name = "source_ref")
    public String sourceRef;

    @Enumerated(EnumType.STRING)
    @Column(name = "period_at_declaration", nullable = false)
    public SupportPeriod periodAtDeclaration;

    @Column(name = "declared_at", nullable = false)
    public Instant declaredAt;

    @Column(name = "declared_by", nullable = false)
    public String declaredBy;

    /** The support period when the current targets' clock started (declaration, last update, severity change). */
    @Enumerated(EnumType.STRING)
    @Column(name = "targets_period", nullable = false)
    public SupportPeriod targetsPeriod;

    @Column(name = "targets_start", nullable = false)
    public Instant targetsStart;

    @Column(name = "respond_by", nullable = false)
    public Instant respondBy;

    @Column(name = "next_update_by", nullable = false)
    public Instant nextUpdateBy;

    /** When the comms person is reminded that the next update is due. */
    @Column(name = "reminder_at")
    public Instant reminderAt;

    @Column(name = "reminded_for")
    public Instant remindedFor;

    @Column(name = "missed_for")
    public Instant missedFor;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "lead_email")
    public String leadEmail;

    @Column(name = "lead_name")
    public String leadName;

    @Column(name = "comms_email")
    public String commsEmail;

    @Column(name = "comms_name")
    public String commsName;

    @Column(name = "first_update_at")
    public Instant firstUpdateAt;

    @Column(name = "response_met_at")
    public Instant responseMetAt;

    @Column(name = "resolved_at")
    public Instant resolvedAt;

    @Column(name = "resolved_by")
    public String resolvedBy;

    @Column(name = "agreed_by")
    public String agreedBy;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "incident_component", joinColumns = @JoinColumn(name = "incident_id"))
    @Column(name = "component_id")
    public Set<Long> componentIds = new LinkedHashSet<>();

    @Version
    public int version;

    public boolean open() {
        return status != IncidentStatus.RESOLVED;
    }
}
