package uk.gov.paas.support.kernel.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** One email in the outbox table (created by each service's migrations from db/kernel). */
@Entity
@Table(name = "outbox_message")
public class OutboxMessage extends OutboxRow {

    @Column(name = "message_id", nullable = false, updatable = false)
    public String messageId;

    /** Comma-separated addresses. */
    @Column(nullable = false)
    public String recipients;

    @Column(nullable = false)
    public String subject;

    @Column(name = "text_body", nullable = false)
    public String textBody;

    @Column(name = "html_body")
    public String htmlBody;

    /** Extra headers, one {@code Name: value} a line. */
    public String headers;
}
