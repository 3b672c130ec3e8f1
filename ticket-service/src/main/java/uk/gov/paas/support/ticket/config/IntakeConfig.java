package uk.gov.paas.support.ticket.config;

import java.util.List;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Settings of the email intake (POST /api/intake/email): who a sender belongs to, the subject tags, the size caps. */
@ConfigMapping(prefix = "support.intake")
public interface IntakeConfig {

    /**
     * The organisation of a sender's email domain, e.g. {@code support.intake.organisations."digital.example.gov.uk"=digital}.
     * A subdomain falls back to its parent's entry; a domain with no entry is its own organisation.
     */
    Map<String, String> organisations();

    /** The subject tag of an ordinary support email (removed from the ticket's subject). */
    @WithDefault("[PaaS Support]")
    String supportTag();

    /**
     * The subject tag of an emergency: a P1 ticket, a declared P1 incident and a page. Found anywhere in the subject,
     * in any case, on a new email or a reply alike.
     */
    @WithDefault("[PaaS Emergency Support]")
    String emergencyTag();

    /**
     * The emergency addresses: an email with any of them (any case) in its To, Cc, Delivered-To or X-Original-To
     * header is an emergency whatever its subject says. Env {@code EMERGENCY_ADDRESSES}, comma-separated.
     */
    @WithDefault("emergency@localhost")
    List<String> emergencyAddresses();

    /** A posted message larger than this (bytes, as received) is refused. */
    @WithDefault("10000000")
    int maxMessageBytes();

    /** A message whose text body is longer than this (characters) is refused: it is not a support request. */
    @WithDefault("100000")
    int maxBodyChars();
}
