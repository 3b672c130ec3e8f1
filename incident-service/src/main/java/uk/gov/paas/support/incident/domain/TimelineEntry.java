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

/** One entry of an incident's append-only timeline: what people did and what the service did by itself. */
@Entity
@Table(name = "timeline_entry")
public class TimelineEntry extends PanacheEntityBase {

    /** Kinds people write, then kinds the service writes. */
    public enum Kind {
        ACTION, PRODUCTION_CHANGE, DECISION, COMMS, NOTE,
        DECLARED, TEAM, TENANT_UPDATE, SEVERITY_CHANGE, REMINDER, MISSED_UPDATE, PAGE, SECURITY_NOTICE, RESOLVED, REVIEW;

        /** The kinds a person may add through the API. */
        public boolean written() {
            return ordinal() <= NOTE.ordinal();
        }
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "incident_id", nullable = false, updatable = false)
    public Long incidentId;

    @Column(nullable = false, updatable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, updatable = false)
    public Kind kind;

    @Column(nullable = false, updatable = false)
    public String author;

    @Column(nullable = false, updatable = false)
    public String text;

    public static TimelineEntry add(long incidentId, Instant at, Kind kind, String author, String text) {
        TimelineEntry entry = new TimelineEntry();
        entry.incidentId = incidentId;
        entry.at = at;
        entry.kind = kind;
        entry.author = author;
        entry.text = text.length() > 10_000 ? text.substring(0, 9_997) + "..." : text;
        entry.persist();
        return entry;
    }

    public static List<TimelineEntry> of(long incidentId) {
        return list("incidentId = ?1 order by id", incidentId);
    }
}
