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
     * A subdomain falls back to its parent's entry. A domain with no entry is no organisation: each of its senders is
     * only their own requester. A public mail domain here refuses start-up.
     */
    Map<String, String> organisations();

    /**
     * The organisation of single sender addresses, e.g. {@code support.intake.organisation-addresses."jo@gmail.com"=acme}
     * (any case); an address entry wins over its domain's. The way to place someone who writes from a public domain.
     */
    Map<String, String> organisationAddresses();

    /**
     * Public mail providers' domains: never an organisation (a subdomain of one neither). The list replaces the default
     * as a whole. Env {@code SUPPORT_INTAKE_PUBLIC_DOMAINS}, comma-separated.
     */
    @WithDefault("gmail.com,googlemail.com,outlook.com,outlook.co.uk,hotmail.com,hotmail.co.uk,live.com,live.co.uk,msn.com,"
            + "yahoo.com,yahoo.co.uk,ymail.com,rocketmail.com,icloud.com,me.com,mac.com,aol.com,aol.co.uk,protonmail.com,"
            + "protonmail.ch,proton.me,pm.me,gmx.com,gmx.net,gmx.co.uk,mail.com,yandex.com,yandex.ru,zoho.com,btinternet.com,"
            + "btopenworld.com,sky.com,virginmedia.com,ntlworld.com,blueyonder.co.uk,talktalk.net,tiscali.co.uk,fastmail.com,"
            + "fastmail.fm,hey.com,tutanota.com,tuta.io,mail.ru,qq.com,163.com,web.de")
    List<String> publicDomains();

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
