package uk.gov.paas.support.incident.statuspage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one redaction rule for everything the public sees (status page, its JSON, the Statuspage format, published
 * reports): a pure function, no database, no clock. It replaces
 * <ul>
 * <li>email addresses, with or without {@code mailto:}, and the spelled-out form {@code jo at example dot org}, with
 *     {@value #EMAIL};</li>
 * <li>phone numbers: UK national ({@code 07700 900123}, {@code (020) 7946 0000}, 10 or 11 digits starting 0),
 *     international ({@code +44 7700 900123}, {@code +44 (0)20 7946 0000}, {@code +1 415 555 0100}) and
 *     {@code (415) 555-0100}, with {@value #PHONE};</li>
 * <li>internal links: a URL starting with one of the context's internal prefixes (scheme ignored), a relative
 *     {@code /api/...} path, and any URL carrying an {@code @} (an address in a link), with {@value #LINK}; other
 *     links (gov.uk, a vendor's status page) stay;</li>
 * <li>people's names: each full name, whole words, case-insensitive; and each first name alone, whole word,
 *     case-sensitive as the directory writes it ("Ada" but not "Adam", and not "will" for a Will), with
 *     {@value #NAME}.</li>
 * </ul>
 * Everything else is left as written, Markdown included; applying it twice changes nothing more.
 */
public final class PublicText {

    public static final String EMAIL = "[email removed]";
    public static final String PHONE = "[phone removed]";
    public static final String LINK = "[link removed]";
    public static final String NAME = "the team";

    /** Whose names to remove, and which addresses are internal ({@code https://tickets.internal}, {@code http://localhost:8082/api/}). */
    public record Context(Set<String> names, List<String> internalUrlPrefixes) {

        public Context {
            names = Set.copyOf(names);
            internalUrlPrefixes = List.copyOf(internalUrlPrefixes);
        }

        /** No names: for text that belongs to no incident (component descriptions). */
        public static Context of(List<String> internalUrlPrefixes) {
            return new Context(Set.of(), internalUrlPrefixes);
        }

        public Context withNames(Collection<String> more) {
            Set<String> all = new LinkedHashSet<>(names);
            all.addAll(more);
            return new Context(all, internalUrlPrefixes);
        }
    }

    private static final String NOT_WORD_BEFORE = "(?<![\\p{L}\\p{N}_])";
    private static final String NOT_WORD_AFTER = "(?![\\p{L}\\p{N}_])";

    /** Absolute links, and relative links into an API; trailing sentence punctuation is cut off afterwards. */
    private static final Pattern URL = Pattern.compile("(?i)(?:(?<![\\w@.:/-])(?:https?://|www\\.)[^\\s<>()\\[\\]\"'`]+|(?<![\\w/.:-])/api/[^\\s<>()\\[\\]\"'`]*)");
    private static final Pattern EMAIL_ADDRESS = Pattern.compile(
            "(?i)(?:mailto:)?[a-z0-9._%+-]+@[a-z0-9-]+(?:\\.[a-z0-9-]+)+");
    /** "jo at example dot org", "jo [at] example [dot] org": needs both an at and at least one dot. */
    private static final Pattern SPELLED_EMAIL = Pattern.compile(
            "(?i)" + NOT_WORD_BEFORE + "[a-z0-9._%+-]+\\s*(?:\\[at]|\\(at\\)|\\sat\\s)\\s*[a-z0-9-]+(?:\\s*(?:\\[dot]|\\(dot\\)|\\sdot\\s)\\s*[a-z0-9-]+)+"
                    + NOT_WORD_AFTER);
    private static final Pattern INTERNATIONAL_PHONE = Pattern.compile(
            "(?<![\\w+])\\+\\d{1,3}(?:[\\s.-]?(?:\\(0\\)|\\(\\d{1,4}\\)|\\d{1,4})){2,6}(?!\\w)");
    private static final Pattern UK_PHONE = Pattern.compile("(?<![\\w+(])(?:\\(0\\d{2,4}\\)|0\\d{2,4})[\\s-]?\\d{3,4}[\\s-]?\\d{3,4}(?!\\w)");
    private static final Pattern US_PHONE = Pattern.compile("(?<!\\w)\\(\\d{3}\\)\\s?\\d{3}[\\s.-]\\d{4}(?!\\w)");

    private PublicText() {
    }

    /** {@code text} with every address, phone number, internal link and named person replaced; null stays null. */
    public static String redact(String text, Context ctx) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        // links first, cut out so that the rules below never rewrite the inside of a link that stays
        StringBuilder out = new StringBuilder();
        Matcher m = URL.matcher(text);
        int from = 0;
        while (m.find()) {
            String url = trimPunctuation(m.group());
            int end = m.start() + url.length();
            out.append(redactPlain(text.substring(from, m.start()), ctx));
            out.append(internal(url, ctx) ? LINK : url);
            from = end;
        }
        out.append(redactPlain(text.substring(from), ctx));
        return out.toString();
    }

    private static String redactPlain(String text, Context ctx) {
        if (text.isEmpty()) {
            return text;
        }
        String s = EMAIL_ADDRESS.matcher(text).replaceAll(Matcher.quoteReplacement(EMAIL));
        s = SPELLED_EMAIL.matcher(s).replaceAll(Matcher.quoteReplacement(EMAIL));
        s = phones(s, INTERNATIONAL_PHONE, 7, 15);
        s = phones(s, UK_PHONE, 10, 11);
        s = US_PHONE.matcher(s).replaceAll(Matcher.quoteReplacement(PHONE));
        return names(s, ctx.names());
    }

    /** Replaces the matches with {@code min} to {@code max} digits (a {@code (0)} not counted), leaving other numbers alone. */
    private static String phones(String text, Pattern pattern, int min, int max) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            long digits = m.group().replace("(0)", "").chars().filter(Character::isDigit).count();
            m.appendReplacement(out, Matcher.quoteReplacement(digits >= min && digits <= max ? PHONE : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String names(String text, Set<String> names) {
        List<String> full = new ArrayList<>();
        Set<String> first = new LinkedHashSet<>();
        for (String raw : names) {
            String name = clean(raw);
            if (name.length() < 2) {
                continue;
            }
            full.add(name);
            String[] parts = name.split("\\s+");
            if (parts.length > 1 && parts[0].length() >= 2 && Character.isUpperCase(parts[0].charAt(0))) {
                first.add(parts[0]);
            }
        }
        // longest first, so "Ada Lovelace" goes whole before "Ada" alone
        full.sort(Comparator.comparingInt(String::length).reversed());
        String s = text;
        for (String name : full) {
            String words = String.join("\\s+", java.util.Arrays.stream(name.split("\\s+")).map(Pattern::quote).toList());
            s = Pattern.compile(NOT_WORD_BEFORE + words + NOT_WORD_AFTER, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE).matcher(s)
                    .replaceAll(Matcher.quoteReplacement(NAME));
        }
        for (String name : first) {
            s = Pattern.compile(NOT_WORD_BEFORE + Pattern.quote(name) + NOT_WORD_AFTER).matcher(s).replaceAll(Matcher.quoteReplacement(NAME));
        }
        return s;
    }

    /** "Dana Delivery (delivery manager)" is Dana Delivery; an address is no name (addresses go anyway). */
    private static String clean(String raw) {
        if (raw == null || raw.contains("@")) {
            return "";
        }
        return raw.replaceAll("\\([^)]*\\)", " ").strip().replaceAll("\\s+", " ");
    }

    private static boolean internal(String url, Context ctx) {
        if (url.contains("@")) {
            return true;
        }
        String bare = withoutScheme(url).toLowerCase(Locale.ROOT);
        if (bare.startsWith("/api/")) {
            return true;
        }
        for (String prefix : ctx.internalUrlPrefixes()) {
            String p = withoutScheme(prefix.strip()).toLowerCase(Locale.ROOT);
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("/")) {
                if (bare.startsWith(p) || bare.equals(p.substring(0, p.length() - 1))) {
                    return true;
                }
            } else if (bare.startsWith(p) && (bare.length() == p.length() || "/?#".indexOf(bare.charAt(p.length())) >= 0)) {
                return true;
            }
        }
        return false;
    }

    private static String withoutScheme(String url) {
        return url.replaceFirst("(?i)^https?://", "");
    }

    private static String trimPunctuation(String url) {
        int end = url.length();
        while (end > 0 && ".,;:!?*_".indexOf(url.charAt(end - 1)) >= 0) {
            end--;
        }
        return url.substring(0, end);
    }
}
