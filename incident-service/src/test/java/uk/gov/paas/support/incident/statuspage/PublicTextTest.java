package uk.gov.paas.support.incident.statuspage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import uk.gov.paas.support.incident.statuspage.PublicText.Context;

/** The one redaction rule for public text: plain JUnit, one row per case. */
class PublicTextTest {

    static final Context CTX = new Context(Set.of("Ada Lovelace", "Dana Delivery (delivery manager)", "comms@internal.example", "Bo Li"),
            List.of("https://tickets.internal", "http://localhost:8081", "https://status.example.gov.uk/api/"));

    static Stream<Arguments> cases() {
        return Stream.of(
                // emails
                Arguments.of("plain address", "Write to jo@example.org today", "Write to [email removed] today"),
                Arguments.of("mailto link", "[mail us](mailto:support@paas.example.gov.uk)", "[mail us]([email removed])"),
                Arguments.of("plus and sub-domain", "from ada.l+incident@mail.digital.cabinet-office.gov.uk.",
                        "from [email removed]."),
                Arguments.of("upper case", "JO.BLOGGS@EXAMPLE.COM said", "[email removed] said"),
                Arguments.of("angle brackets", "Jo <jo@example.org>", "Jo <[email removed]>"),
                Arguments.of("spelled out", "mail jo at example dot org please", "mail [email removed] please"),
                Arguments.of("bracketed spelling", "jo [at] example [dot] org", "[email removed]"),
                Arguments.of("'at' alone is a word", "We looked at the logs at 10:00", "We looked at the logs at 10:00"),
                // phones
                Arguments.of("UK mobile, international", "Call +44 7700 900123 now", "Call [phone removed] now"),
                Arguments.of("UK mobile, national", "Call 07700 900123.", "Call [phone removed]."),
                Arguments.of("UK mobile, no spaces", "on 07700900123", "on [phone removed]"),
                Arguments.of("London, brackets", "ring (020) 7946 0000 or", "ring [phone removed] or"),
                Arguments.of("London, (0) form", "ring +44 (0)20 7946 0000", "ring [phone removed]"),
                Arguments.of("Bristol with hyphens", "0117-496-0000", "[phone removed]"),
                Arguments.of("US international", "Vendor: +1 415 555 0100", "Vendor: [phone removed]"),
                Arguments.of("US national", "Vendor: (415) 555-0100", "Vendor: [phone removed]"),
                Arguments.of("times, dates, counts and versions stay",
                        "From 09:20 to 10:05 on 2026-11-25, 1200 requests failed on v2.14.0 (10.0.0.1), incident #123",
                        "From 09:20 to 10:05 on 2026-11-25, 1200 requests failed on v2.14.0 (10.0.0.1), incident #123"),
                // links
                Arguments.of("ticket-service link", "See https://tickets.internal/tickets/42 for more", "See [link removed] for more"),
                Arguments.of("internal host, other scheme", "http://TICKETS.internal/api/tickets/42.", "[link removed]."),
                Arguments.of("local ticket-service", "http://localhost:8081/api/tickets/7", "[link removed]"),
                Arguments.of("a port is not a prefix", "http://localhost:80812/x", "http://localhost:80812/x"),
                Arguments.of("own /api/", "(https://status.example.gov.uk/api/incidents/3/report)", "([link removed])"),
                Arguments.of("own status page stays", "https://status.example.gov.uk/status#incident-3", "https://status.example.gov.uk/status#incident-3"),
                Arguments.of("relative /api/ path", "GET /api/incidents/3 shows it", "GET [link removed] shows it"),
                Arguments.of("gov.uk stays", "Read https://www.gov.uk/guidance/paas-07700900123.", "Read https://www.gov.uk/guidance/paas-07700900123."),
                Arguments.of("markdown link to gov.uk stays", "[guidance](https://www.gov.uk/service-manual)", "[guidance](https://www.gov.uk/service-manual)"),
                Arguments.of("an address inside a link", "https://example.org/?to=jo@example.org", "[link removed]"),
                // names
                Arguments.of("full name", "Ada Lovelace rolled back the change", "the team rolled back the change"),
                Arguments.of("full name, any case", "asked ADA LOVELACE and ada  lovelace", "asked the team and the team"),
                Arguments.of("first name alone", "Ada rolled back; Dana agreed", "the team rolled back; the team agreed"),
                Arguments.of("a name inside a word stays", "Adam and Adaline and Lovelaces", "Adam and Adaline and Lovelaces"),
                Arguments.of("first name in lower case is a word", "data in ada, the language", "data in ada, the language"),
                Arguments.of("a name in parentheses is cut", "agreed by Dana Delivery (delivery manager)", "agreed by the team (delivery manager)"),
                Arguments.of("short names", "Bo Li paged Bo", "the team paged the team"),
                Arguments.of("an author who is an address", "by comms@internal.example", "by [email removed]"),
                // markdown and no-ops
                Arguments.of("markdown kept", "## Causes\n- a **full disk** on `cell-1`\n1. Grow it\n",
                        "## Causes\n- a **full disk** on `cell-1`\n1. Grow it\n"),
                Arguments.of("markdown around redactions", "- **Ada** wrote to `jo@example.org`", "- **the team** wrote to `[email removed]`"),
                Arguments.of("empty", "", ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void redacts(String why, String text, String expected) {
        assertEquals(expected, PublicText.redact(text, CTX), why);
    }

    @Test
    void nullStaysNullAndRedactingTwiceChangesNothingMore() {
        assertEquals(null, PublicText.redact(null, CTX));
        String once = PublicText.redact("Ada Lovelace (ada@example.org, 07700 900123) see https://tickets.internal/1", CTX);
        assertEquals("the team ([email removed], [phone removed]) see [link removed]", once);
        assertEquals(once, PublicText.redact(once, CTX));
    }

    @Test
    void withoutNamesOnlyAddressesPhonesAndLinksGo() {
        assertEquals("Ada Lovelace: [email removed]", PublicText.redact("Ada Lovelace: ada@example.org", Context.of(List.of())));
    }
}
