package uk.gov.paas.support.escalation.rest;

import java.util.Locale;

import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import uk.gov.paas.support.escalation.domain.Page;
import uk.gov.paas.support.escalation.domain.PageStatus;
import uk.gov.paas.support.escalation.rest.PageViews.PageView;
import uk.gov.paas.support.escalation.service.PageService;
import uk.gov.paas.support.escalation.service.PageService.AckOutcome;
import uk.gov.paas.support.escalation.service.PageService.NewPage;
import uk.gov.paas.support.escalation.service.PageService.Opened;
import uk.gov.paas.support.kernel.api.Answers;
import uk.gov.paas.support.kernel.api.IdempotencyKeys;
import uk.gov.paas.support.kernel.api.Paged;
import uk.gov.paas.support.kernel.problem.ApiProblem;
import uk.gov.paas.support.kernel.security.Roles;
import uk.gov.paas.support.kernel.targets.Severity;

/** Pages: opened by other services, acknowledged and resolved by people (or by the link in the email). */
@Path("/api/pages")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Pages")
public class PageResource {

    /** What to page about. The same {@code dedupKey} while a page is open adds an occurrence instead of paging again. */
    public record PageInput(
            @NotNull @Pattern(regexp = "(?i)P[1-4]", message = "must be one of P1, P2, P3, P4") String severity,
            @NotBlank @Size(max = 1024) String summary,
            @NotBlank @Size(max = 255) String source,
            @Size(min = 1, max = 255) String dedupKey,
            @Size(max = 10_000) String details,
            @Size(max = 2000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL") String link,
            Long policyId) {
    }

    /** Resolve the open pages opened with this deduplication key (an incident resolved, an emergency ticket solved). */
    public record ResolveByKeyInput(@NotBlank @Size(max = 255) String dedupKey, @Size(max = 500) String reason) {
    }

    /** The pages this call resolved: none when no page with the key was open. */
    public record ResolvedByKey(String dedupKey, java.util.List<PageView> resolved) {
    }

    private final PageService pages;
    private final PageViews views;
    private final SecurityIdentity identity;

    PageResource(PageService pages, PageViews views, SecurityIdentity identity) {
        this.pages = pages;
        this.views = views;
        this.identity = identity;
    }

    @POST
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN})
    @Operation(summary = "Open a page (201), add an occurrence to the open page with the same dedupKey (200), "
            + "or answer a repeated Idempotency-Key with the first request's page (200, Idempotent-Replayed: true)")
    @APIResponseSchema(value = PageView.class, responseCode = "201", responseDescription = "Opened; Location names the page")
    @APIResponse(responseCode = "200", description = "One more occurrence of the open page with this dedupKey, or a repeated Idempotency-Key "
            + "(Idempotent-Replayed: true)")
    public RestResponse<PageView> open(
            @Parameter(description = "Makes a retry safe: the same key always answers the same page and changes nothing")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
            @NotNull @Valid PageInput input) {
        Severity severity = Severity.parse(input.severity());
        String caller = Callers.name(identity);
        Opened opened = pages.open(new NewPage(severity, input.summary().strip(), input.source().strip(), input.dedupKey(), input.details(),
                input.link(), input.policyId(), caller + " asked for " + severity.name()), Page.API_SCOPE, IdempotencyKeys.key("POST /api/pages", identity, idempotencyKey), caller);
        PageView view = views.summary(opened.page());
        return switch (opened.outcome()) {
            case CREATED -> Answers.created("/api/pages/" + opened.page().id, view);
            case OCCURRENCE -> RestResponse.ok(view);
            case REPLAYED -> Answers.replayed(view);
        };
    }

    @GET
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Pages, newest first; status 'open' (default), 'all', or one of WAITING, TRIGGERED, ACKNOWLEDGED, RESOLVED")
    public Paged<PageView> list(@QueryParam("status") @DefaultValue("open") String status,
            @QueryParam("page") @DefaultValue("0") @Min(0) @Max(Paged.MAX_PAGE) int page,
            @QueryParam("size") @DefaultValue("50") @Min(1) @Max(Paged.MAX_SIZE) int size) {
        Paged.Where where = Paged.Where.byStatus("p", status, PageStatus.RESOLVED, PageResource::parseStatus);
        return Paged.find(Page.getEntityManager(), Page.class, "p", where.clause(), where.parameters(), "p.openedAt desc, p.id desc", page, size)
                .map(views::summary);
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "One page with its log: every notification, skip, escalation and acknowledgement")
    public PageView get(@PathParam("id") long id) {
        return pages.find(id).map(views::withLog).orElseThrow(() -> ApiProblem.notFound("There is no page " + id));
    }

    @POST
    @Path("/{id}/acknowledge")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Acknowledge: escalation stops. A resolved page answers 409")
    public PageView acknowledge(@PathParam("id") long id) {
        AckOutcome outcome = pages.acknowledge(id, Callers.name(identity), "API");
        if (outcome == AckOutcome.ALREADY_RESOLVED) {
            throw ApiProblem.conflict("Page " + id + " is resolved; there is nothing to acknowledge");
        }
        return get(id);
    }

    @POST
    @Path("/{id}/resolve")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Roles.AGENT, Roles.ADMIN, Roles.SERVICE})
    @Operation(summary = "Resolve: the page closes; resolving again changes nothing")
    public PageView resolve(@PathParam("id") long id) {
        pages.resolve(id, Callers.name(identity), "API");
        return get(id);
    }

    @POST
    @Path("/resolve")
    @RolesAllowed({Roles.SERVICE, Roles.ADMIN, Roles.AGENT})
    @Operation(summary = "Resolve every open page opened through this API with the dedupKey (200, the pages resolved; none open: an empty list). "
            + "Idempotent: a repeat resolves nothing more")
    public ResolvedByKey resolveByDedupKey(
            @Parameter(description = "Accepted for retries; resolving is idempotent by itself")
            @HeaderParam("Idempotency-Key") @Size(min = 1, max = 200) String idempotencyKey,
            @NotNull @Valid ResolveByKeyInput input) {
        String by = Callers.name(identity);
        String via = input.reason() == null || input.reason().isBlank() ? "API" : "API: " + input.reason().strip();
        return new ResolvedByKey(input.dedupKey(), pages.resolveByDedupKey(input.dedupKey(), by, via).stream().map(views::summary).toList());
    }

    private static PageStatus parseStatus(String status) {
        try {
            return PageStatus.valueOf(status.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.invalidField("status", "'" + status + "' is not one of open, all, WAITING, TRIGGERED, ACKNOWLEDGED, RESOLVED");
        }
    }
}
