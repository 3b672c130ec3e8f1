package uk.gov.paas.support.ticket.intake;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import uk.gov.paas.support.kernel.outbox.SmtpConfig;
import uk.gov.paas.support.ticket.config.IntakeConfig;
import uk.gov.paas.support.ticket.config.TicketConfig;

/**
 * Mail a machine wrote, which must never open a ticket, comment, reopen, be acknowledged or page anyone (RFC 3834): a
 * reply to it would start a mail loop with an auto-responder, or a flood of tickets from a mailing list. The first
 * reason that applies, in this order:
 * <ol>
 * <li>{@code Auto-Submitted} with any value but {@code no} (auto-replied, auto-generated, auto-notified...);</li>
 * <li>a bounce: From, Sender or Return-Path with the local part {@code MAILER-DAEMON} or {@code postmaster} (any case),
 * an empty {@code Return-Path: <>}, a {@code multipart/report} (a delivery-status notification, a read receipt), or an
 * {@code X-Failed-Recipients} header;</li>
 * <li>mail from our own addresses: the outbox's sender ({@code support.smtp.from}, {@code MAIL_FROM}), a group's
 * address ({@code support.tickets.group-emails.*}) or an emergency address;</li>
 * <li>{@code Precedence: bulk}, {@code junk} or {@code list}.</li>
 * </ol>
 * {@code List-Id} or {@code List-Unsubscribe} alone is not a robot: a person writing through their team's list is still
 * asking for help, and our answer goes to the From address, never to the list, so it cannot loop.
 */
@ApplicationScoped
public class Robots {

    private static final Set<String> BOUNCE_LOCAL_PARTS = Set.of("mailer-daemon", "postmaster");
    private static final Set<String> BULK = Set.of("bulk", "junk", "list");
    private static final Pattern ANGLED = Pattern.compile("<([^<>]*)>");

    private final Set<String> ours;

    @Inject
    Robots(SmtpConfig smtp, TicketConfig tickets, IntakeConfig intake) {
        this(smtp.from(), tickets.groupEmails().values(), intake.emergencyAddresses());
    }

    Robots(String mailFrom, java.util.Collection<String> groupEmails, List<String> emergencyAddresses) {
        Set<String> addresses = new HashSet<>();
        addresses.addAll(InboundEmail.addresses(mailFrom));
        groupEmails.forEach(g -> addresses.addAll(InboundEmail.addresses(g)));
        emergencyAddresses.forEach(e -> addresses.addAll(InboundEmail.addresses(e)));
        this.ours = Set.copyOf(addresses);
    }

    /** Why this email is a robot's, or empty for a person's. */
    public Optional<String> why(InboundEmail email) {
        InboundEmail.Marks marks = email.marks();
        if (marks.autoSubmitted() != null) {
            String value = marks.autoSubmitted().split(";", 2)[0].strip();
            if (!value.equals("no")) {
                return Optional.of("Auto-Submitted: " + value);
            }
        }
        if (bounceAddress(email.from())) {
            return Optional.of("a bounce: from " + email.from());
        }
        if (marks.sender() != null && bounceAddress(marks.sender())) {
            return Optional.of("a bounce: Sender " + marks.sender());
        }
        if (marks.returnPath() != null) {
            Matcher angled = ANGLED.matcher(marks.returnPath());
            String path = (angled.find() ? angled.group(1) : marks.returnPath()).strip();
            if (path.isEmpty()) {
                return Optional.of("a bounce: empty Return-Path <>");
            }
            if (bounceAddress(path)) {
                return Optional.of("a bounce: Return-Path " + path.toLowerCase(Locale.ROOT));
            }
        }
        if (marks.reportType() != null) {
            return Optional.of("a bounce: multipart/report" + (marks.reportType().isEmpty() ? "" : "; report-type=" + marks.reportType()));
        }
        if (marks.failedRecipients()) {
            return Optional.of("a bounce: X-Failed-Recipients");
        }
        if (ours.contains(email.from())) {
            return Optional.of("from our own address " + email.from());
        }
        if (marks.precedence() != null && BULK.contains(marks.precedence().strip())) {
            return Optional.of("Precedence: " + marks.precedence().strip());
        }
        return Optional.empty();
    }

    private static boolean bounceAddress(String address) {
        int at = address.lastIndexOf('@');
        String local = (at < 0 ? address : address.substring(0, at)).strip().toLowerCase(Locale.ROOT);
        return BOUNCE_LOCAL_PARTS.contains(local);
    }
}
