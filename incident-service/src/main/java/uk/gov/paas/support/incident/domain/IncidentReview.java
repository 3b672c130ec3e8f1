package uk.gov.paas.support.incident.domain;

import java.time.Instant;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** The report and the no-blame review of a resolved incident, due within 7 days of resolution. */
@Entity
@Table(name = "incident_review")
public class IncidentReview extends PanacheEntityBase {

    @Id
    @Column(name = "incident_id")
    public Long incidentId;

    @Column(name = "due_by", nullable = false)
    public Instant dueBy;

    @Column(name = "next_reminder_at")
    public Instant nextReminderAt;

    @Column(name = "held_at")
    public Instant heldAt;

    /** Comma-separated "role: name" entries. */
    public String attendees;

    @Column(name = "report_markdown")
    public String reportMarkdown;

    @Column(name = "published_at")
    public Instant publishedAt;

    @Column(name = "publish_decision")
    public String publishDecision;

    @Column(name = "decided_by")
    public String decidedBy;
}
