package uk.gov.paas.support.escalation.intake;
public enum EventAction { TRIGGER, ACKNOWLEDGE, RESOLVE }
