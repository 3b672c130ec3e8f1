package uk.gov.paas.support.incident.domain;

import java.io.Serializable;
import java.util.List;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A member of an incident's team (besides the lead and the comms person). */
@Entity
@Table(name = "incident_member")
@IdClass(IncidentMember.Key.class)
public class IncidentMember extends PanacheEntityBase {

    /** The composite key: one membership per incident and address. */
    public static class Key implements Serializable {
        public Long incidentId;
        public String email;

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k && java.util.Objects.equals(incidentId, k.incidentId) && java.util.Objects.equals(email, k.email);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(incidentId, email);
        }
    }

    @Id
    @Column(name = "incident_id")
    public Long incidentId;

    @Id
    public String email;

    @Column(nullable = false)
    public String name;

    public static List<IncidentMember> of(long incidentId) {
        return list("incidentId = ?1 order by email", incidentId);
    }
}
