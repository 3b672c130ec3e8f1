package uk.gov.paas.support.escalation.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** An on-call rota as stored; {@link #plan()} gives the pure rule that says who is on call when. */
@Entity
@Table(name = "rota")
public class Rota extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String name;

    @Enumerated(EnumType.STRING)
    public RotaPurpose purpose;

    @Column(name = "start_date", nullable = false)
    public LocalDate startDate;

    @Enumerated(EnumType.STRING)
    @Column(name = "handoff_day", nullable = false)
    public DayOfWeek handoffDay;

    @Column(name = "handoff_time", nullable = false)
    public LocalTime handoffTime;

    @Column(name = "length_days", nullable = false)
    public int lengthDays;

    /** Person ids in rotation order; one person may appear more than once. */
    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "rota_member", joinColumns = @JoinColumn(name = "rota_id"))
    @OrderColumn(name = "position")
    @Column(name = "person_id")
    public List<Long> members = new ArrayList<>();

    /** The secret in the calendar feed's URL; replacing it revokes every subscription. */
    @Column(name = "calendar_token", nullable = false)
    public String calendarToken;

    /** When the next hand-over email is due; the hand-over job reads only rotas whose time has come. */
    @Column(name = "next_handoff_at")
    public Instant nextHandoffAt;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    @Version
    public int version;

    public RotaPlan plan() {
        return new RotaPlan(members, startDate, handoffDay, handoffTime, lengthDays);
    }

    public static Optional<Rota> forPurpose(RotaPurpose purpose) {
        return find("purpose", purpose).firstResultOptional();
    }

    public static Optional<Rota> byCalendarToken(String token) {
        return find("calendarToken", token).firstResultOptional();
    }
}
