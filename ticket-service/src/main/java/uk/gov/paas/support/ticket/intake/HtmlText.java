package uk.gov.paas.support.ticket.intake;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTML email body as plain text, for a message with no text/plain alternative: blocks become lines, tags go, entities are decoded. */
final class HtmlText {

    private static final Pattern HIDDEN = Pattern.compile("(?is)<(script|style|head|title)\\b.*?</\\1\\s*>|<!--.*?-->");
    private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</?(p|div|li|tr|h[1-6]|blockquote|pre|table|ul|ol)\\b[^>]*>");
    private static final Pattern TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-zA-Z]{2,8});");
    private static final Map<String, String> NAMED = Map.of("amp", "&", "lt", "<", "gt", ">", "quot", "\"", "apos", "'", "nbsp", " ",
            "pound", "£", "copy", "©", "hellip", "…", "ndash", "–");

    private HtmlText() {
    }

    static String toText(String html) {
        String text = HIDDEN.matcher(html).replaceAll("");
        text = text.replaceAll("[\\r\\n]+", " ");
        text = BREAK.matcher(text).replaceAll("\n");
        text = TAG.matcher(text).replaceAll("");
        text = decode(text);
        StringBuilder out = new StringBuilder();
        for (String line : text.split("\n")) {
            out.append(line.replaceAll("[ \\t\\u00a0]+", " ").strip()).append('\n');
        }
        return out.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    private static String decode(String text) {
        Matcher m = ENTITY.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement;
            try {
                if (entity.startsWith("#x") || entity.startsWith("#X")) {
                    replacement = Character.toString(Integer.parseInt(entity.substring(2), 16));
                } else if (entity.startsWith("#")) {
                    replacement = Character.toString(Integer.parseInt(entity.substring(1)));
                } else {
                    replacement = NAMED.getOrDefault(entity.toLowerCase(), m.group());
                }
            } catch (IllegalArgumentException e) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
