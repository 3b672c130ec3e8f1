package uk.gov.paas.support.incident.statuspage;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A deliberately small Markdown-to-HTML renderer for published incident reports: ATX headings, bullet and numbered
 * lists, paragraphs, fenced code blocks, and inline {@code `code`} and {@code **bold**}. Every character of the input is
 * HTML-escaped before any tag is added, and the only tags it ever writes are its own (h3-h6, p, ul, ol, li, pre, code,
 * strong, br), with no attributes: no raw HTML, no links, no images, so a report cannot inject markup or load
 * anything. Anything it does not understand is shown as text.
 */
public final class SafeMarkdown {

    private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
    private static final Pattern BULLET = Pattern.compile("^\\s{0,3}[-*+]\\s+(.*)$");
    private static final Pattern NUMBERED = Pattern.compile("^\\s{0,3}\\d{1,9}[.)]\\s+(.*)$");
    private static final Pattern FENCE = Pattern.compile("^\\s{0,3}(```|~~~).*$");
    private static final Pattern CODE_SPAN = Pattern.compile("`([^`]+)`");
    private static final Pattern STRONG = Pattern.compile("\\*\\*(\\S(?:.*?\\S)?)\\*\\*");

    /** Report headings sit under the report's own title (an h3 on the page): "#" becomes h4. */
    private static final int HEADING_OFFSET = 3;

    private SafeMarkdown() {
    }

    public static String toHtml(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        StringBuilder html = new StringBuilder();
        StringBuilder paragraph = new StringBuilder();
        String list = null; // "ul" or "ol" while in a list
        boolean inCode = false;
        for (String line : markdown.replace("\r\n", "\n").replace('\r', '\n').split("\n", -1)) {
            if (inCode) {
                if (FENCE.matcher(line).matches()) {
                    html.append("</code></pre>\n");
                    inCode = false;
                } else {
                    html.append(escape(line)).append('\n');
                }
                continue;
            }
            if (FENCE.matcher(line).matches()) {
                flush(html, paragraph);
                list = closeList(html, list);
                html.append("<pre><code>");
                inCode = true;
                continue;
            }
            if (line.isBlank()) {
                flush(html, paragraph);
                list = closeList(html, list);
                continue;
            }
            Matcher m = HEADING.matcher(line);
            if (m.matches()) {
                flush(html, paragraph);
                list = closeList(html, list);
                int level = Math.min(6, m.group(1).length() + HEADING_OFFSET);
                html.append("<h").append(level).append('>').append(inline(m.group(2))).append("</h").append(level).append(">\n");
                continue;
            }
            Matcher bullet = BULLET.matcher(line);
            Matcher numbered = NUMBERED.matcher(line);
            String kind = bullet.matches() ? "ul" : numbered.matches() ? "ol" : null;
            if (kind != null) {
                flush(html, paragraph);
                if (!kind.equals(list)) {
                    closeList(html, list);
                    html.append('<').append(kind).append(">\n");
                    list = kind;
                }
                html.append("<li>").append(inline(kind.equals("ul") ? bullet.group(1) : numbered.group(1))).append("</li>\n");
                continue;
            }
            if (list != null && Character.isWhitespace(line.charAt(0)) && html.toString().endsWith("</li>\n")) {
                // an indented line continues the list item above it
                html.setLength(html.length() - "</li>\n".length());
                html.append(' ').append(inline(line.strip())).append("</li>\n");
                continue;
            }
            list = closeList(html, list);
            if (!paragraph.isEmpty()) {
                paragraph.append("<br>\n");
            }
            paragraph.append(inline(line.strip()));
        }
        if (inCode) {
            html.append("</code></pre>\n");
        }
        flush(html, paragraph);
        closeList(html, list);
        return html.toString();
    }

    /** Escapes the five characters that matter in HTML text and attribute values. */
    public static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** Escaped text with code spans and bold; the patterns run on escaped text, so what they wrap is escaped already. */
    private static String inline(String text) {
        String escaped = escape(text);
        StringBuilder out = new StringBuilder();
        Matcher code = CODE_SPAN.matcher(escaped);
        int last = 0;
        while (code.find()) {
            out.append(strong(escaped.substring(last, code.start()))).append("<code>").append(code.group(1)).append("</code>");
            last = code.end();
        }
        out.append(strong(escaped.substring(last)));
        return out.toString();
    }

    private static String strong(String escaped) {
        return STRONG.matcher(escaped).replaceAll(r -> "<strong>" + Matcher.quoteReplacement(r.group(1)) + "</strong>");
    }

    private static void flush(StringBuilder html, StringBuilder paragraph) {
        if (!paragraph.isEmpty()) {
            html.append("<p>").append(paragraph).append("</p>\n");
            paragraph.setLength(0);
        }
    }

    private static String closeList(StringBuilder html, String list) {
        if (list != null) {
            html.append("</").append(list).append(">\n");
        }
        return null;
    }
}
