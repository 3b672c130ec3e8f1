package uk.gov.paas.support.escalation.domain;

/** Who an escalation level pages. */
public enum LevelKind {
    /** Whoever is on call for the hour: the support rota in hours, the escalation rota out of hours. */
    ON_CALL,
    /** The on-call person of one named rota. */
    ROTA,
    /** Everyone in the directory holding a role (and available). */
    ROLE
}
