package uk.gov.paas.support.ticket.domain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A thanks-only reply does not reopen a solved ticket; anything more does. Each row is a real-looking reply (plain text
 * as typed in the API, or as mail intake turns a Gmail, Outlook or Apple Mail message into text) and says why.
 */
class ThanksOnlyTest {

    private static final boolean THANKS = true;
    private static final boolean REOPENS = false;

    private static final String GMAIL_HEADER = "On Tue, 1 Dec 2026 at 10:02, GOV.UK PaaS Support <support@example.gov.uk> wrote:";
    private static final String QUOTED = """
            > Hello Jane,
            >
            > We have deployed a fix for the router. Could you check your app?
            >
            > --
            > Sam, GOV.UK PaaS support, 1 Dec 2026 10:02
            > Ticket #123 (PENDING_BELIEVED_SOLVED): Router 502s for billing-api
            """;
    private static final String OUTLOOK_HEADER = """
            From: GOV.UK PaaS Support <support@example.gov.uk>
            Sent: 01 December 2026 10:02
            To: Jane Smith <jane.smith@example.gov.uk>
            Subject: RE: [#123 PENDING_BELIEVED_SOLVED] Router 502s for billing-api

            Hello Jane,

            We have deployed a fix for the router. Is it still happening?
            """;
    /** Outlook's HTML, one div per header field: intake leaves a blank line between the fields. */
    private static final String OUTLOOK_HTML_HEADER = """
            From: GOV.UK PaaS Support <support@example.gov.uk>

            Sent: Tuesday, December 1, 2026 10:02 AM

            To: Priya Patel <priya.patel@example.gov.uk>

            Subject: [#123 SOLVED] Router 502s for billing-api

            We have marked ticket #123 as solved. If it is not solved, reply to this email and we will reopen it.
            """;

    static Stream<Arguments> replies() {
        return Stream.of(
                // thanks-only: recorded, not reopened
                row(THANKS, "a bare thanks", "Thanks!"),
                row(THANKS, "thank you", "Thank you"),
                row(THANKS, "lower case, intensifiers", "thanks very much"),
                row(THANKS, "thanks and an acknowledgement", "Many thanks, that's sorted"),
                row(THANKS, "cheers is thanks", "Cheers"),
                row(THANKS, "ta is thanks", "Ta"),
                row(THANKS, "en dash is punctuation", "Thanks – works now"),
                row(THANKS, "'Thanks' as a closing followed by a one-line name", "Thanks\nJane"),
                row(THANKS, "a bare trailing first name after a blank line", "Thanks, that worked!\n\nJo"),
                row(THANKS, "a bare trailing first name, no valediction", "Thanks, that fixed it\n\nJane"),
                row(THANKS, "a bare trailing full name", "Brilliant, that has done the trick. Thank you!\n\nJane Smith"),
                row(THANKS, "a valediction, a name and a title/organisation line",
                        "Thanks, that worked!\n\nKind regards,\nJane Smith\nDelivery Manager, Example Service"),
                row(THANKS, "Gmail quote header: the question in the quoted history does not count",
                        "Many thanks, all sorted now.\n\n" + GMAIL_HEADER + "\n" + QUOTED),
                row(THANKS, "RFC 3676 signature with a phone number", "Cheers!\n-- \nJoe Bloggs\n07700 900123"),
                row(THANKS, "RFC 3676 signature with an organisation", "Thanks, all good now\n-- \nJane Tenant\nDepartment for Examples"),
                row(THANKS, "intake strips the trailing space of the '-- ' delimiter", "Thanks.\n--\nJane Smith\nMinistry of Examples"),
                row(THANKS, "'>' lines are quoted even without a header", "> quoted question?\nthanks a lot"),
                row(THANKS, "Outlook: sign-off with name, title and mobile, then the underscore separator and header block",
                        "Thank you so much for the quick fix, that has done the trick.\n\nKind regards,\n\nJane Smith\n"
                                + "Senior Developer | HM Revenue & Customs\nM: 07700 900123\n\n________________________________\n" + OUTLOOK_HEADER),
                row(THANKS, "Outlook HTML header block with blank lines between fields; the agent is thanked by name",
                        "Thanks Sam, that's fixed it.\n\nBest wishes,\nPriya\n\n" + OUTLOOK_HTML_HEADER),
                row(THANKS, "Apple Mail: emoji, 'Sent from my iPhone', quote header wrapped over two lines",
                        "Brilliant, thank you! 👍\n\nSent from my iPhone\n\nOn 1 Dec 2026, at 10:02, GOV.UK PaaS Support <\n"
                                + "support@example.gov.uk> wrote:\n\n> We have deployed a fix.\n"),
                row(THANKS, "Gmail plain text wraps 'wrote:' onto its own line; a smiley",
                        "Perfect, thanks again :)\n\nOn Tue, 1 Dec 2026 at 10:02, GOV.UK PaaS Support <support@example.gov.uk>\nwrote:\n\n"
                                + "> Is it still failing?\n"),
                row(THANKS, "-----Original Message----- and everything after it is history",
                        "Thanks, got it.\n\n-----Original Message-----\nFrom: support@example.gov.uk\nSent: 01 December 2026 10:02\n"
                                + "Did that fix it? If not, we can look again."),
                row(THANKS, "valediction, name, organisation and email address",
                        "Thank you Sam, much appreciated.\n\nAll the best,\nAlex\nGovernment Digital Service\nalex@example.gov.uk"),
                row(THANKS, "shouting and a skin-toned emoji", "THANKS!!! 🙏🏽"),
                row(THANKS, "CRLF line ends from the API, 'Best,' and a first name", "Thanks, works now.\r\n\r\nBest,\r\nMo"),
                row(THANKS, "Thunderbird header with a time and no address", "Thanks, noted.\n\nOn 01/12/2026 10:02, GOV.UK PaaS Support wrote:\n> Fixed."),
                row(THANKS, "HTML-only Gmail: the quoted history has no '>' and is still history; curly apostrophe",
                        "Thanks a lot, it’s working now.\n\nOn Tue, 1 Dec 2026 at 10:02 GOV.UK PaaS Support <support@example.gov.uk> wrote:\n\n"
                                + "Hello Jane,\nWe have deployed a fix. Could you check?"),
                row(THANKS, "the agent's name after a comma", "Thanks, Sam"),
                row(THANKS, "name with pronouns after the valediction", "Great, that worked.\n\nMany thanks,\nJane Smith (she/her)\nPlatform Lead, Ministry of Examples"),

                // reopens
                row(REOPENS, "the problem continues ('still', a status code)", "Thanks! The app is still returning 502s."),
                row(REOPENS, "'but' and 'again'", "Thanks, but it's happening again"),
                row(REOPENS, "a new request", "Cheers, can you also increase our quota"),
                row(REOPENS, "a further point after a colon", "Thank you.\n\nOne more thing: could you add Sam to our org"),
                row(REOPENS, "'Broken' after 'Thanks' is not a name", "Thanks\nBroken"),
                row(REOPENS, "'Broken' after 'Thanks!' is not a name", "Thanks!\nBroken"),
                row(REOPENS, "a lower-case problem line after 'Thanks'", "Thanks\nStill failing"),
                row(REOPENS, "a verb form is not a name", "Thanks\nDeploying"),
                row(REOPENS, "'not'", "thanks for the fix, not working on staging"),
                row(REOPENS, "the problem is below the sign-off name",
                        "Thanks, that worked!\n\nKind regards,\nJane Smith\nStill failing on staging though"),
                row(REOPENS, "the problem is below a bare name", "Thanks\n\nJane\n\nthe app is down again"),
                row(REOPENS, "a request below the sign-off name", "Cheers\nJane\nPlease reopen"),
                row(REOPENS, "a title-case problem below the name is not an organisation line", "Thanks, sorted.\n\nCheers,\nJane\nStaging Still Down"),
                row(REOPENS, "more than 15 words, even of thanks",
                        "Thanks so much, really appreciated, thank you all so very much for all the quick help"),
                row(REOPENS, "the problem is above the Gmail quote header",
                        "Thanks, the deploy works now but the logs are empty.\n\n" + GMAIL_HEADER + "\n" + QUOTED),
                row(REOPENS, "the problem is above the Outlook header block, after the sign-off",
                        "Thanks, that worked.\n\nKind regards,\nJane Smith\n\nPS the worker app is still crashing\n\n" + OUTLOOK_HEADER),
                row(REOPENS, "the problem is above the underscore separator",
                        "Thank you. Sadly it broke again overnight.\n\n________________________________\n" + OUTLOOK_HEADER),
                row(REOPENS, "'Thank you' followed by a stack trace",
                        "Thank you\n\njava.lang.IllegalStateException: Connection pool exhausted\n"
                                + "\tat org.postgresql.Driver.connect(Driver.java:285)\n\tat com.example.billing.Db.open(Db.java:42)"),
                row(REOPENS, "an inline answer below the quoted lines of a quote header",
                        "Thanks\n\n" + GMAIL_HEADER + "\n> Could you check your app?\n\nStill failing for me, see logs below.\n\n> Sam"),
                row(REOPENS, "text after the mobile footer", "Thanks\n\nSent from my iPhone\n\nThe app is down"),
                row(REOPENS, "an Outlook image placeholder and a problem", "Thank you!\n\n[cid:image001.png@01DB1234.56789AB0]\n\nStill getting errors"),
                row(REOPENS, "a question mark", "Thanks?"),
                row(REOPENS, "a question", "Thanks, how long will it take?"),
                row(REOPENS, "no thanks word", "ok"),
                row(REOPENS, "no thanks word in an acknowledgement", "It works"),
                row(REOPENS, "an empty reply", ""),
                row(REOPENS, "a blank reply", "   "),
                row(REOPENS, "'no'", "No thanks"),
                row(REOPENS, "'not fixed'", "thanks, not fixed"),
                row(REOPENS, "a detail, and more words than any thanks",
                        "Thanks, but the deploy broke again this morning at 9 and again at 10 and we need help"),
                row(REOPENS, "a request without a question mark", "Thanks. Could you also look at our staging space"),
                row(REOPENS, "a sad emoticon", "Thanks :("),
                row(REOPENS, "a thumbs down", "Thanks 👎"),
                row(REOPENS, "an emoji alone has no thanks word", "👍"),
                row(REOPENS, "a valediction is not thanks", "Kind regards,\nJane Smith"),
                row(REOPENS, "'n't'", "Thanks, that didn't fix it"),
                row(REOPENS, "'unfortunately'", "Thanks, unfortunately the 502s are back"),
                row(REOPENS, "'however'", "Thanks. However, the staging app still fails to start."),
                row(REOPENS, "'yes' may answer 'is it still happening?'", "Yes thanks"),
                row(REOPENS, "a digit", "Thanks! 1 more thing"),
                row(REOPENS, "a postscript", "Many thanks\n\nP.S. the staging route is still 404ing"),
                row(REOPENS, "'again' not after thanks", "Thanks, it works. Again."),
                row(REOPENS, "'On ... wrote:' without an address or time is not a quote header",
                        "Thanks\n\nOn Monday we wrote:\nthe app keeps crashing after each deploy"),
                row(REOPENS, "a lone 'From:' line is not an Outlook header block", "Thanks\n\nFrom: the billing team - still broken"),
                row(REOPENS, "a request after a thanks", "Thanks, that's resolved it. Please close the other ticket too."),
                row(REOPENS, "a partial fix", "Thanks, that’s fixed production, staging is next"),
                row(REOPENS, "a name block longer than three lines is not removed",
                        "Thanks!\n\nRegards,\nJane Smith\nDelivery Manager\nExample Service\nDepartment for Examples"));
    }

    private static Arguments row(boolean thanksOnly, String why, String body) {
        return Arguments.of(thanksOnly, why, body);
    }

    @ParameterizedTest(name = "{index}: {1}")
    @MethodSource("replies")
    void onlyThanksAndAcknowledgementsAreThanksOnly(boolean thanksOnly, String why, String body) {
        assertEquals(thanksOnly, ThanksOnly.isThanksOnly(body), why + ": " + body);
    }

    @Test
    void theTableHasAtLeastFortyRepliesAndMostReopen() {
        List<Arguments> rows = replies().toList();
        long reopen = rows.stream().filter(r -> !(Boolean) r.get()[0]).count();
        assertTrue(rows.size() >= 40 && reopen * 2 >= rows.size(), rows.size() + " rows, " + reopen + " reopen");
    }

    @Test
    void aMissingBodyReopens() {
        assertFalse(ThanksOnly.isThanksOnly(null));
    }

    @Test
    void quotedHistorySignatureAndSignOffAreCutFromTheOwnText() {
        assertEquals(List.of("Thanks, that worked!", "Kind regards,"),
                ThanksOnly.ownLines("Thanks, that worked!\n\nKind regards,\nJane Smith\nDelivery Manager\n\n" + GMAIL_HEADER + "\n" + QUOTED)
                        .orElseThrow());
        assertEquals(List.of("Thanks", "Broken"), ThanksOnly.ownLines("Thanks\nBroken").orElseThrow(), "a problem word is never a name");
    }
}
