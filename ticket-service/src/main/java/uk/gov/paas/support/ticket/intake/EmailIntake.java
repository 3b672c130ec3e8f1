package uk.gov.paas.support.ticket.intake;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import uk.gov.paas.support.kernel.outbox.Outbox;
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
import uk.gov.paas.support.ticket.domain.Ticket;
import uk.gov.paas.support.ticket.domain.TicketEvent;
import uk.gov.paas.support.ticket.domain.TicketMessage;
import uk.gov.paas.support.ticket.rest.TicketViews;
import uk.gov.paas.support.ticket.rest.TicketViews.Attachment;
import uk.gov.paas.support.ticket.service.Actor;
import uk.gov.paas.support.ticket.service.TicketService;

/**
 * What an inbound email does, in one transaction.
 *
 * <ul>
 * <li><b>Once.</b> The email is known by its Message-ID (without one, by a SHA-256 of its bytes). Under an advisory
 * lock on that key, an id already recorded for a ticket (received, or sent by us: a mail loop) stores nothing and
 * answers DUPLICATE, so the gateway posting twice, even at once, makes one ticket or one comment.</li>
 * <li><b>Threading.</b> A reply is matched by In-Reply-To, then References (newest first), then a {@code [#123]} or
 * {@code [#123 OPEN]} subject token. A match counts only if the sender is the ticket's requester or belongs to the
 * ticket's organisation (by domain, as below); otherwise the email opens a new ticket, so nobody can write on another
 * organisation's ticket by quoting its number. A matched reply is the tenant's comment (attachments listed on it);
 * on a closed ticket it opens a linked follow-up. It never declares an incident, whatever its subject.</li>
 * <li><b>Subjects</b> (anything that did not thread; the tag may follow {@code Re:}/{@code Fwd:}, any case):
 * {@code [PaaS Emergency Support] ...} makes a P1 ticket tagged {@code paas_outofhours} and, in the same transaction,
 * queues two outbox calls: declare a P1 incident in incident-service ({@code ticket-<id>/declare-incident}) and a page
 * through escalation-service ({@code ticket-<id>/page}), so the responder is woken even if incident-service is down.
 * {@code [PaaS Support] ...} makes an ordinary untriaged ticket with the tag removed. Any other subject also makes an
 * ordinary ticket with the subject as written: a tenant who forgot the tag still asked for help, and refusing would
 * lose the request. An emergency is never guessed from other words ("urgent"): only the emergency tag wakes people.</li>
 * <li><b>Organisation</b> of the sender: {@code support.intake.organisations."<domain>"}, else its parent domain's
 * entry, else the domain itself.</li>
 * <li><b>Attachments</b> are listed (name, type, decoded size), never stored: on a comment in its attachments field; on
 * a new or follow-up ticket as an "Attachments:" paragraph at the end of the description.</li>
 * <li>The body is kept as received, quoted history included (the thanks check ignores quoted text).</li>
 * </ul>
 */
@ApplicationScoped
@Transactional
public class EmailIntake {

    /** What the intake did with an email. */
    public enum Action {
        CREATED, COMMENTED, FOLLOW_UP, DUPLICATE
    }

    public record Outcome(Action action, long ticketId, Long commentId, Long followUpOf, boolean emergency) {
    }

    private static final Pattern TOKEN = Pattern.compile("\\[#(\\d{1,18})(?:\\s+[A-Za-z_]+)?\\]");
    private static final Pattern REPLY_PREFIX = Pattern.compile("(?i)^(\\s*(re|fw|fwd|aw|sv)\\s*(\\[\\d+\\])?\\s*:\\s*)+");
    static final int MAX_SUBJECT = 300;

    private final TicketService tickets;
    private final IntakeConfig config;
    private final TicketConfig ticketConfig;
    private final Outbox outbox;
    private final DueWork work;
    private final ObjectMapper json;
    private final Clock clock;

    EmailIntake(TicketService tickets, IntakeConfig config, TicketConfig ticketConfig, Outbox outbox, DueWork work, ObjectMapper json, Clock clock) {
        this.tickets = tickets;
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
        String organisation = organisation(email.fromDomain());
        Optional<Ticket> thread = thread(email, organisation);
        if (thread.isPresent()) {
            return reply(thread.get(), email);
        }
        return open(email, organisation);
    }

    /** The organisation of a sender's domain: its entry, its nearest parent's, or the domain itself. */
    public String organisation(String domain) {
        String d = domain.toLowerCase(Locale.ROOT);
        for (String candidate = d; candidate.contains("."); candidate = candidate.substring(candidate.indexOf('.') + 1)) {
            String org = config.organisations().get(candidate);
            if (org != null && !org.isBlank()) {
                return org.strip();
            }
        }
        return d.length() > 100 ? d.substring(0, 100) : d;
    }

    private Optional<Ticket> thread(InboundEmail email, String organisation) {
        List<String> ids = new ArrayList<>(email.inReplyTo());
        List<String> references = new ArrayList<>(email.references());
        java.util.Collections.reverse(references);
        ids.addAll(references);
        for (String id : ids) {
            TicketMessage known = TicketMessage.findById(id);
            if (known != null) {
                Ticket ticket = Ticket.findById(known.ticketId);
                if (ticket != null && belongs(email, organisation, ticket)) {
                    return Optional.of(ticket);
                }
            }
        }
        Matcher token = TOKEN.matcher(email.subject());
        if (token.find()) {
            Ticket ticket = Ticket.findById(Long.parseLong(token.group(1)));
            if (ticket != null && belongs(email, organisation, ticket)) {
                return Optional.of(ticket);
            }
        }
        return Optional.empty();
    }

    private static boolean belongs(InboundEmail email, String organisation, Ticket ticket) {
        return email.from().equalsIgnoreCase(ticket.requesterEmail) || organisation.equals(ticket.organisation);
    }

    private Outcome reply(Ticket ticket, InboundEmail email) {
        boolean closed = ticket.closed();
        String body = email.body().isBlank() ? "(no text)" : email.body();
        // a follow-up ticket has no attachments field: they are listed in its description, as for any new ticket
        String text = closed ? withAttachments(body, email.attachments()) : body;
        TicketService.Replied replied = tickets.tenantReply(ticket.id, text, Channel.EMAIL, TicketViews.attachmentsJson(email.attachments()),
                email.from(), email.messageId());
        if (replied.followUp() != null) {
            return new Outcome(Action.FOLLOW_UP, replied.followUp().id, null, ticket.id, false);
        }
        return new Outcome(Action.COMMENTED, ticket.id, replied.comment().id, null, false);
    }

    private Outcome open(InboundEmail email, String organisation) {
        String subject = untagged(email.subject());
        boolean emergency = isTagged(email.subject(), config.emergencyTag());
        if (subject.isBlank()) {
            subject = firstLine(email.body());
        }
        subject = subject.length() > MAX_SUBJECT ? subject.substring(0, MAX_SUBJECT - 1) + "…" : subject;
        String description = withAttachments(email.body(), email.attachments());
        Actor sender = new Actor(email.from(), Roles.TENANT, organisation);
        TicketService.NewTicket request = new TicketService.NewTicket(subject, description.isBlank() ? null : description, email.from(),
                email.fromName(), organisation, Channel.EMAIL, null, emergency ? Severity.P1 : null,
                emergency ? Set.of(ticketConfig.emergencyTag()) : Set.of());
        Ticket ticket = tickets.create(request, null, email.messageIdGiven() ? email.messageId() : null, sender).ticket();
        if (!email.messageIdGiven()) {
            // no Message-ID to thread on, but the same bytes posted again must still be recognised
            tickets.recordMessage(ticket, email.messageId(), null, "IN", clock.instant());
        }
        if (emergency) {
            emergency(ticket, email, organisation);
        }
        return new Outcome(Action.CREATED, ticket.id, null, null, emergency);
    }

    /** Queues the incident declaration and the page with the ticket, so both happen if and only if the ticket exists, even if a service is down now. */
    private void emergency(Ticket ticket, InboundEmail email, String organisation) {
        Instant now = clock.instant();
        String base = ticketConfig.publicUrl().endsWith("/") ? ticketConfig.publicUrl().substring(0, ticketConfig.publicUrl().length() - 1)
                : ticketConfig.publicUrl();
        String link = base + "/api/tickets/" + ticket.id;
        String title = "Emergency email: " + ticket.subject;
        String description = "Emergency support email from " + email.from() + " (" + organisation + "), ticket #" + ticket.id + ": " + link
                + "\n\n" + email.body();
        IncidentDeclaration declaration = IncidentDeclaration.forTicket(ticket.id, title, description);
        String summary = "P1 emergency email from " + organisation + ", ticket #" + ticket.id + ": " + ticket.subject;
        PageRequest page = new PageRequest("P1", summary.length() > 1024 ? summary.substring(0, 1023) + "…" : summary, "ticket-service",
                "ticket-" + ticket.id + "-emergency", link);
        outbox.call(new OutgoingCall("ticket-" + ticket.id + "/declare-incident", IncidentCallSender.TARGET, IncidentCallSender.DECLARE,
                write(declaration)));
        outbox.call(new OutgoingCall("ticket-" + ticket.id + "/page", EscalationCallSender.TARGET, EscalationCallSender.PAGE, write(page)));
        TicketEvent.add(ticket.id, now, Actor.SYSTEM.name(), "EMERGENCY", "Emergency email: a P1 incident declaration and a page are queued", null);
    }

    /** The subject without a leading reply prefix and support tag; unchanged when it carries no tag. */
    String untagged(String subject) {
        String rest = REPLY_PREFIX.matcher(subject).replaceFirst("");
        for (String tag : List.of(config.emergencyTag(), config.supportTag())) {
            if (rest.regionMatches(true, 0, tag, 0, tag.length())) {
                return rest.substring(tag.length()).strip();
            }
        }
        return subject.strip();
    }

    private static boolean isTagged(String subject, String tag) {
        String rest = REPLY_PREFIX.matcher(subject).replaceFirst("");
        return rest.regionMatches(true, 0, tag, 0, tag.length());
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
