package uk.gov.paas.support.escalation.intake;
public enum AlertSeverity { CRITICAL, ERROR, WARNING, INFO }
