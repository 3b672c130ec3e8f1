package uk.gov.paas.support.escalation.rest;

import java.time.Clock;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.Person;
import uk.gov.paas.support.escalation.mail.PageMails;
import uk.gov.paas.support.escalation.service.AckLinks;
import uk.gov.paas.support.escalation.service.AckLinks.AckToken;
import uk.gov.paas.support.escalation.service.PageService;
import uk.gov.paas.support.escalation.service.PageService.AckOutcome;

/**
 * The link in a page email. Opening it shows the page and one button; pressing it acknowledges. A plain GET never
 * acknowledges, because mail scanners and link previews fetch links before people do, and a page acknowledged by a
 * scanner would stop escalating with nobody working on it. Every answer is a readable page, never an error trace.
 */
@Path("/ack/{token}")
@Tag(name = "Pages")
public class AckResource {

    @CheckedTemplate
    static class Templates {
        /** The page and the button. */
        static native TemplateInstance confirm(Page page, String severityName, String openedAt, String action);

        /**
         * A page that says what happened, or why the link does nothing; {@code consolePath} (null when the link names no
         * page) leads to the page's console page, where its log, resolve and the rest of the team's view are.
         */
        static native TemplateInstance message(String title, String message, String consolePath);
    }

    private final AckLinks links;
    private final PageService pages;
    private final PageMails mails;
    private final Clock clock;

    AckResource(AckLinks links, PageService pages, PageMails mails, Clock clock) {
        this.links = links;
        this.pages = pages;
        this.mails = mails;
        this.clock = clock;
    }

    @GET
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The acknowledgement page of a page email's link (HTML, no login)")
    public RestResponse<String> show(@PathParam("token") String token) {
        Checked checked = check(token);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Page page = checked.page();
        return html(200, Templates.confirm(page, page.severity.name(), mails.when(page.openedAt), "/ack/" + token));
    }

    @POST
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @Transactional
    @Operation(summary = "Acknowledge the page the link was sent for (the button on the acknowledgement page)")
    public RestResponse<String> acknowledge(@PathParam("token") String token) {
        // one transaction: the page is locked first, then checked, acknowledged and read back as it now is
        links.verify(token).ifPresent(t -> Page.findById(t.pageId(), LockModeType.PESSIMISTIC_WRITE));
        Checked checked = check(token);
        if (checked.refusal() != null) {
            return checked.refusal();
        }
        Person person = Person.findById(checked.token().personId());
        String by = person == null ? "person " + checked.token().personId() : person.name + " <" + person.email + ">";
        AckOutcome outcome = pages.acknowledge(checked.page().id, by, "email link");
        Page page = checked.page();
        return switch (outcome) {
            case ACKNOWLEDGED -> html(200, Templates.message("Acknowledged",
                    "You acknowledged page #" + page.id + " at " + mails.when(page.acknowledgedAt) + ". Escalation has stopped: nobody else will be paged for it.",
                    consolePath(page)));
            case ALREADY_ACKNOWLEDGED -> alreadyAcknowledged(page);
            case ALREADY_RESOLVED -> resolved(page);
        };
    }

    record Checked(AckToken token, Page page, RestResponse<String> refusal) {
    }

    private Checked check(String token) {
        Optional<AckToken> verified = links.verify(token);
        Optional<Page> page = verified.flatMap(t -> pages.find(t.pageId()));
        if (page.isEmpty()) {
            return new Checked(null, null, html(404, Templates.message("Link not recognised",
                    "This acknowledgement link is not valid. Check that the whole link was copied from the email; "
                            + "if it was, acknowledge the page through the support API or the newest page email.", null)));
        }
        Page p = page.get();
        switch (p.status) {
            case RESOLVED:
                return new Checked(verified.get(), p, resolved(p));
            case ACKNOWLEDGED:
                return new Checked(verified.get(), p, alreadyAcknowledged(p));
            default:
                break;
        }
        if (verified.get().expiredAt(clock.instant())) {
            return new Checked(verified.get(), p, html(410, Templates.message("Link expired",
                    "This link expired at " + mails.when(verified.get().expiresAt()) + ". Page #" + p.id + " (" + p.severity.name() + ": "
                            + p.summary + ") is still " + p.status.name().toLowerCase() + "; acknowledge it from a newer page email or through the support API.", consolePath(p))));
        }
        return new Checked(verified.get(), p, null);
    }

    private RestResponse<String> resolved(Page page) {
        return html(200, Templates.message("Already resolved", "Page #" + page.id + " (" + page.severity.name() + ": " + page.summary
                + ") was resolved at " + mails.when(page.resolvedAt) + " by " + page.resolvedBy + ". There is nothing to acknowledge.", consolePath(page)));
    }

    private RestResponse<String> alreadyAcknowledged(Page page) {
        return html(200, Templates.message("Already acknowledged", "Page #" + page.id + " (" + page.severity.name() + ": " + page.summary
                + ") was acknowledged at " + mails.when(page.acknowledgedAt) + " by " + page.acknowledgedBy + ". Nobody else is being paged for it.",
                consolePath(page)));
    }

    /** The page's console page: a link, never a redirect, so the one-tap answer stays readable without signing in. */
    private static String consolePath(Page page) {
        return "/console/pages/" + page.id;
    }

    private static RestResponse<String> html(int status, TemplateInstance template) {
        return RestResponse.ResponseBuilder.<String>create(status).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).entity(template.render())
                .header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").build();
    }
}
