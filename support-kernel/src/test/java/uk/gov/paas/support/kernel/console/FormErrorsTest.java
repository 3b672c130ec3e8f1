package uk.gov.paas.support.kernel.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import uk.gov.paas.support.kernel.problem.ApiProblem;

/** The one way every console turns a rule's refusal into a form's errors. */
class FormErrorsTest {

    @Test
    void aFieldsRefusalIsShownBesideItAndAnIndexedFieldBesideItsList() {
        FormErrors errors = FormErrors.of("update", ApiProblem.invalidField("componentIds[0]", "no such component"), "/console/incidents/7");
        assertEquals("update", errors.form());
        assertTrue(errors.has("componentIds"), errors.fields().toString());
        assertEquals("no such component", errors.get("componentIds"));
        assertNull(errors.summary(), "a field's message is beside the field, not repeated at the top");
        assertEquals(400, FormErrors.status(ApiProblem.invalidField("x", "y")));
    }

    @Test
    void aRefusalNamingNoFieldIsTheSummaryAndTheConsolesOwnFieldsAreAddedBesideTheRules() {
        FormErrors conflict = FormErrors.of("status", ApiProblem.conflict("The page was already acknowledged"), "/console/pages/3");
        assertEquals("The page was already acknowledged", conflict.summary());
        assertTrue(conflict.fields().isEmpty());
        assertEquals(409, FormErrors.status(ApiProblem.conflict("x")));

        FormErrors both = FormErrors.of("override", ApiProblem.invalidField("reason", "must not be blank"), "/console/on-call",
                Map.of("personId", "choose a person", "reason", "too short"));
        assertEquals("must not be blank; too short", both.get("reason"));
        assertEquals("choose a person", both.get("personId"));
        assertFalse(both.has("summary"));
    }

    @Test
    void whatIsNotTheClientsMistakeGoesOnToTheErrorPage() {
        IllegalStateException bug = new IllegalStateException("a bug");
        assertSame(bug, assertThrows(IllegalStateException.class, () -> FormErrors.of("x", bug, "/console")));
        assertEquals(500, FormErrors.status(bug));
    }
}
