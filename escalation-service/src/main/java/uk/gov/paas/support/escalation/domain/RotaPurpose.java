package uk.gov.paas.support.escalation.domain;

/** What routing uses a rota for: in hours pages go to the support rota, out of hours (P1) to the escalation rota. */
public enum RotaPurpose {
    SUPPORT,
    ESCALATION
}
