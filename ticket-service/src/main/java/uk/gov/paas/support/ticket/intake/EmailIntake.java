package uk.gov.paas.support.ticket.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.Outbox;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.outbox.OutgoingCall;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.work.DueWork;
import uk.gov.paas.support.ticket.client.EscalationCallSender;
import uk.gov.paas.support.ticket.client.IncidentCallSender;
import uk.gov.paas.support.ticket.client.IncidentDeclaration;
import uk.gov.paas.support.ticket.client.PageRequest;
import uk.gov.paas.support.ticket.config.IntakeConfig;
import uk.gov.paas.support.ticket.config.TicketConfig;
import uk.gov.paas.support.ticket.domain.Channel;
import uk.gov.paas.support.ticket.domain.SuspendedMail;
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketMessage;
import uk.gov.paas.support.ticket.domain.TicketStatus;
import uk.gov.paas.support.ticket.rest.TicketViews;
import uk.gov.paas.support.ticket.rest.TicketViews.Attachment;
import uk.gov.paas.support.ticket.service.Actor;
import uk.gov.paas.support.ticket.service.EmergencyCalls;
import uk.gov.paas.support.ticket.service.TicketService;

/**
 * What an inbound email does, in one transaction.
 *
 * <ul>
 * <li><b>Once.</b> The email is known by its Message-ID (without one, by a SHA-256 of its bytes). Under an advisory
 * lock on that key, an id already recorded for a ticket (received, or sent by us: a mail loop) stores nothing and
 * answers DUPLICATE, so the gateway posting twice, even at once, makes one ticket or one comment.</li>
 * <li><b>Robots</b> ({@link Robots}: Auto-Submitted other than {@code no}, bounces, our own addresses, Precedence
 * bulk/junk/list; RFC 3834): next, before threading and before the emergency path, such an email is stored once in
 * {@code suspended_mail} with its reason (GET /api/intake/suspended) and answers SUSPENDED: no ticket, no comment, no
 * reopening, no acknowledgement, no incident and no page. The same email posted again answers the same suspension.
 * An agent may {@link #release} one that hides a person's request: it is then processed as ordinary mail, once.</li>
 * <li><b>Threading.</b> A reply is matched by In-Reply-To, then References (newest first), then a {@code [#123]} or
 * {@code [#123 OPEN]} subject token. A match counts only if the sender is the ticket's requester or their CONFIGURED
 * organisation is the ticket's (as below: a per-sender organisation matches nobody else); otherwise the email opens a
 * new ticket, so nobody can write on, reopen or follow up another organisation's or another person's ticket by quoting
 * its number. A matched reply is the tenant's comment (attachments listed on it);
 * on a closed ticket it opens a linked follow-up.</li>
 * <li><b>Emergencies, whatever the thread.</b> An email is an emergency when its subject carries the emergency tag
 * ({@code [PaaS Emergency Support]}) anywhere, in any case, or when it was sent to an emergency address
 * ({@code support.intake.emergency-addresses}, any case) named in its To, Cc, Delivered-To or X-Original-To header.
 * An emergency always takes the one emergency path ({@link #emergency}): a new email opens a P1 ticket tagged
 * {@code paas_outofhours}; a reply stays the tenant's comment on its ticket, which is reopened if need be and raised
 * to P1 with the tag through triage (SLA recomputed, audited); a reply to a closed ticket makes its follow-up the
 * emergency. In the same transaction it queues two outbox calls for this email: declare a P1 incident in
 * incident-service and page through escalation-service (dedup key {@code ticket-<id>-emergency}), so the responder
 * is woken even if incident-service is down. The keys name the email ({@link EmergencyCalls}), so each emergency
 * email does this once, however often the gateway posts it; a second emergency email on a ticket whose page is still
 * open adds to that page and answers its open incident rather than waking anyone twice. A missed page is the worst
 * failure this product can have, so an emergency is never downgraded to a plain comment.</li>
 * <li><b>Subjects</b> (anything that did not thread): {@code [PaaS Support] ...} (after {@code Re:}/{@code Fwd:},
 * any case) makes an ordinary untriaged ticket with the tag removed; the emergency tag is removed wherever it is, so
 * the ticket's own emails never carry it. Any other subject also makes an ordinary ticket with the subject as
 * written: a tenant who forgot the tag still asked for help, and refusing would lose the request. An emergency is
 * never guessed from other words ("urgent"): only the tag or the address wakes people.</li>
 * <li><b>Organisation</b> of the sender ({@link Organisations}): their address's entry, else their domain's or its
 * parent's, from configuration only; a public mail domain (gmail.com...) or an unconfigured one makes the sender only
 * their own requester, organisation {@code sender:<address>}.</li>
 * <li><b>Attachments</b> are listed (name, type, decoded size), never stored: on a comment in its attachments field; on
 * a new or follow-up ticket as an "Attachments:" paragraph at the end of the description.</li>
 * <li>The body is kept as received, quoted history included (the thanks check ignores quoted text).</li>
 * </ul>
 */
@ApplicationScoped
@Transactional
public class EmailIntake {

    private static final Logger LOG = Logger.getLogger(EmailIntake.class);

    /** What the intake did with an email. */
    public enum Action {
        CREATED, COMMENTED, FOLLOW_UP, DUPLICATE,
        /** A robot's email ({@link Robots}): kept in the suspended view with its reason; no ticket, comment, email or page. */
        SUSPENDED
    }

    /** What was done: the ticket (none when suspended), the comment, the followed-up ticket, or the suspended email and why. */
    public record Outcome(Action action, Long ticketId, Long commentId, Long followUpOf, boolean emergency, Long suspendedId, String reason,
            boolean replayed) {

        Outcome(Action action, long ticketId, Long commentId, Long followUpOf, boolean emergency) {
            this(action, ticketId, commentId, followUpOf, emergency, null, null, action == Action.DUPLICATE);
        }

        static Outcome suspended(SuspendedMail mail, boolean replayed) {
            return new Outcome(Action.SUSPENDED, null, null, null, false, mail.id, mail.reason, replayed);
        }
    }

    private static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})(?:\\s+[A-Za-z_]+)?\\]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^(\\s*(re|fw|fwd|aw|sv)\\s*(\\[\\d+\\])?\\s*:\\s*)+");
    static final int MAX_SUBJECT = 300;

    private final TicketService tickets;
    private final Organisations organisations;
    private final Robots robots;
    private final IntakeConfig config;
    private final TicketConfig ticketConfig;
    private final Outbox outbox;
    private final DueWork work;
    private final ObjectMapper json;
    private final Clock clock;

    EmailIntake(TicketService tickets, Organisations organisations, Robots robots, IntakeConfig config, TicketConfig ticketConfig, Outbox outbox, DueWork work,
            ObjectMapper json, Clock clock) {
        this.tickets = tickets;
        this.organisations = organisations;
        this.robots = robots;
        this.config = config;
        this.ticketConfig = ticketConfig;
        this.outbox = outbox;
        this.work = work;
        this.json = json;
        this.clock = clock;
    }

    public Outcome receive(InboundEmail email) {
        work.lock("intake-email\n" + email.messageId());
        TicketMessage seen = TicketMessage.findById(email.messageId());
        if (seen != null) {
            return new Outcome(Action.DUPLICATE, seen.ticketId, seen.commentId, null, false);
        }
        SuspendedMail suspended = SuspendedMail.byMessageId(email.messageId());
        if (suspended != null) {
            return Outcome.suspended(suspended, true);
        }
        // a robot's mail is looked at before anything else, the emergency path included: it must never loop or page
        Optional<String> robot = robots.why(email);
        if (robot.isPresent()) {
            return Outcome.suspended(suspend(email, robot.get()), false);
        }
        return process(email);
    }

    /**
     * An agent found a person's request in the suspended view: the email is processed as ordinary mail now (threaded,
     * acknowledged, an emergency if it is one), as if no robot rule had applied, once. 404 when there is no such
     * suspended email, 409 when it was released already or was too large to keep whole.
     */
    public Outcome release(long id, Actor by, int maxBytes, int maxBodyChars) {
        SuspendedMail found = SuspendedMail.findById(id);
        if (found == null) {
            throw ApiProblem.notFound("No suspended email " + id);
        }
        work.lock("intake-email\n" + found.messageId);
        SuspendedMail mail = SuspendedMail.findById(id);
        decidedAlready(mail);
        if (mail.rawTruncated) {
            throw ApiProblem.conflict("Suspended email " + id + " was larger than the " + InboundEmail.RAW_KEPT
                    + " characters kept: forward the original to the support address instead");
        }
        TicketMessage seen = TicketMessage.findById(mail.messageId);
        Outcome outcome = seen != null ? new Outcome(Action.DUPLICATE, seen.ticketId, seen.commentId, null, false)
                : process(InboundEmail.parse(mail.rawMessage.getBytes(StandardCharsets.UTF_8), maxBytes, maxBodyChars).keyedAs(mail.messageId));
        mail.releasedAt = clock.instant();
        mail.releasedBy = by.name();
        mail.ticketId = outcome.ticketId();
        if (outcome.ticketId() != null) {
            TicketEvent.add(outcome.ticketId(), mail.releasedAt, by.name(), "RELEASED", "Suspended email " + mail.messageId + " (" + mail.reason
                    + ") released as ordinary mail", null);
        }
        return outcome;
    }

    /** An agent read a suspended email and found nothing a person asked: it leaves the waiting list, kept with who and when. */
    public SuspendedMail discard(long id, Actor by) {
        SuspendedMail found = SuspendedMail.findById(id);
        if (found == null) {
            throw ApiProblem.notFound("No suspended email " + id);
        }
        work.lock("intake-email\n" + found.messageId);
        SuspendedMail mail = SuspendedMail.findById(id);
        decidedAlready(mail);
        mail.discardedAt = clock.instant();
        mail.discardedBy = by.name();
        return mail;
    }

    /** A suspended email is released or discarded once: the second decision, whichever, is a 409 naming the first. */
    private static void decidedAlready(SuspendedMail mail) {
        if (mail.releasedAt != null) {
            throw ApiProblem.conflict("Suspended email " + mail.id + " was released by " + mail.releasedBy + " at " + mail.releasedAt
                    + (mail.ticketId == null ? "" : " into ticket #" + mail.ticketId));
        }
        if (mail.discardedAt != null) {
            throw ApiProblem.conflict("Suspended email " + mail.id + " was discarded by " + mail.discardedBy + " at " + mail.discardedAt);
        }
    }

    /** A person's email, known to be new: threaded onto its ticket or opening one, through the emergency path if it is one. */
    private Outcome process(InboundEmail email) {
        String organisation = organisations.of(email.from());
        Optional<String> emergency = whyEmergency(email);
        Optional<Ticket> thread = thread(email);
        if (thread.isPresent()) {
            return reply(thread.get(), email, organisation, emergency);
        }
        return open(email, organisation, emergency);
    }

    private SuspendedMail suspend(InboundEmail email, String reason) {
        SuspendedMail mail = new SuspendedMail();
        mail.messageId = email.messageId();
        mail.from = email.from();
        mail.subject = email.subject().length() > MAX_SUBJECT ? email.subject().substring(0, MAX_SUBJECT - 1) + "…" : email.subject();
        mail.receivedAt = clock.instant();
        mail.reason = reason.length() > 500 ? reason.substring(0, 499) + "…" : reason;
        mail.rawMessage = email.raw();
        mail.rawTruncated = email.rawTruncated();
        mail.persist();
        return mail;
    }

    /**
     * Why this email is an emergency, or empty: the emergency tag anywhere in its subject (any case), or an emergency
     * address (any case) among its To, Cc, Delivered-To and X-Original-To addresses. Nothing else: never guessed from words.
     */
    Optional<String> whyEmergency(InboundEmail email) {
        String tag = config.emergencyTag();
        if (email.subject().toLowerCase(Locale.ROOT).contains(tag.toLowerCase(Locale.ROOT))) {
            return Optional.of("the subject carries " + tag);
        }
        Set<String> addresses = config.emergencyAddresses().stream().map(a -> a.strip().toLowerCase(Locale.ROOT)).filter(a -> !a.isEmpty())
                .collect(Collectors.toSet());
        return email.recipients().stream().filter(addresses::contains).findFirst().map(a -> "sent to " + a);
    }

    private Optional<Ticket> thread(InboundEmail email) {
        List<String> ids = new ArrayList<>(email.inReplyTo());
        List<String> references = new ArrayList<>(email.references());
        java.util.Collections.reverse(references);
        ids.addAll(references);
        for (String id : ids) {
            TicketMessage known = TicketMessage.findById(id);
            if (known != null) {
                Ticket ticket = Ticket.findById(known.ticketId);
                if (ticket != null && belongs(email, ticket)) {
                    return Optional.of(ticket);
                }
            }
        }
        Matcher token = TOKEN.matcher(email.subject());
        if (token.find()) {
            Ticket ticket = Ticket.findById(Long.parseLong(token.group(1)));
            if (ticket != null && belongs(email, ticket)) {
                return Optional.of(ticket);
            }
        }
        return Optional.empty();
    }

    /** The ticket's requester, or someone configured into the ticket's organisation: a per-sender one has nobody else. */
    private boolean belongs(InboundEmail email, Ticket ticket) {
        return email.from().equalsIgnoreCase(ticket.requesterEmail)
                || organisations.configured(email.from()).filter(org -> org.equals(ticket.organisation)).isPresent();
    }

    private Outcome reply(Ticket ticket, InboundEmail email, String organisation, Optional<String> emergency) {
        boolean closed = ticket.closed();
        String body = email.body().isBlank() ? "(no text)" : email.body();
        // a follow-up ticket has no attachments field: they are listed in its description, as for any new ticket
        String text = closed ? withAttachments(body, email.attachments()) : body;
        TicketService.Replied replied = tickets.tenantReply(ticket.id, text, Channel.EMAIL, TicketViews.attachmentsJson(email.attachments()),
                email.from(), email.messageId());
        // an emergency on a closed thread is its follow-up's; on an open one, the thread's own
        Ticket replyTicket = replied.followUp() != null ? replied.followUp() : replied.ticket();
        emergency.ifPresent(why -> emergency(replyTicket, email, organisation, why));
        if (replied.followUp() != null) {
            return new Outcome(Action.FOLLOW_UP, replied.followUp().id, null, ticket.id, emergency.isPresent());
        }
        return new Outcome(Action.COMMENTED, ticket.id, replied.comment().id, null, emergency.isPresent());
    }

    private Outcome open(InboundEmail email, String organisation, Optional<String> emergency) {
        String subject = untagged(email.subject());
        if (subject.isBlank()) {
            subject = firstLine(email.body());
        }
        subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
        String description = withAttachments(email.body(), email.attachments());
        Actor sender = new Actor(email.from(), Roles.TENANT, organisation);
        // an emergency is P1 and tagged from the start, so the acknowledgement already tells the P1 SLA
        TicketService.NewTicket request = new TicketService.NewTicket(subject, description.isBlank() ? null : description, email.from(),
                email.fromName(), organisation, Channel.EMAIL, null, emergency.isPresent() ? Severity.P1 : null,
                emergency.isPresent() ? Set.of(ticketConfig.emergencyTag()) : Set.of());
        Ticket ticket = tickets.createFromEmail(request, email.messageIdGiven() ? email.messageId() : null, sender).ticket();
        if (!email.messageIdGiven()) {
            // no Message-ID to thread on, but the same bytes posted again must still be recognised
            tickets.recordMessage(ticket, email.messageId(), null, "IN", clock.instant());
        }
        emergency.ifPresent(why -> emergency(ticket, email, organisation, why));
        return new Outcome(Action.CREATED, ticket.id, null, null, emergency.isPresent());
    }

    /**
     * The emergency path, one for a new ticket, a reply on an open one and the follow-up of a closed one: the ticket is
     * reopened if the reply left it solved (read as thanks), raised to P1 with the tag unless it already is (through
     * triage, so the SLA is recomputed, audited and told to the tenant; a new emergency ticket is born P1 and tagged),
     * and this email's incident declaration and page are queued with it, so both happen if and only if it commits, even
     * if a service is down now. The keys name the email ({@link EmergencyCalls}): one pair per emergency email, however
     * often it is posted. The {@value EmergencyCalls#EVENT} audit event marks the ticket as an emergency's.
     */
    private void emergency(Ticket ticket, InboundEmail email, String organisation, String why) {
        Instant now = clock.instant();
        String emailKey = EmergencyCalls.emailKey(email.messageId());
        TicketEvent.add(ticket.id, now, Actor.SYSTEM.name(), EmergencyCalls.EVENT, "Emergency email " + email.messageId() + " (" + why
                + "): a P1 incident declaration and a page are queued", null);
        if (ticket.status.reopenedByTenantReply()) {
            // the reply read as thanks and left the ticket solved; an emergency always reopens it
            tickets.changeStatus(ticket.id, TicketStatus.OPEN, "an emergency email reopens the ticket", null, Actor.SYSTEM);
        }
        if (ticket.priority != Severity.P1 || !ticket.tags.contains(ticketConfig.emergencyTag())) {
            Set<String> tags = new TreeSet<>(ticket.tags);
            tags.add(ticketConfig.emergencyTag());
            tickets.triage(ticket.id, Optional.of(Severity.P1), false, null, tags, null, Actor.SYSTEM);
        }
        String link = ticketConfig.ticketPage(ticket.id);
        String title = "Emergency email: " + ticket.subject;
        String description = "Emergency support email from " + email.from() + " (" + organisation + "), ticket #" + ticket.id + ": " + link
                + "\n\n" + email.body();
        IncidentDeclaration declaration = IncidentDeclaration.forTicket(ticket.id, title, description);
        String summary = "P1 emergency email from " + organisation + ", ticket #" + ticket.id + ": " + ticket.subject;
        PageRequest page = new PageRequest("P1", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary, "ticket-service",
                EmergencyCalls.dedupKey(ticket.id), link);
        outbox.call(new OutgoingCall(EmergencyCalls.declareKey(ticket.id, emailKey), IncidentCallSender.TARGET, IncidentCallSender.DECLARE,
                write(declaration)));
        outbox.call(new OutgoingCall(EmergencyCalls.pageKey(ticket.id, emailKey), EscalationCallSender.TARGET, EscalationCallSender.PAGE,
                write(page)));
        // the trace id of this line goes with both calls: incident-service's declaration and escalation-service's page log it too
        LOG.infof("Emergency email on ticket %d: a P1 incident declaration and a page are queued", ticket.id);
    }

    /**
     * The subject without a leading reply prefix and support tag (unchanged when it carries none), and without the
     * emergency tag wherever it is: the ticket's emails repeat its subject, so a tag left in it would make every reply
     * to them an emergency.
     */
    String untagged(String subject) {
        String rest = REPLY_PREFIX.matcher(subject).replaceFirst("");
        for (String tag : List.of(config.emergencyTag(), config.supportTag())) {
            if (rest.regionMatches(true, 0, tag, 0, tag.length())) {
                return withoutEmergencyTag(rest.substring(tag.length()).strip());
            }
        }
        return withoutEmergencyTag(subject.strip());
    }

    private String withoutEmergencyTag(String subject) {
        Matcher tag = Pattern.compile(Pattern.quote(config.emergencyTag()), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(subject);
        return tag.find() ? tag.replaceAll(" ").replaceAll("\\s{2,}", " ").strip() : subject;
    }

    private static String firstLine(String body) {
        String line = body.strip().lines().findFirst().orElse("").strip();
        return line.isBlank() ? "(no subject)" : line;
    }

    static String withAttachments(String body, List<Attachment> attachments) {
        if (attachments.isEmpty()) {
            return body;
        }
        String list = attachments.stream().map(a -> a.name() + " (" + a.type() + ", " + a.size() + " bytes)").collect(Collectors.joining(", "));
        return (body.isBlank() ? "" : body + "\n\n") + "Attachments: " + list;
    }

    private String write(Object payload) {
        try {
            return json.writeValueAsString(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a call payload always serialises", e);
        }
    }
}
