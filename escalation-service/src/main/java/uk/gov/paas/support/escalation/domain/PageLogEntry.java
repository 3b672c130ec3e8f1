package uk.gov.paas.support.escalation.domain;

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

/** One step in a page's life, in the order it happened. */
@Entity
@Table(name = "page_log")
public class PageLogEntry extends PanacheEntityBase {

    /** What happened. */
    public enum Kind {
        OPENED, WAITING, DELIVERED, NOTIFIED, SKIPPED, ESCALATED, REPEATED, EXHAUSTED, OCCURRENCE, ACKNOWLEDGED, RESOLVED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(name = "page_id", nullable = false)
    public Long pageId;

    @Column(nullable = false)
    public Instant at;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public Kind kind;

    public Integer level;

    @Column(name = "person_id")
    public Long personId;

    @Column(nullable = false)
    public String detail;

    public static PageLogEntry write(Page page, Instant at, Kind kind, Integer level, Long personId, String detail) {
        PageLogEntry entry = new PageLogEntry();
        entry.pageId = page.id;
        entry.at = at;
        entry.kind = kind;
        entry.level = level;
        entry.personId = personId;
        entry.detail = detail.length() > 2000 ? detail.substring(0, 1997) + "..." : detail;
        entry.persist();
        return entry;
    }

    public static List<PageLogEntry> ofPage(long pageId) {
        return list("pageId = ?1 order by id", pageId);
    }
}
