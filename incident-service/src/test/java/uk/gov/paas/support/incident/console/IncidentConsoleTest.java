package uk.gov.paas.support.incident.console;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import uk.gov.paas.support.incident.IncidentFixtures;
import uk.gov.paas.support.incident.client.EscalationStub;
import uk.gov.paas.support.incident.domain.Component;
import uk.gov.paas.support.incident.domain.ComponentState;
import uk.gov.paas.support.incident.domain.Incident;
import uk.gov.paas.support.incident.domain.TimelineEntry;
import uk.gov.paas.support.kernel.console.DevSignIn;
import uk.gov.paas.support.kernel.targets.Severity;
import uk.gov.paas.support.kernel.testing.MutableClock;
import uk.gov.paas.support.local.DevTokens;

/**
 * The incident console over HTTP as a browser sends it (forms, cookies, the page's token, redirects), signed in with the
 * development sign-in: every page renders for an agent and is refused to a tenant; a form without its token is refused;
 * a tenant update naming no component is refused beside the field with nothing queued; the preview counts the
 * recipients and sends nothing, and the confirm sends once to each; the severity preview shows the new targets before
 * anything changes; the production-change option is the lead's alone; and a lead without production access is refused
 * with the directory's reason beside the field.
 */
@QuarkusTest
class IncidentConsoleTest {

    static final Instant MONDAY_10 = Instant.parse("2026-12-07T10:00:00Z");

    @Inject
    IncidentFixtures fixtures;
    @Inject
    MutableClock clock;
    @Inject
    EntityManager entityManager;
    @Inject
    uk.gov.paas.support.incident.service.Reviews reviews;

    long database;
    long routing;

    @BeforeEach
    void empty() {
        fixtures.reset();
        EscalationStub.reset();
        EscalationStub.person(1, "Ada Lovelace", "ada@support.example", true);
        EscalationStub.person(2, "Bob Nolan", "bob@support.example", false);
        clock.set(MONDAY_10);
        database = fixtures.component("Database");
        routing = fixtures.component("App routing");
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void everyPageRendersForAnAgentAndATenantGetsForbidden() {
        long id = declare("Slow deploys", "P3", database);
        String agent = signIn("agent", null, "ada@support.example");
        Response home = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console");
        assertEquals(303, home.statusCode());
        assertTrue(home.header("Location").endsWith("/console/incidents"), home.header("Location"));
        String board = page(agent, "/console/incidents");
        assertTrue(board.contains("#" + id + " Slow deploys"), board);
        assertTrue(board.contains("in 2 h 00 min"), "the P3's respond-by, 2 working hours off, as a countdown: " + board);
        assertTrue(board.contains("<time datetime=\"2026-12-07T12:00:00Z\""), "and as a time with its instant");
        assertTrue(page(agent, "/console/incidents/new").contains("name=\"componentIds\" type=\"checkbox\" value=\"" + routing + "\""));
        assertTrue(page(agent, "/console/incidents/" + id).contains("<h1 class=\"govuk-heading-l\">Slow deploys</h1>"));
        assertTrue(page(agent, "/console/incidents/" + id + "/report").contains("<h4>Incident #" + id + ": Slow deploys</h4>"), "the report, rendered");
        assertTrue(page(agent, "/console/components").contains("App routing"));

        String tenant = signIn("tenant", "acme", "jo@acme.example");
        for (String path : List.of("/console", "/console/incidents", "/console/incidents/new", "/console/incidents/" + id,
                "/console/incidents/" + id + "/report", "/console/components")) {
            assertEquals(403, given().redirects().follow(false).cookie(DevSignIn.COOKIE, tenant).get(path).statusCode(), path);
        }
        assertEquals(404, given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).get("/console/incidents/999999").statusCode());
    }

    @Test
    void theBoardCountsDownAndMarksAnOverdueUpdateInRed() {
        long id = declare("Router down", "P1", routing);
        String agent = signIn("agent", null, "ada@support.example");
        String before = page(agent, "/console/incidents");
        assertTrue(before.contains("in 20 min"), before);
        assertFalse(before.contains("govuk-tag--red\">Overdue"), "nothing overdue yet");
        clock.set(MONDAY_10.plus(Duration.ofMinutes(25)));
        String after = page(agent, "/console/incidents");
        assertTrue(after.contains("<strong class=\"govuk-tag govuk-tag--red\">Overdue</strong> <span class=\"console-overdue\">by 5 min</span>"), after);
        assertTrue(after.contains("id=\"incident-" + id + "\""));
    }

    @Test
    void anAgentDeclaresFromTheFormAndABadFormIsShownBesideItsFields() {
        String agent = signIn("agent", null, "ada@support.example");
        String form = page(agent, "/console/incidents/new");
        Map<String, List<String>> fields = new LinkedHashMap<>();
        fields.put("form-id", List.of(field(form, "form-id")));
        fields.put("description", List.of("Typed with care"));
        fields.put("severity", List.of("P1"));
        fields.put("componentIds", List.of(Long.toString(routing)));
        Response noTitle = postAll(agent, form, "/console/incidents", fields);
        assertEquals(400, noTitle.statusCode());
        String refused = noTitle.body().asString();
        assertTrue(refused.contains("id=\"declare-title-error\""), refused);
        assertTrue(refused.contains(">Typed with care</textarea>"), "the typed description is kept");
        assertTrue(refused.contains("value=\"" + routing + "\" checked"), "the ticked component stays ticked");
        assertEquals(0L, count(Incident.class));

        fields.put("title", List.of("Apps unreachable"));
        fields.put("securityBreach", List.of("yes"));
        fields.put("sourceTicket", List.of("#42"));
        Response declared = postAll(agent, form, "/console/incidents", fields);
        assertEquals(303, declared.statusCode(), declared.body().asString());
        long id = Long.parseLong(declared.header("Location").replaceAll(".*/console/incidents/(\\d+).*", "$1"));
        Incident stored = QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(id));
        assertEquals(Severity.P1, stored.severity);
        assertTrue(stored.securityBreach);
        assertEquals("ticket-42", stored.sourceRef);
        assertEquals(List.of(routing), List.copyOf(stored.componentIds));
        // the same form sent twice (a double click) declares one incident
        assertEquals(303, postAll(agent, form, "/console/incidents", fields).statusCode());
        assertEquals(1L, count(Incident.class));
        assertTrue(page(agent, declared.header("Location").replaceAll("^https?://[^/]+", "")).contains("Incident declared."));
    }

    @Test
    void aFormWithoutItsSessionsTokenIsRefused() {
        long id = declare("Slow deploys", "P3", database);
        String agent = signIn("agent", null, "ada@support.example");
        long entries = count(TimelineEntry.class);
        Response forged = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("kind", "NOTE").formParam("text", "no token").post("/console/incidents/" + id + "/timeline");
        assertEquals(403, forged.statusCode());
        String otherSession = field(page(signIn("agent", null, "eve@support.example"), "/console/incidents/" + id), "csrf-token");
        Response wrongSession = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", otherSession).formParam("kind", "NOTE").formParam("text", "another's token")
                .post("/console/incidents/" + id + "/timeline");
        assertEquals(403, wrongSession.statusCode());
        assertEquals(entries, count(TimelineEntry.class), "nothing was added");
        assertEquals(303, post(agent, "/console/incidents/" + id + "/timeline", Map.of("kind", "NOTE", "text", "with the token")).statusCode());
        assertEquals(entries + 1, count(TimelineEntry.class));
    }

    @Test
    void anUpdateNamingNoComponentIsRefusedBesideTheFieldAndNothingIsQueued() {
        long id = declare("Slow deploys", "P3", database);
        fixtures.subscriber("jo@acme.example", true, database);
        String agent = signIn("agent", null, "ada@support.example");
        for (String path : List.of("/updates/preview", "/updates")) {
            Response refused = post(agent, "/console/incidents/" + id + path, Map.of("template", "IDENTIFIED", "body", "We found it."));
            assertEquals(400, refused.statusCode(), path);
            String html = refused.body().asString();
            assertTrue(html.contains("<p id=\"update-componentIds-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> "
                    + "name at least one component"), html);
            assertTrue(html.contains(">We found it.</textarea>"), "the typed text is kept");
            assertTrue(html.contains("value=\"IDENTIFIED\" checked"), "and the chosen template");
        }
        assertEquals(0L, outboxRows(), "nothing queued");
        assertEquals(0, fixtures.deliver().length, "nothing emailed");
        // marked internal, it needs no component: recorded, nobody emailed
        Response internal = post(agent, "/console/incidents/" + id + "/updates/preview", Map.of("template", "IDENTIFIED", "internal", "yes"));
        assertEquals(200, internal.statusCode());
        assertTrue(internal.body().asString().contains("<strong>nobody is emailed</strong>"), internal.body().asString());
        assertEquals(303, post(agent, "/console/incidents/" + id + "/updates", Map.of("template", "IDENTIFIED", "internal", "yes")).statusCode());
        assertEquals(0L, outboxRows());
    }

    @Test
    void thePreviewShowsTheTextAndRecipientsAndSendsNothingThenTheConfirmSendsOnceToEach() throws Exception {
        long id = declare("Slow deploys", "P2", database);
        fixtures.subscriber("jo@acme.example", true, database);
        fixtures.subscriber("sam@globex.example", true, database, routing);
        fixtures.subscriber("kim@initech.example", true, routing);
        fixtures.subscriber("unconfirmed@acme.example", false, database, routing);
        String agent = signIn("agent", null, "ada@support.example");
        Map<String, List<String>> form = new LinkedHashMap<>();
        form.put("template", List.of("IDENTIFIED"));
        form.put("body", List.of("A <faulty> rule rejects requests.\nWe are rolling it back."));
        form.put("componentIds", List.of(Long.toString(database), Long.toString(routing)));
        String incidentPage = page(agent, "/console/incidents/" + id);
        Response preview = postAll(agent, incidentPage, "/console/incidents/" + id + "/updates/preview", form);
        assertEquals(200, preview.statusCode(), preview.body().asString());
        String html = preview.body().asString();
        assertTrue(html.contains("This emails <strong>3 confirmed subscribers</strong> of Database and App routing"), html);
        assertTrue(html.contains("[Incident #" + id + " IDENTIFIED] Slow deploys"), "the subject as sent");
        assertTrue(html.contains("Issue identified: Slow deploys\n\nA &lt;faulty&gt; rule rejects requests.\nWe are rolling it back."),
                "the text exactly as the email's, escaped on the page: " + html);
        assertTrue(html.contains("Affects: Database, App routing"), html);
        assertEquals(0L, outboxRows(), "a preview queues nothing");
        assertEquals(0, fixtures.deliver().length, "and sends nothing");
        assertEquals("INVESTIGATING", status(id), "nor changes the incident");

        // the confirm form carries what was previewed
        Map<String, List<String>> confirm = hiddenFields(html, "/console/incidents/" + id + "/updates");
        assertEquals(List.of(Long.toString(database), Long.toString(routing)), confirm.get("componentIds"));
        Response sent = postAll(agent, null, "/console/incidents/" + id + "/updates", confirm);
        assertEquals(303, sent.statusCode(), sent.body().asString());
        assertTrue(sent.header("Location").endsWith("/console/incidents/" + id + "?done=update"), sent.header("Location"));
        MimeMessage[] messages = fixtures.deliver();
        List<String> to = IncidentFixtures.recipients(messages);
        assertEquals(3, messages.length, to.toString());
        assertEquals(List.of("jo@acme.example", "kim@initech.example", "sam@globex.example"), to.stream().sorted().toList(),
                "each confirmed subscriber once, the unconfirmed one never");
        // what jo read is what the preview showed, with jo's own unsubscribe link where the preview says each subscriber's goes
        String previewed = unescape(between(html, "id=\"preview-text\">", "</pre>"));
        MimeMessage toJo = messages[to.indexOf("jo@acme.example")];
        assertEquals(previewed.replace(uk.gov.paas.support.incident.service.IncidentService.UNSUBSCRIBE_LINK_IN_PREVIEW,
                "http://localhost:8082/subscriptions/token-joacmeexample/unsubscribe").strip(), IncidentFixtures.text(toJo).replace("\r\n", "\n").strip());
        assertEquals("[Incident #" + id + " IDENTIFIED] Slow deploys", toJo.getSubject());
        assertEquals("IDENTIFIED", status(id));
        assertEquals(0, fixtures.deliver().length - 3, "delivering again sends nothing more");
        // the confirm pressed twice (a double click, a resend after a slow answer) publishes once
        assertEquals(303, postAll(agent, null, "/console/incidents/" + id + "/updates", confirm).statusCode());
        assertEquals(3, fixtures.deliver().length, "nobody is emailed twice");
        assertEquals(1L, QuarkusTransaction.requiringNew().call(() -> uk.gov.paas.support.incident.domain.TenantUpdate.count("incidentId", id)));
    }

    @Test
    void theSeverityPreviewShowsTheNewTargetsBeforeAnythingChanges() {
        long id = declare("Slow deploys", "P3", database);
        String agent = signIn("agent", null, "ada@support.example");
        clock.set(MONDAY_10.plus(Duration.ofMinutes(10)));
        Response noReason = post(agent, "/console/incidents/" + id + "/severity/preview", Map.of("severity", "P1", "reason", " "));
        assertEquals(400, noReason.statusCode());
        assertTrue(noReason.body().asString().contains("id=\"severity-reason-error\""), noReason.body().asString());
        Response preview = post(agent, "/console/incidents/" + id + "/severity/preview", Map.of("severity", "P1", "reason", "Every tenant is affected"));
        assertEquals(200, preview.statusCode(), preview.body().asString());
        String html = preview.body().asString();
        // a P1 from 10:10 in hours: respond within 20 minutes; before the first update that is also when the next is due
        assertTrue(html.contains("id=\"preview-respondBy\"><time datetime=\"2026-12-07T10:30:00Z\""), html);
        assertTrue(html.contains("id=\"preview-nextUpdateBy\"><time datetime=\"2026-12-07T10:30:00Z\""), html);
        assertTrue(html.contains("<time datetime=\"2026-12-07T12:00:00Z\""), "beside the P3's targets now");
        var api = given().auth().oauth2(DevTokens.forRole("agent")).get("/api/incidents/{id}/severity/preview?severity=P1", id).then().statusCode(200)
                .extract().jsonPath();
        assertEquals("2026-12-07T10:30:00Z", api.getString("respondBy"), "the page shows the API's own preview");
        assertEquals(Severity.P3, stored(id).severity, "a preview changes nothing");

        Map<String, List<String>> confirm = hiddenFields(html, "/console/incidents/" + id + "/severity");
        assertEquals(List.of("Every tenant is affected"), confirm.get("reason"));
        assertEquals(303, postAll(agent, null, "/console/incidents/" + id + "/severity", confirm).statusCode());
        Incident after = stored(id);
        assertEquals(Severity.P1, after.severity);
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"), after.respondBy);
        assertEquals(Instant.parse("2026-12-07T10:30:00Z"), after.nextUpdateBy);
    }

    @Test
    void onlyTheLeadIsOfferedAProductionChangeAndTheApiStillDecides() {
        long id = declare("Slow deploys", "P3", database);
        String ada = signIn("agent", null, "ada@support.example");
        assertEquals(303, post(ada, "/console/incidents/" + id + "/team", Map.of("leadEmail", "ada@support.example", "commsEmail", "cy@support.example",
                "commsName", "Cy Comms")).statusCode());
        assertTrue(page(ada, "/console/incidents/" + id).contains("<option value=\"PRODUCTION_CHANGE\""), "the lead is offered it");
        assertEquals(303, post(ada, "/console/incidents/" + id + "/timeline", Map.of("kind", "PRODUCTION_CHANGE", "text", "Failed over")).statusCode());

        String eve = signIn("agent", null, "eve@support.example");
        String page = page(eve, "/console/incidents/" + id);
        assertFalse(page.contains("PRODUCTION_CHANGE"), "another agent is not offered it");
        assertTrue(page.contains("Only the incident lead records a production change"), page);
        Response forged = post(eve, "/console/incidents/" + id + "/timeline", Map.of("kind", "PRODUCTION_CHANGE", "text", "sneaky"));
        assertEquals(403, forged.statusCode());
        assertTrue(forged.body().asString().contains("Only the incident lead (ada@support.example) may record a production change"),
                forged.body().asString());
        assertTrue(forged.body().asString().contains(">sneaky</textarea>"), "what was typed is kept");
    }

    @Test
    void aLeadWithoutProductionAccessIsRefusedWithTheReasonBesideTheField() {
        long id = declare("Slow deploys", "P3", database);
        String agent = signIn("agent", null, "ada@support.example");
        Response refused = post(agent, "/console/incidents/" + id + "/team", Map.of("leadEmail", "bob@support.example"));
        assertEquals(400, refused.statusCode());
        String html = refused.body().asString();
        assertTrue(html.contains("<p id=\"team-leadEmail-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> "
                + "Bob Nolan has no production access, so cannot lead an incident</p>"), html);
        assertTrue(html.contains("value=\"bob@support.example\""), "the typed email is kept");
        assertNull(stored(id).leadEmail);
        Response unknown = post(agent, "/console/incidents/" + id + "/team", Map.of("leadEmail", "nobody@support.example"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().asString().contains("nobody in the people directory has the email nobody@support.example"));
        Response notAnEmail = post(agent, "/console/incidents/" + id + "/team", Map.of("leadEmail", "not an email"));
        assertEquals(400, notAnEmail.statusCode());
        assertTrue(notAnEmail.body().asString().contains("id=\"team-leadEmail-error\""), notAnEmail.body().asString());
    }

    @Test
    void theTeamsMembersAreSetOneALineAndABadAddressIsRefusedBesideTheBoxWithTheTextKept() {
        long id = declare("Slow deploys", "P3", database);
        String agent = signIn("agent", null, "ada@support.example");
        assertEquals(303, post(agent, "/console/incidents/" + id + "/team", Map.of("leadEmail", "ada@support.example",
                "members", "grace@example.org, Grace Hopper\n\n  alan@example.org  \n")).statusCode());
        JsonPath stored = given().auth().oauth2(DevTokens.forRole("agent")).get("/api/incidents/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("alan@example.org", "grace@example.org"), stored.getList("members.email"), "the API lists them by address");
        assertEquals(List.of("alan@example.org", "Grace Hopper"), stored.getList("members.name"), "no name: the address stands for it");
        String page = page(agent, "/console/incidents/" + id);
        assertTrue(page.contains("alan@example.org, alan@example.org\ngrace@example.org, Grace Hopper</textarea>"), page);

        Response bad = post(agent, "/console/incidents/" + id + "/team", Map.of("members", "grace@example.org, Grace\nnot an address"));
        assertEquals(400, bad.statusCode());
        assertTrue(bad.body().asString().contains("id=\"team-members-error\""), bad.body().asString());
        assertTrue(bad.body().asString().contains(">grace@example.org, Grace\nnot an address</textarea>"), "what was typed is kept");
        assertEquals(2, given().auth().oauth2(DevTokens.forRole("agent")).get("/api/incidents/" + id).then().extract().jsonPath()
                .getList("members").size(), "nothing changed");
    }

    @Test
    void afterTheIncidentThePublicReportIsPreviewedAndASecurityIncidentNeedsADecision() {
        long id = given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                .body(Map.of("title", "Credentials leaked", "severity", "P2", "componentIds", List.of(database), "securityBreach", true))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
        String agent = signIn("agent", null, "ada@support.example");
        assertEquals(303, post(agent, "/console/incidents/" + id + "/team", Map.of("leadEmail", "ada@support.example")).statusCode());
        assertEquals(303, post(agent, "/console/incidents/" + id + "/timeline", Map.of("kind", "ACTION",
                "text", "Rotated the keys; call Ada on 07700 900123")).statusCode());
        Response noAgreement = post(agent, "/console/incidents/" + id + "/resolve", Map.of("body", "Fixed"));
        assertEquals(400, noAgreement.statusCode());
        assertTrue(noAgreement.body().asString().contains("id=\"resolve-agreedBy-error\""));
        Response resolved = post(agent, "/console/incidents/" + id + "/resolve", Map.of("agreedBy", "Pat Product"));
        assertEquals(303, resolved.statusCode());
        assertTrue(resolved.header("Location").endsWith("/console/incidents/" + id + "/report?done=resolved"));

        String report = page(agent, "/console/incidents/" + id + "/report");
        String internal = between(report, "id=\"report-internal\">", "</div>");
        String published = between(report, "id=\"report-public\">", "</div>");
        assertTrue(internal.contains("07700 900123") && internal.contains("Ada"), internal);
        assertFalse(published.contains("07700 900123") || published.contains("Ada"), published);
        assertTrue(published.contains("[phone removed]"), published);
        assertTrue(published.equals(html(given().auth().oauth2(DevTokens.forRole("agent")).get("/api/incidents/{id}/report/public", id).asString())),
                "the preview is what the API says publishing puts on the page");
        assertTrue(report.contains("id=\"review-due\"><time datetime=\"2026-12-14T10:00:00Z\""), report);
        assertTrue(between(report, "id=\"review-reminders\">", "</dd>").contains("None sent"), report);

        // two days before the review is due the scan reminds the lead; the page lists the reminder
        clock.set(Instant.parse("2026-12-12T10:01:00Z"));
        assertEquals(1, reviews.remindDue());
        agent = signIn("agent", null, "ada@support.example");
        String reminded = between(page(agent, "/console/incidents/" + id + "/report"), "id=\"review-reminders\">", "</dd>");
        assertTrue(reminded.contains("Review reminder sent to ada@support.example"), reminded);

        Response noDecision = post(agent, "/console/incidents/" + id + "/report/publish", Map.of("reason", ""));
        assertEquals(400, noDecision.statusCode());
        assertTrue(noDecision.body().asString().contains("id=\"publish-publish-error\""), noDecision.body().asString());
        assertEquals(303, post(agent, "/console/incidents/" + id + "/report/publish", Map.of("publish", "yes", "reason", "Tenants need to know")).statusCode());
        String after = page(agent, "/console/incidents/" + id + "/report?done=published");
        assertTrue(after.contains("Decision: publish: Tenants need to know"), after);
        assertTrue(after.contains("id=\"published\""), after);

        Response badTime = post(agent, "/console/incidents/" + id + "/review", Map.of("heldAt", "yesterday", "lead", "Ada Lovelace"));
        assertEquals(400, badTime.statusCode());
        assertTrue(badTime.body().asString().contains("id=\"review-heldAt-error\""));
        assertEquals(303, post(agent, "/console/incidents/" + id + "/review", Map.of("heldAt", "2026-12-09T14:30", "lead", "Ada Lovelace",
                "delivery-manager", "Dee Manager", "team", "Cy, Kim")).statusCode());
        String reviewed = page(agent, "/console/incidents/" + id + "/report");
        assertTrue(reviewed.contains("lead: Ada Lovelace, team: Cy, team: Kim, delivery-manager: Dee Manager"), reviewed);
        assertTrue(reviewed.contains("id=\"review-held\"><time datetime=\"2026-12-09T14:30:00Z\""), reviewed);
    }

    @Test
    void anAdminAddsOrdersAndSetsTheStateOfComponentsWhichTheStatusPageShows() {
        String admin = signIn("admin", null, "root@support.example");
        String agent = signIn("agent", null, "ada@support.example");
        assertFalse(page(agent, "/console/components").contains("Add a component"), "an agent only reads them");
        Response agentAdds = given().redirects().follow(false).cookie(DevSignIn.COOKIE, agent).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", field(page(agent, "/console/incidents/new"), "csrf-token")).formParam("name", "Logs").post("/console/components");
        assertEquals(403, agentAdds.statusCode());

        Response duplicate = post(admin, "/console/components", Map.of("name", "Database", "position", "1"));
        assertEquals(409, duplicate.statusCode());
        assertTrue(duplicate.body().asString().contains("A component is already called"), duplicate.body().asString());
        Response badPosition = post(admin, "/console/components", Map.of("name", "Logs", "position", "first"));
        assertEquals(400, badPosition.statusCode());
        assertTrue(badPosition.body().asString().contains("id=\"add-position-error\""), badPosition.body().asString());
        assertEquals(303, post(admin, "/console/components", Map.of("name", "Logs", "description", "Log drains", "position", "0")).statusCode());
        long logs = QuarkusTransaction.requiringNew().call(() -> Component.<Component>find("name", "Logs").firstResult().id);
        assertEquals(303, post(admin, "/console/components/" + database, Map.of("position", "5", "state", "MAJOR_OUTAGE")).statusCode());
        Response badState = post(admin, "/console/components/" + database, Map.of("state", "ON_FIRE"));
        assertEquals(400, badState.statusCode());
        List<String> order = given().get("/status.json").then().statusCode(200).extract().jsonPath().getList("components.name");
        assertEquals(List.of("App routing", "Logs", "Database"), order, "by position, then as added");
        assertEquals(ComponentState.MAJOR_OUTAGE, QuarkusTransaction.requiringNew().call(() -> Component.<Component>findById(database).state));
        assertTrue(given().get("/status").asString().contains("Major outage"), "the public page shows the state");
        assertTrue(logs > 0);
    }

    // --- helpers

    private long declare(String title, String severity, long component) {
        return given().auth().oauth2(DevTokens.forRole("agent")).contentType(ContentType.JSON)
                .body(Map.of("title", title, "severity", severity, "componentIds", List.of(component)))
                .when().post("/api/incidents").then().statusCode(201).extract().jsonPath().getLong("id");
    }

    private static Incident stored(long id) {
        return QuarkusTransaction.requiringNew().call(() -> Incident.<Incident>findById(id));
    }

    private static String status(long id) {
        return stored(id).status.name();
    }

    private long count(Class<?> type) {
        return QuarkusTransaction.requiringNew().call(() -> type == Incident.class ? Incident.count() : TimelineEntry.count());
    }

    private long outboxRows() {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager.createNativeQuery("select count(*) from outbox_message")
                .getSingleResult()).longValue());
    }

    /** The public report as the page renders it (the status page's own Markdown renderer). */
    private static String html(String markdown) {
        return uk.gov.paas.support.incident.statuspage.SafeMarkdown.toHtml(markdown);
    }

    private static String between(String html, String start, String end) {
        int from = html.indexOf(start);
        assertTrue(from >= 0, "no " + start + " in " + html);
        return html.substring(from + start.length(), html.indexOf(end, from + start.length()));
    }

    static String signIn(String role, String organisation, String email) {
        var request = given().redirects().follow(false).formParam("role", role).formParam("email", email);
        if (organisation != null) {
            request = request.formParam("organisation", organisation);
        }
        return request.post("/console/sign-in").getCookie(DevSignIn.COOKIE);
    }

    static String page(String session, String path) {
        Response response = given().redirects().follow(false).cookie(DevSignIn.COOKIE, session).get(path);
        assertEquals(200, response.statusCode(), path + ": " + response.body().asString());
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        return response.body().asString();
    }

    /** Posts a form as the browser would after loading the page it is on: with that page's token. */
    static Response post(String session, String path, Map<String, String> form) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        form.forEach((k, v) -> all.put(k, List.of(v)));
        String on = path.startsWith("/console/components") ? "/console/components" : path.matches("/console/incidents/\\d+/(report|review).*")
                ? path.replaceAll("(/console/incidents/\\d+)/.*", "$1/report") : path.replaceAll("(/console/incidents/\\d+).*", "$1");
        return postAll(session, page(session, on.equals("/console/incidents") ? "/console/incidents/new" : on), path, all);
    }

    /** Posts fields (some repeated, as ticked checkboxes are) with the token of {@code page}, or the one already among the fields. */
    static Response postAll(String session, String page, String path, Map<String, List<String>> form) {
        var request = given().redirects().follow(false).cookie(DevSignIn.COOKIE, session).contentType("application/x-www-form-urlencoded");
        if (page != null) {
            request = request.formParam("csrf-token", field(page, "csrf-token"));
        }
        for (Map.Entry<String, List<String>> e : form.entrySet()) {
            for (String value : e.getValue()) {
                request = request.formParam(e.getKey(), value);
            }
        }
        return request.post(path);
    }

    static String field(String html, String name) {
        Matcher m = Pattern.compile("name=\"" + Pattern.quote(name) + "\" value=\"([^\"]*)\"").matcher(html);
        assertTrue(m.find(), "no field " + name);
        return m.group(1);
    }

    /** The hidden fields of the form posting to {@code action}: what a confirm button sends. */
    static Map<String, List<String>> hiddenFields(String html, String action) {
        int start = html.indexOf("action=\"" + action + "\"");
        assertTrue(start >= 0, "no form to " + action + " in " + html);
        String form = html.substring(start, html.indexOf("</form>", start));
        Map<String, List<String>> fields = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\">").matcher(form);
        while (m.find()) {
            fields.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(unescape(m.group(2)));
        }
        return fields;
    }

    private static String unescape(String html) {
        return html.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'").replace("&#10;", "\n")
                .replace("&amp;", "&");
    }
}
