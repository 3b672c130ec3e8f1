package uk.gov.paas.support.ticket.intake;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.ticket.rest.TicketViews.Attachment;

/**
 * A raw RFC 822 message as the mail gateway posts it, read into what the intake needs: the sender, the subject, the
 * text body, the attachments (name, type and decoded size; their content is not kept), the headers that thread a
 * reply (Message-ID, In-Reply-To, References), and every address the message was sent or delivered to ({@code To},
 * {@code Cc}, {@code Delivered-To}, {@code X-Original-To}; lower case), so the intake can tell mail sent to the
 * emergency address. Recipient headers are read leniently (what they name as addresses, and anything else in them
 * shaped like one), never refused: an emergency must not be lost to a sloppy mail client.
 *
 * <p>The body: in a {@code multipart/alternative} the text/plain part is preferred, else the HTML part stripped to
 * text; other multiparts (mixed, related, nested) contribute each inline text part, in order. A part with a file name
 * or an attachment disposition, or that is not text, is an attachment. Anything that cannot be read as a message
 * with a valid From address and some subject or body is a 400 problem; nothing here touches the database.
 */
public record InboundEmail(String messageId, boolean messageIdGiven, String from, String fromName, String subject, String body,
        List<Attachment> attachments, List<String> inReplyTo, List<String> references, List<String> recipients, Marks marks, String raw,
        boolean rawTruncated) {

    /**
     * What a machine writes on its mail (RFC 3834 and bounce conventions), as received, for {@link Robots}: the
     * Auto-Submitted and Precedence values (lower case, null when absent), the Return-Path as written (null when absent;
     * {@code <>} for a bounce), the Sender address, the report-type of a top-level multipart/report (null otherwise),
     * whether an X-Failed-Recipients header is present, and the List-Id (recorded, not a robot on its own).
     */
    public record Marks(String autoSubmitted, String precedence, String returnPath, String sender, String reportType, boolean failedRecipients,
            String listId) {

        public static final Marks NONE = new Marks(null, null, null, null, null, false, null);
    }

    /** How much of the raw message is kept (characters) when the intake suspends it: enough to see what it was. */
    public static final int RAW_KEPT = 65_536;

    /** The headers naming who a message was sent or delivered to: written by the sender, or by the receiving mail server. */
    static final List<String> RECIPIENT_HEADERS = List.of("To", "Cc", "Delivered-To", "X-Original-To");

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]{1,990}>");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>,;:\"()\\[\\]@]+@[^\\s<>,;:\"()\\[\\]@]+");
    /**
     * One mail session for every parse: {@code Session.getInstance} looks up Jakarta Mail's providers each time it is
     * called, which JFR found to be 56% of parsing an email and nearly half of the intake request. A session only
     * carries these properties here (nothing is sent or stored through it), and reading a message does not change it.
     */
    private static final Session PARSING = Session.getInstance(parsingProperties());
    private static final int MAX_DEPTH = 10;
    private static final int MAX_ATTACHMENTS = 100;

    /** Reads the message or refuses it (400 problem+json). */
    public static InboundEmail parse(byte[] raw, int maxBytes, int maxBodyChars) {
        if (raw == null || raw.length == 0) {
            throw ApiProblem.badRequest("The request body is empty: post the raw RFC 822 message");
        }
        if (raw.length > maxBytes) {
            throw ApiProblem.badRequest("The message is " + raw.length + " bytes; the intake takes at most " + maxBytes);
        }
        MimeMessage message;
        String subject;
        String body;
        List<Attachment> attachments = new ArrayList<>();
        InternetAddress from;
        String messageId;
        List<String> inReplyTo;
        List<String> references;
        List<String> recipients;
        Marks marks;
        try {
            message = new MimeMessage(PARSING, new ByteArrayInputStream(raw));
            from = from(message);
            subject = message.getSubject() == null ? "" : oneLine(message.getSubject());
            Collected collected = new Collected();
            walk(message, collected, 0);
            body = collected.body();
            attachments.addAll(collected.attachments);
            messageId = ids(message.getHeader("Message-ID", " ")).stream().findFirst().orElse(null);
            inReplyTo = ids(message.getHeader("In-Reply-To", " "));
            references = ids(message.getHeader("References", " "));
            recipients = recipients(message);
            marks = marks(message);
        } catch (ApiProblem e) {
            throw e;
        } catch (MessagingException | IOException | RuntimeException e) {
            throw ApiProblem.badRequest("The message cannot be read as an RFC 822 email: " + e.getMessage());
        }
        if (body.isBlank() && subject.isBlank()) {
            throw ApiProblem.badRequest("The message has neither a subject nor a body: nothing to act on");
        }
        if (body.length() > maxBodyChars) {
            throw ApiProblem.badRequest("The message body is " + body.length() + " characters; the intake takes at most " + maxBodyChars);
        }
        boolean given = messageId != null;
        String key = given ? messageId : "<sha256-" + sha256(raw) + "@intake.invalid>";
        String name = from.getPersonal() == null || from.getPersonal().isBlank() ? null : oneLine(from.getPersonal());
        if (name != null && name.length() > 200) {
            name = name.substring(0, 200);
        }
        boolean truncated = raw.length > RAW_KEPT;
        String kept = new String(raw, 0, Math.min(raw.length, RAW_KEPT), StandardCharsets.UTF_8).replace("\u0000", "");
        return new InboundEmail(key, given, from.getAddress().toLowerCase(Locale.ROOT), name, subject, body, List.copyOf(attachments), inReplyTo,
                references, recipients, marks, kept, truncated);
    }

    /** This email known by another key: a released suspended email keeps the key it was suspended under. */
    public InboundEmail keyedAs(String key) {
        return new InboundEmail(key, messageIdGiven, from, fromName, subject, body, attachments, inReplyTo, references, recipients, marks, raw,
                rawTruncated);
    }

    private static Marks marks(MimeMessage message) throws MessagingException {
        String reportType = null;
        if (message.isMimeType("multipart/report")) {
            String type = new ContentType(message.getContentType()).getParameter("report-type");
            reportType = type == null ? "" : type.strip().toLowerCase(Locale.ROOT);
        }
        String sender = header(message, "Sender");
        List<String> senders = sender == null ? List.of() : addresses(sender);
        return new Marks(lower(header(message, "Auto-Submitted")), lower(header(message, "Precedence")), header(message, "Return-Path"),
                senders.isEmpty() ? null : senders.get(0), reportType, message.getHeader("X-Failed-Recipients") != null,
                header(message, "List-Id"));
    }

    /** The first value of a header, unfolded and stripped, or null. */
    private static String header(MimeMessage message, String name) throws MessagingException {
        String[] values = message.getHeader(name);
        return values == null || values.length == 0 ? null : oneLine(jakarta.mail.internet.MimeUtility.unfold(values[0]));
    }

    private static String lower(String value) {
        return value == null ? null : value.toLowerCase(Locale.ROOT);
    }

    private static InternetAddress from(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (AddressException e) {
            throw ApiProblem.badRequest("The From header is not a valid email address: " + e.getMessage());
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)) {
            throw ApiProblem.badRequest("The message has no From address: the ticket would have nobody to answer");
        }
        try {
            address.validate();
        } catch (AddressException e) {
            throw ApiProblem.badRequest("The From address '" + address.getAddress() + "' is not a valid email address");
        }
        String text = address.getAddress();
        if (text == null || text.length() > 320 || text.indexOf('@') < 1 || text.endsWith("@") || text.chars().anyMatch(Character::isWhitespace)) {
            throw ApiProblem.badRequest("The From address '" + text + "' is not a valid email address");
        }
        return address;
    }

    /** What the walk over the parts found. */
    private static final class Collected {
        final List<String> text = new ArrayList<>();
        final List<String> html = new ArrayList<>();
        final List<Attachment> attachments = new ArrayList<>();

        String body() {
            List<String> parts = text.stream().map(InboundEmail::normalise).filter(t -> !t.isBlank()).toList();
            if (parts.isEmpty()) {
                parts = html.stream().map(HtmlText::toText).map(InboundEmail::normalise).filter(t -> !t.isBlank()).toList();
            }
            return String.join("\n\n", parts);
        }
    }

    private static void walk(Part part, Collected found, int depth) throws MessagingException, IOException {
        if (depth > MAX_DEPTH) {
            throw ApiProblem.badRequest("The message nests multiparts more than " + MAX_DEPTH + " deep");
        }
        if (isAttachment(part)) {
            if (found.attachments.size() >= MAX_ATTACHMENTS) {
                throw ApiProblem.badRequest("The message has more than " + MAX_ATTACHMENTS + " attachments");
            }
            found.attachments.add(new Attachment(name(part, found.attachments.size() + 1), baseType(part), decodedSize(part)));
        } else if (part.isMimeType("multipart/alternative")) {
            Multipart multipart = multipart(part);
            Part chosen = null;
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                if (child.isMimeType("text/plain") && !isAttachment(child)) {
                    chosen = child;
                    break;
                }
            }
            if (chosen != null) {
                walk(chosen, found, depth + 1);
            } else {
                // no plain text: the last alternative is the richest (RFC 2046), e.g. HTML or a multipart/related around it
                for (int i = multipart.getCount() - 1; i >= 0; i--) {
                    BodyPart child = multipart.getBodyPart(i);
                    if (child.isMimeType("text/html") || child.isMimeType("multipart/*")) {
                        walk(child, found, depth + 1);
                        break;
                    }
                }
            }
        } else if (part.isMimeType("multipart/*")) {
            Multipart multipart = multipart(part);
            for (int i = 0; i < multipart.getCount(); i++) {
                walk(multipart.getBodyPart(i), found, depth + 1);
            }
        } else if (part.isMimeType("text/html")) {
            found.html.add(text(part));
        } else {
            found.text.add(text(part));
        }
    }

    private static Multipart multipart(Part part) throws MessagingException, IOException {
        Object content = part.getContent();
        if (!(content instanceof Multipart multipart)) {
            throw ApiProblem.badRequest("A " + baseType(part) + " part of the message is not a readable multipart");
        }
        multipart.getCount(); // reads the boundaries now: a broken multipart is a 400 here
        return multipart;
    }

    /** Named, marked as an attachment, or not text (a message/rfc822, an image, a PDF): listed, not read as the body. */
    private static boolean isAttachment(Part part) throws MessagingException {
        if (part.isMimeType("multipart/*")) {
            return false;
        }
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null) {
            return true;
        }
        return !(part.isMimeType("text/plain") || part.isMimeType("text/html"));
    }

    private static String name(Part part, int n) throws MessagingException {
        String name = part.getFileName();
        if (name == null || name.isBlank()) {
            return "attachment-" + n;
        }
        name = oneLine(name);
        return name.length() > 255 ? name.substring(0, 255) : name;
    }

    private static String baseType(Part part) {
        try {
            return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
        } catch (Exception e) {
            return "application/octet-stream";
        }
    }

    private static long decodedSize(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return in.transferTo(java.io.OutputStream.nullOutputStream());
        }
    }

    /** The decoded text of a text part; an unknown charset is read as UTF-8 rather than refused. */
    private static String text(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String text) {
                return text;
            }
        } catch (UnsupportedEncodingException e) {
            // fall through: read the decoded bytes as UTF-8
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Every address in the recipient headers, lower case, each once, in header order. */
    private static List<String> recipients(MimeMessage message) throws MessagingException {
        LinkedHashSet<String> found = new LinkedHashSet<>();
        for (String header : RECIPIENT_HEADERS) {
            String[] values = message.getHeader(header);
            for (String value : values == null ? new String[0] : values) {
                found.addAll(addresses(value));
            }
        }
        return List.copyOf(found);
    }

    /**
     * The addresses of one header value: those it names as RFC 822 addresses, and anything else in it shaped like an
     * address, so a header a sloppy client broke (an unclosed quote swallowing the rest) still yields its addresses.
     */
    static List<String> addresses(String value) {
        LinkedHashSet<String> found = new LinkedHashSet<>();
        try {
            for (InternetAddress address : InternetAddress.parseHeader(value, false)) {
                // a group ("team: a@x, b@y;") names its members inside it
                InternetAddress[] members = address.isGroup() ? address.getGroup(false) : new InternetAddress[] {address};
                for (InternetAddress member : members == null ? new InternetAddress[0] : members) {
                    if (member.getAddress() != null && member.getAddress().indexOf('@') > 0) {
                        found.add(member.getAddress().strip().toLowerCase(Locale.ROOT));
                    }
                }
            }
        } catch (AddressException e) {
            // unparseable: what looks like an address below is all there is
        }
        Matcher m = ADDRESS.matcher(value);
        while (m.find()) {
            found.add(m.group().toLowerCase(Locale.ROOT));
        }
        return List.copyOf(found);
    }

    private static List<String> ids(String header) {
        if (header == null) {
            return List.of();
        }
        LinkedHashSet<String> ids = new LinkedHashSet<>();
        Matcher m = MESSAGE_ID.matcher(header);
        while (m.find()) {
            ids.add(m.group());
        }
        return List.copyOf(ids);
    }

    static String normalise(String text) {
        String t = text.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "");
        return t.replaceAll("[ \\t]+\n", "\n").replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String oneLine(String text) {
        return text.replaceAll("[\\r\\n\\t]+", " ").replace("\u0000", "").strip();
    }

    private static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static Properties parsingProperties() {
        Properties properties = new Properties();
        properties.setProperty("mail.mime.decodefilename", "true");
        return properties;
    }
}
