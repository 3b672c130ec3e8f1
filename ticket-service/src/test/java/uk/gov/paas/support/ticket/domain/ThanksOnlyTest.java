package uk.gov.paas.support.ticket.domain;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A thanks-only reply does not reopen a solved ticket; anything more does. */
class ThanksOnlyTest {

    @ParameterizedTest
    @ValueSource(strings = {"Thanks!", "Thank you", "thanks very much", "Many thanks, that's sorted", "Cheers", "Thanks\nJane",
            "Thank you so much for the quick fix!\n\nOn Mon, 23 Nov 2026 at 10:00, PaaS Support <support@example.gov.uk> wrote:\n> Did that help?",
            "Thanks, all good now\n-- \nJane Tenant\nDepartment for Examples", "> quoted question?\nthanks a lot", "Ta", "Thanks – works now"})
    void thanksAndAcknowledgementsDoNotReopen(String body) {
        assertTrue(ThanksOnly.isThanksOnly(body), body);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks, but it is still failing", "Thanks! One more thing: can we get more memory?", "Thanks?", "ok",
            "It works", "", "   ", "Thanks, but the deploy broke again this morning at 9 and again at 10 and we need help",
            "Thanks. Could you also look at our staging space", "No thanks", "thanks, not fixed"})
    void anythingMoreReopens(String body) {
        assertFalse(ThanksOnly.isThanksOnly(body), body);
    }
}
