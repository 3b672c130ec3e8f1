package uk.gov.paas.support.escalation.domain;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The roles a person can hold in the directory; escalation levels and other services look people up by them. */
public enum PersonRole {
    HEAD_OF_RELIABILITY_ENGINEERING("head-of-reliability-engineering"),
    TECHOPS_PROGRAMME_DIRECTOR("techops-programme-director"),
    DIRECTOR_OF_PORTFOLIO_GROUP("director-of-portfolio-group"),
    INFORMATION_ASSURANCE("information-assurance"),
    PRODUCT_MANAGER("product-manager"),
    DELIVERY_MANAGER("delivery-manager"),
    TECHNICAL_ARCHITECT("technical-architect"),
    TECH_LEAD("tech-lead");

    private final String wire;

    PersonRole(String wire) {
        this.wire = wire;
    }

    /** The name in the API and the database, e.g. {@code head-of-reliability-engineering}. */
    public String wire() {
        return wire;
    }

    public static Optional<PersonRole> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.wire.equals(value)).findFirst();
    }

    /** For error messages: every valid name. */
    public static String valid() {
        return Arrays.stream(values()).map(PersonRole::wire).collect(Collectors.joining(", "));
    }
}
