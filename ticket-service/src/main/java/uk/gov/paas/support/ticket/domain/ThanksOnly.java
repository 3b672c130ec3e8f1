package uk.gov.paas.support.ticket.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises a tenant reply that is only thanks or acknowledgement, which must not reopen a believed-solved or solved
 * ticket. Conservative on purpose: after quoted text and a sign-off are removed, the reply must be short (at most
 * {@value #MAX_WORDS} words), contain no question mark, contain a thanks word, and use only words from a small
 * list of thanks and acknowledgement words. Anything else (a question, a "but", a new detail) reopens.
 */
public final class ThanksOnly {

    static final int MAX_WORDS = 12;
    private static final Set<String> THANKS = Set.of("thanks", "thank", "thankyou", "thx", "ty", "cheers", "ta", "appreciated");
    private static final Set<String> ALLOWED = Set.of("thanks", "thank", "thankyou", "thx", "ty", "cheers", "ta", "appreciated", "you", "very",
            "much", "so", "a", "lot", "again", "all", "for", "the", "your", "help", "quick", "response", "reply", "fix", "team", "many", "great",
            "perfect", "brilliant", "excellent", "awesome", "lovely", "ok", "okay", "got", "it", "that", "that's", "thats", "works", "worked",
            "sorted", "now", "kind", "regards", "best", "wishes", "and", "we", "i", "really", "amazing", "fab", "nice", "one", "good", "all's",
            "fine", "is", "has", "done", "trick", "this", "super", "yes", "confirmed", "confirm", "fixed", "resolved");
    private static final Pattern QUOTE_HEADER = Pattern.compile("(?im)^\\s*(on .{1,200}wrote:|-----\\s*original message\\s*-----|from:\\s.*)$");

    private ThanksOnly() {
    }

    public static boolean isThanksOnly(String body) {
        if (body == null) {
            return false;
        }
        String text = ownText(body);
        if (text.contains("?")) {
            return false;
        }
        List<String> words = words(text);
        if (words.isEmpty() || words.size() > MAX_WORDS) {
            return false;
        }
        return words.stream().anyMatch(THANKS::contains) && words.stream().allMatch(ALLOWED::contains);
    }

    /** The reply without quoted history, a signature after "-- ", or a final one-word sign-off line (a name). */
    static String ownText(String body) {
        String text = body.replace("\r\n", "\n");
        var header = QUOTE_HEADER.matcher(text);
        if (header.find()) {
            text = text.substring(0, header.start());
        }
        int signature = text.indexOf("\n-- \n");
        if (signature >= 0) {
            text = text.substring(0, signature);
        }
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (!line.stripLeading().startsWith(">") && !line.isBlank()) {
                lines.add(line.strip());
            }
        }
        if (lines.size() > 1 && lines.get(lines.size() - 1).matches("[\\p{L}'-]{1,30}")) {
            lines.remove(lines.size() - 1);
        }
        return String.join(" ", lines);
    }

    private static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        for (String w : text.toLowerCase(Locale.ROOT).replace('’', '\'').split("[^\\p{L}']+")) {
            if (!w.isBlank()) {
                words.add(w);
            }
        }
        return words;
    }
}
