package uk.gov.paas.support.kernel.testing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.Part;

import uk.gov.paas.support.kernel.outbox.OutgoingEmail;

/**
 * Reading and checking the two parts of an email: the plain-text and the HTML part, as received (a MIME message) or as
 * queued ({@link OutgoingEmail}). The template tests of every service check both parts through here.
 */
public final class MailParts {

    /** Text a person could write, with every character HTML must escape. */
    public static final String HOSTILE = "<script>alert('x')</script> & \"Co\"";

    /** {@link #HOSTILE} as an HTML template must show it. */
    public static final String HOSTILE_ESCAPED = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Co&quot;";

    private MailParts() {
    }

    /** A received email's plain-text part (the message itself when it is not multipart). */
    public static String text(Part message) throws Exception {
        String text = part(message, "text/plain");
        if (text == null) {
            throw new AssertionError("no text/plain part");
        }
        return text;
    }

    /** A received email's HTML part. */
    public static String html(Part message) throws Exception {
        String html = part(message, "text/html");
        if (html == null) {
            throw new AssertionError("no text/html part");
        }
        return html;
    }

    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return (String) part.getContent();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart body = multipart.getBodyPart(i);
                String found = part(body, type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    /**
     * Both parts are there, each says every one of {@code contents} (HTML escaped as Qute escapes it), and the HTML part
     * is a document.
     */
    public static void assertBothParts(OutgoingEmail email, String... contents) {
        assertNotNull(email.text(), "a plain-text part");
        assertNotNull(email.html(), "an HTML part");
        assertTrue(email.html().startsWith("<!DOCTYPE html>"), email.html());
        for (String content : contents) {
            assertTrue(email.text().contains(content), "text part lacks \"" + content + "\":\n" + email.text());
            assertTrue(email.html().contains(escape(content)), "HTML part lacks \"" + escape(content) + "\":\n" + email.html());
        }
    }

    /** {@link #HOSTILE} appears as written in the text part and only escaped in the HTML part. */
    public static void assertEscaped(OutgoingEmail email) {
        assertTrue(email.text().contains(HOSTILE), "text part lacks the text as written:\n" + email.text());
        assertTrue(email.html().contains(HOSTILE_ESCAPED), "HTML part lacks the escaped text:\n" + email.html());
        assertFalse(email.html().contains("<script>"), "HTML part carries markup someone wrote:\n" + email.html());
    }

    /** What Qute's default HTML escaping makes of {@code text}. */
    public static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
