package uk.gov.paas.support.escalation.domain;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;

/** One level of an escalation policy: whom to page, and how long they have to acknowledge. */
@Embeddable
public class PolicyLevel {

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public LevelKind kind;

    @Column(name = "rota_id")
    public Long rotaId;

    /** Wire name of a {@link PersonRole}. */
    public String role;

    @Column(name = "ack_timeout_minutes", nullable = false)
    public int ackTimeoutMinutes;

    public PolicyLevel() {
    }

    public PolicyLevel(LevelKind kind, Long rotaId, String role, int ackTimeoutMinutes) {
        this.kind = kind;
        this.rotaId = rotaId;
        this.role = role;
        this.ackTimeoutMinutes = ackTimeoutMinutes;
    }
}
