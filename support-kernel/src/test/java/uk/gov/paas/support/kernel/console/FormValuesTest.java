package uk.gov.paas.support.kernel.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How every console reads a submitted field and sends the browser on after a change. */
class FormValuesTest {

    @Test
    void aBlankFieldIsNothingAndAFilledOneLosesOnlyItsSurroundingSpaces() {
        assertTrue(FormValues.blank(null) && FormValues.blank("") && FormValues.blank(" \t\n"));
        assertFalse(FormValues.blank(" x "));
        assertNull(FormValues.blankToNull("   "));
        assertEquals("Grace  Hopper", FormValues.blankToNull("  Grace  Hopper \n"));
        assertEquals("", FormValues.nullToEmpty(null));
        assertEquals(" as typed ", FormValues.nullToEmpty(" as typed "), "what was typed is shown again as typed");
    }

    @Test
    void afterAChangeTheBrowserIsSentOnWithA303() {
        var answer = FormValues.seeOther("/console/tickets/7?done=replied");
        assertEquals(303, answer.getStatus());
        assertEquals("/console/tickets/7?done=replied", answer.getLocation().toString());
    }
}
