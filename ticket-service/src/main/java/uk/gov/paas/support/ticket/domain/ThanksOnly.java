package uk.gov.paas.support.ticket.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Recognises a tenant reply that is only thanks or acknowledgement, which must not reopen a believed-solved or solved
 * ticket. Conservative on purpose: a reply is thanks-only only if every line that is not quoted history or a signature
 * is thanks or acknowledgement; anything this class does not recognise reopens.
 *
 * <p><b>Quoted history</b>, recognised only by strict markers; the first marker and everything after it are dropped:
 * <ul>
 * <li>a quote header {@code On <date/time>, <name> wrote:} (starts with "On ", ends with "wrote:", holds an email
 * address or a clock time, at most 320 characters), also wrapped over two lines as Gmail and Outlook do. If the
 * header is followed by {@code >} lines and then by any other text, that text is an inline answer: the reply reopens;
 * <li>{@code -----Original Message-----};
 * <li>an Outlook header block: {@code From: ...} followed, blank lines aside, by {@code Sent:}/{@code Date:} and
 * {@code To:}/{@code Subject:} lines;
 * <li>a separator line of 20 or more underscores (Outlook's {@code ________________________________}).
 * </ul>
 * Lines starting with {@code >} are quoted wherever they are, and dropped.
 *
 * <p><b>Signature</b>: the RFC 3676 delimiter line {@code "-- "} (also {@code "--"}, as mail intake strips trailing
 * spaces) and everything after it. Mobile footers ("Sent from my iPhone", "Get Outlook for Android"...) are dropped
 * when a line is exactly one of them.
 *
 * <p><b>Sign-off</b>: if the last line that is exactly a valediction ({@link #VALEDICTIONS}: "Kind regards", "Best
 * wishes", "Thanks,", "Cheers", "Many thanks"...) is followed by 1 to {@value #MAX_NAME_LINES} lines that are a name
 * block, those lines are dropped (the valediction itself stays and is checked like any other line). A name block is a
 * name line (1-4 name words, see below, or particles such as "de", "van", optionally "(she/her)", at most
 * {@value #MAX_NAME_CHARS} characters), then title/organisation lines: an email address, a phone number (10-13 digits,
 * optional "Tel:"/"M:" label), or at most {@value #MAX_NAME_LINE_WORDS} words and {@value #MAX_NAME_LINE_CHARS}
 * characters of letters and {@code .,'&|/()-} where every word is capitalised or one of "of", "for", "and", "the",
 * "at"..., and no word is in the problem vocabulary ({@link #PROBLEM}: broken, failing, still, down, error, not, help,
 * please, urgent...). Without such a sign-off, the last line is dropped only if it is a bare name of 1-2 name words and
 * not the only line. A name word is capitalised letters ("Jane", "O'Brien", "McDonald", "J."), not a problem, thanks or
 * acknowledgement word, and not longer than 4 letters ending in "ing" or "ed" (so "Broken", "Failing", "Deploying",
 * "Timed" are never names).
 *
 * <p><b>What is left</b> must be non-empty and each line must consist only of words from {@link #ALLOWED} (thanks,
 * acknowledgement and valediction words; no "yes", "but", "not", "still", "no" or "n't" word), the punctuation
 * {@code .,!;'"()&*~-} (so no {@code ?} and no {@code :}) and positive emoji or emoticons ({@link #POSITIVE}: 👍 🙏 🙂
 * :) ...). "again" is allowed only straight after "thanks" or "thank you". One name word straight after
 * thanks/thank you/cheers/regards/best ("Thanks Sam", "Thanks, Jane") is allowed as an addressee. At least one thanks
 * word ({@link #THANKS}) must be present, and at most {@value #MAX_WORDS} words (addressee names not counted). Digits,
 * colons, other symbols or emoji, a lone "👍" or "Regards" (no thanks word) all reopen.
 */
public final class ThanksOnly {

    static final int MAX_WORDS = 15;
    static final int MAX_NAME_LINES = 3;
    static final int MAX_NAME_LINE_WORDS = 6;
    static final int MAX_NAME_LINE_CHARS = 60;
    private static final int MAX_NAME_CHARS = 40;
    private static final int MAX_BARE_NAME_WORDS = 2;
    private static final int MAX_FULL_NAME_WORDS = 4;
    private static final int MAX_QUOTE_HEADER_CHARS = 320;

    static final Set<String> THANKS = Set.of("thanks", "thank", "thankyou", "thanx", "thx", "ty", "ta", "cheers", "appreciated",
            "appreciate", "grateful");
    static final Set<String> ALLOWED = Set.of("thanks", "thank", "thankyou", "thanx", "thx", "ty", "ta", "cheers", "appreciated",
            "appreciate", "grateful", "you", "very", "much", "so", "a", "lot", "lots", "all", "for", "the", "your", "help", "helping",
            "quick", "swift", "prompt", "speedy", "response", "reply", "fix", "support", "team", "everyone", "guys", "folks", "many", "great",
            "perfect", "brilliant", "excellent", "awesome", "lovely", "fantastic", "amazing", "wonderful", "fab", "super", "nice", "one",
            "good", "fine", "ok", "okay", "got", "it", "it's", "its", "that", "that's", "thats", "this", "works", "worked", "working",
            "looks", "sorted", "fixed", "resolved", "solved", "done", "trick", "now", "all's", "everything", "everything's", "is", "has",
            "have", "and", "we", "i", "really", "greatly", "hugely", "indeed", "noted", "understood", "received", "again", "kind",
            "kindest", "regards", "best", "wishes", "warm", "warmest", "with", "yours", "sincerely", "faithfully", "bw", "kr");
    static final Set<String> VALEDICTIONS = Set.of("kind regards", "kindest regards", "best regards", "warm regards", "warmest regards",
            "regards", "best wishes", "warm wishes", "all the best", "best", "cheers", "thanks", "thank you", "many thanks", "thanks again",
            "thanks very much", "thank you very much", "with thanks", "with many thanks", "thanks and regards", "thanks and kind regards",
            "yours sincerely", "yours faithfully", "ta", "thx", "bw", "kr");
    /** Words that never count as a name: problems, negations, contrast, questions, requests. */
    static final Set<String> PROBLEM = Set.of("broken", "broke", "break", "breaks", "breaking", "fail", "fails", "failed", "failing",
            "failure", "failures", "down", "error", "errors", "erroring", "issue", "issues", "problem", "problems", "bug", "bugs", "crash",
            "crashes", "crashed", "crashing", "outage", "timeout", "timeouts", "slow", "stuck", "still", "not", "no", "nope", "never",
            "again", "wrong", "help", "urgent", "asap", "please", "pls", "also", "but", "however", "although", "though", "except",
            "unfortunately", "sadly", "same", "worse", "bad", "dead", "offline", "unavailable", "unreachable", "missing", "lost", "gone",
            "blocked", "hang", "hangs", "why", "what", "how", "when", "where", "who", "which", "can", "could", "would", "should", "need",
            "needs", "want", "back", "nothing", "none", "cannot", "can't", "won't", "didn't", "doesn't", "isn't", "actually", "more",
            "another", "question", "query", "quota", "staging", "prod", "production", "app", "apps", "deploy", "database", "outstanding",
            "regression", "intermittent", "flaky", "hmm", "sorry", "yes");
    private static final Set<String> NAME_AFTER = Set.of("thanks", "thankyou", "thanx", "thx", "ty", "ta", "cheers", "you", "regards",
            "wishes", "best");
    private static final Set<String> PARTICLES = Set.of("de", "van", "von", "der", "den", "du", "da", "di", "le", "la", "bin", "al");
    private static final Set<String> CONNECTORS = Set.of("of", "for", "and", "the", "at", "de", "van", "von", "der", "den", "du", "da",
            "di", "le", "la", "bin", "al");
    static final List<String> POSITIVE = List.of(":-)", ":)", ":-D", ":D", ";-)", ";)", "=)", "🙂", "😊", "😀", "😃", "😄", "😁", "👍", "👌",
            "🙏", "🎉", "✅", "❤", "💯", "🥳", "🙌", "👏");

    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile("(?i)-{2,}\\s*original message\\s*-{2,}");
    private static final Pattern SEPARATOR = Pattern.compile("_{20,}");
    private static final Pattern FROM = Pattern.compile("(?i)from:\\s*\\S.*");
    private static final Pattern HEADER_FIELD = Pattern.compile("(?i)(sent|date|to|cc|bcc|subject|importance|reply-to):.*");
    private static final Pattern EMAIL_IN = Pattern.compile("[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern CLOCK_TIME = Pattern.compile("\\d{1,2}[:.]\\d{2}");
    private static final Pattern DEVICE_FOOTER = Pattern.compile("(?i)(sent from my (iphone|ipad|android( phone| device)?|phone|mobile"
            + "|samsung( galaxy( \\w{1,10})?)?( smartphone)?|blackberry)|get outlook for (ios|android)"
            + "|sent from (outlook|mail|yahoo mail|gmail) for (ios|android|iphone|ipad|mac|windows( 10| 11)?)|sent from mail for windows( 10| 11)?)\\.?");
    private static final Pattern PHONE = Pattern.compile("(?i)((tel|telephone|phone|mobile|mob|m|t)\\s*[:.]?\\s*)?\\+?[0-9][0-9 ()-]{8,18}[0-9]");
    private static final Pattern EMAIL = Pattern.compile("(?i)(e(mail)?\\s*[:.]?\\s*)?[\\w.+-]+@[\\w-]+(\\.[\\w-]+)+");
    private static final Pattern NAME_LINE_CHARS = Pattern.compile("[\\p{L} .,'’&|/()\\-–]+");
    private static final Pattern NAME_LINE_SPLIT = Pattern.compile("[^\\p{L}.'’\\-]+");
    private static final Pattern PRONOUNS = Pattern.compile("(?i)\\s*\\((she|he|they)/(her|him|them)(/(hers|his|theirs))?\\)$");
    private static final Pattern NAME_WORD = Pattern.compile("\\p{Lu}\\p{Ll}*(['’-]?\\p{Lu}\\p{Ll}+)?|\\p{Lu}\\.");
    private static final Pattern TEXT_CHARS = Pattern.compile("[\\p{L}\\p{N}\\s.,!;'’‘\"“”()&*~\\-–—…]*");
    private static final Pattern WORD_SPLIT = Pattern.compile("[^\\p{L}\\p{N}'’]+");

    private ThanksOnly() {
    }

    public static boolean isThanksOnly(String body) {
        if (body == null) {
            return false;
        }
        return ownLines(body).map(ThanksOnly::onlyThanks).orElse(false);
    }

    /**
     * The tenant's own lines: without quoted history, a signature, mobile footers, a sign-off's name block or a bare
     * trailing name. Empty when the reply answers inline below a quote header, which always reopens.
     */
    static Optional<List<String>> ownLines(String body) {
        List<String> lines = new ArrayList<>();
        for (String line : normalise(body).split("\n", -1)) {
            lines.add(line.strip());
        }
        int history = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            int header = quoteHeaderLines(lines, i);
            if (header > 0) {
                if (inlineAnswerAfter(lines, i + header)) {
                    return Optional.empty();
                }
                history = i;
                break;
            }
            if (ORIGINAL_MESSAGE.matcher(lines.get(i)).matches() || SEPARATOR.matcher(lines.get(i)).matches() || outlookHeader(lines, i)) {
                history = i;
                break;
            }
        }
        List<String> own = new ArrayList<>();
        for (String line : lines.subList(0, history)) {
            if (line.equals("--")) {
                break;
            }
            if (!line.isEmpty() && !line.startsWith(">") && !DEVICE_FOOTER.matcher(line).matches()) {
                own.add(line);
            }
        }
        int valediction = -1;
        for (int i = own.size() - 1; i >= 0 && valediction < 0; i--) {
            if (isValediction(own.get(i))) {
                valediction = i;
            }
        }
        int after = own.size() - 1 - valediction;
        if (valediction >= 0 && after >= 1 && after <= MAX_NAME_LINES && isName(own.get(valediction + 1), MAX_FULL_NAME_WORDS)
                && own.subList(valediction + 2, own.size()).stream().allMatch(ThanksOnly::isNameBlockLine)) {
            own = new ArrayList<>(own.subList(0, valediction + 1));
        } else if (own.size() > 1 && isName(own.get(own.size() - 1), MAX_BARE_NAME_WORDS)) {
            own.remove(own.size() - 1);
        }
        return Optional.of(own);
    }

    private static String normalise(String body) {
        return body.replace("\r\n", "\n").replace('\r', '\n').replace('\u00a0', ' ').replaceAll("[\\u200b\\u200c\\u2060\\ufeff\\u00ad]", "");
    }

    /** How many lines (1 or 2) an {@code On <date>, <name> wrote:} header at {@code i} takes, or 0. */
    private static int quoteHeaderLines(List<String> lines, int i) {
        String line = lines.get(i);
        if (!line.regionMatches(true, 0, "On ", 0, 3)) {
            return 0;
        }
        if (endsWithWrote(line)) {
            return isQuoteHeader(line) ? 1 : 0;
        }
        return i + 1 < lines.size() && endsWithWrote(lines.get(i + 1)) && isQuoteHeader(line + " " + lines.get(i + 1)) ? 2 : 0;
    }

    private static boolean endsWithWrote(String line) {
        return line.toLowerCase(Locale.ROOT).endsWith("wrote:");
    }

    private static boolean isQuoteHeader(String header) {
        return header.length() <= MAX_QUOTE_HEADER_CHARS && header.toLowerCase(Locale.ROOT).matches("on\\s.*\\swrote:")
                && (EMAIL_IN.matcher(header).find() || CLOCK_TIME.matcher(header).find());
    }

    /** Text below a {@code >}-quoted block that follows a quote header: the tenant answered inline. */
    private static boolean inlineAnswerAfter(List<String> lines, int from) {
        int first = from;
        while (first < lines.size() && lines.get(first).isEmpty()) {
            first++;
        }
        if (first == lines.size() || !lines.get(first).startsWith(">")) {
            return false;
        }
        return lines.subList(first, lines.size()).stream()
                .anyMatch(l -> !l.isEmpty() && !l.startsWith(">") && !DEVICE_FOOTER.matcher(l).matches());
    }

    /** {@code From: ...} followed, blank lines aside, by header fields including Sent/Date and To/Subject. */
    private static boolean outlookHeader(List<String> lines, int i) {
        if (!FROM.matcher(lines.get(i)).matches()) {
            return false;
        }
        boolean sent = false;
        boolean to = false;
        for (int j = i + 1; j < lines.size() && j <= i + 12; j++) {
            String line = lines.get(j);
            if (line.isEmpty()) {
                continue;
            }
            if (!HEADER_FIELD.matcher(line).matches()) {
                break;
            }
            String field = line.substring(0, line.indexOf(':')).toLowerCase(Locale.ROOT);
            sent |= field.equals("sent") || field.equals("date");
            to |= field.equals("to") || field.equals("subject");
        }
        return sent && to;
    }

    private static boolean isValediction(String line) {
        String v = line.toLowerCase(Locale.ROOT).replace("&", " and ").replaceAll("[,.!]+$", "").replaceAll("\\s+", " ").strip();
        return VALEDICTIONS.contains(v);
    }

    private static boolean isNameBlockLine(String line) {
        if (EMAIL.matcher(line).matches()) {
            return true;
        }
        if (PHONE.matcher(line).matches()) {
            long digits = line.chars().filter(Character::isDigit).count();
            return digits >= 10 && digits <= 13;
        }
        if (line.length() > MAX_NAME_LINE_CHARS || !NAME_LINE_CHARS.matcher(line).matches()) {
            return false;
        }
        List<String> words = new ArrayList<>();
        for (String w : NAME_LINE_SPLIT.split(line)) {
            String word = w.replaceAll("^[.'’-]+|[.'’-]+$", "");
            if (!word.isEmpty()) {
                words.add(word);
            }
        }
        if (words.isEmpty() || words.size() > MAX_NAME_LINE_WORDS) {
            return false;
        }
        boolean capitalised = false;
        for (String word : words) {
            String lower = word.toLowerCase(Locale.ROOT).replace('’', '\'').replace(".", "");
            if (PROBLEM.contains(lower)) {
                return false;
            }
            if (Character.isUpperCase(word.codePointAt(0))) {
                capitalised = true;
            } else if (!CONNECTORS.contains(lower)) {
                return false;
            }
        }
        return capitalised;
    }

    /** A person's name: 1 to {@code maxWords} name words or particles (de, van...), an optional pronoun note, at most {@value #MAX_NAME_CHARS} characters. */
    private static boolean isName(String line, int maxWords) {
        String name = PRONOUNS.matcher(line).replaceFirst("");
        if (name.length() > MAX_NAME_CHARS) {
            return false;
        }
        String[] words = name.split("\\s+");
        boolean named = false;
        for (String word : words) {
            if (isNameWord(word)) {
                named = true;
            } else if (!PARTICLES.contains(word)) {
                return false;
            }
        }
        return named && words.length <= maxWords;
    }

    /** A capitalised word that is not a problem, thanks or acknowledgement word and does not look like a verb form. */
    private static boolean isNameWord(String word) {
        if (!NAME_WORD.matcher(word).matches()) {
            return false;
        }
        String lower = word.toLowerCase(Locale.ROOT).replace('’', '\'').replace(".", "");
        boolean verbForm = lower.length() > 4 && (lower.endsWith("ing") || lower.endsWith("ed"));
        return !verbForm && !PROBLEM.contains(lower) && !ALLOWED.contains(lower);
    }

    private static boolean onlyThanks(List<String> own) {
        if (own.isEmpty()) {
            return false;
        }
        int count = 0;
        boolean thanked = false;
        for (String line : own) {
            String text = line.replaceAll("[\\ufe0f\\x{1F3FB}-\\x{1F3FF}]", "");
            for (String positive : POSITIVE) {
                text = text.replace(positive, " ");
            }
            // also refuses "?", ":" (a sad ":(" or "one more thing:"), other symbols and any other emoji
            if (!TEXT_CHARS.matcher(text).matches()) {
                return false;
            }
            String previous = "";
            for (String token : WORD_SPLIT.split(text)) {
                String word = token.replace('’', '\'').replaceAll("^'+|'+$", "");
                if (word.isEmpty()) {
                    continue;
                }
                String lower = word.toLowerCase(Locale.ROOT);
                if (NAME_AFTER.contains(previous) && isNameWord(word)) {
                    previous = "";
                    continue;
                }
                if (!ALLOWED.contains(lower) || lower.equals("again") && !previous.equals("thanks") && !previous.equals("you")) {
                    return false;
                }
                thanked |= THANKS.contains(lower);
                count++;
                previous = lower;
            }
        }
        return thanked && count <= MAX_WORDS;
    }
}
