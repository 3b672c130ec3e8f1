package uk.gov.paas.support.ticket.domain;

import java.time.Instant;
import java.util.Set;
import java.util.TreeSet;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Convert;
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
import uk.gov.paas.support.kernel.targets.Severity;

/**
 * A support ticket with its SLA clocks and the due times stored from them at each event (creation, priority change,
 * pause, resume, comment), never recomputed from a scheduler tick.
 */
@Entity
@Table(name = "ticket")
public class Ticket extends PanacheEntityBase {

    /** The scheduled status steps the scan takes by itself. */
    public enum StatusStep {
        PENDING_REMINDER, PENDING_CLOSE, AUTO_SOLVE, AUTO_CLOSE
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String subject;

    public String description;

    @Column(name = "requester_email", nullable = false)
    public String requesterEmail;

    @Column(name = "requester_name")
    public String requesterName;

    @Column(nullable = false)
    public String organisation;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Channel channel;

    @Enumerated(EnumType.STRING)
    public TicketType type;

    /** P1-P4, or null while untriaged. */
    @Enumerated(EnumType.STRING)
    public Severity priority;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public TicketStatus status;

    @Column(name = "group_name", nullable = false)
    public String group;

    public String assignee;

    @Column(name = "incident_id")
    public Long incidentId;

    @Column(name = "follow_up_of")
    public Long followUpOf;

    @Column(name = "backlog_card_url")
    public String backlogCardUrl;

    @Column(name = "backlog_tell_tenant", nullable = false)
    public boolean backlogTellTenant;

    @Column(name = "backlog_done_at")
    public Instant backlogDoneAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "created_by", nullable = false)
    public String createdBy;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Column(name = "status_changed_at", nullable = false)
    public Instant statusChangedAt;

    @Convert(converter = SlaTimerConverter.class)
    @Column(name = "first_response_sla")
    public SlaTimer firstResponse;

    @Column(name = "first_response_met_at")
    public Instant firstResponseMetAt;

    @Column(name = "first_response_due_at")
    public Instant firstResponseDueAt;

    @Column(name = "first_response_breached_at")
    public Instant firstResponseBreachedAt;

    @Convert(converter = SlaTimerConverter.class)
    @Column(name = "next_update_sla")
    public SlaTimer nextUpdate;

    @Column(name = "next_update_due_at")
    public Instant nextUpdateDueAt;

    @Column(name = "next_update_breached_at")
    public Instant nextUpdateBreachedAt;

    @Column(name = "sla_due_at")
    public Instant slaDueAt;

    @Enumerated(EnumType.STRING)
    @Column(name = "status_step")
    public StatusStep statusStep;

    @Column(name = "status_step_at")
    public Instant statusStepAt;

    @Column(name = "next_check_at")
    public Instant nextCheckAt;

    @Column(name = "thread_root")
    public String threadRoot;

    // a list's page loads its tickets' tags in one query, not one per 16 tickets (Quarkus's default batch size)
    @ElementCollection(fetch = FetchType.EAGER)
    @org.hibernate.annotations.BatchSize(size = uk.gov.paas.support.kernel.api.Paged.MAX_SIZE)
    @CollectionTable(name = "ticket_tag", joinColumns = @JoinColumn(name = "ticket_id"))
    @Column(name = "tag")
    public Set<String> tags = new TreeSet<>();

    @Version
    public int version;

    public boolean closed() {
        return status == TicketStatus.CLOSED;
    }
}
