package uk.gov.paas.support.incident.rest;

import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import uk.gov.paas.support.incident.service.Subscriptions;
import uk.gov.paas.support.kernel.problem.ApiProblem;

/** Anonymous status-page subscriptions: subscribe, the confirm link, the unsubscribe link. Addresses are never shown. */
@Path("/subscriptions")
@Tag(name = "Status page")
public class SubscriptionResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance message(String title, String message, String action, String button);
    }

    public record SubscribeInput(@NotBlank @Email @Size(max = 320) String email, @NotEmpty @Size(max = 50) List<@NotNull Long> componentIds) {
    }

    public record Accepted(String message) {
    }

    private final Subscriptions subscriptions;

    SubscriptionResource(Subscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe an address to components: a confirm link is emailed; nothing else is sent until it is followed")
    @APIResponseSchema(value = Accepted.class, responseCode = "202", responseDescription = "A confirmation link is on its way")
    public RestResponse<Accepted> subscribe(@NotNull @Valid SubscribeInput input) {
        subscriptions.subscribe(input.email(), input.componentIds());
        return RestResponse.accepted(new Accepted("If the address can receive email, a confirmation link is on its way"));
    }

    @POST
    @PermitAll
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The status page's subscribe form")
    @APIResponseSchema(value = String.class, responseCode = "202", responseDescription = "An HTML page: check your email")
    public RestResponse<String> subscribeForm(@FormParam("email") String email, @FormParam("componentIds") List<String> components) {
        List<Long> ids = new ArrayList<>();
        for (String c : components == null ? List.<String>of() : components) {
            try {
                ids.add(Long.parseLong(c));
            } catch (NumberFormatException e) {
                throw ApiProblem.invalidField("componentIds", "'" + c + "' is not a component id");
            }
        }
        if (email == null || !email.strip().matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+") || email.length() > 320) {
            return html(400, "Check the address", "Enter a valid email address and try again.");
        }
        if (ids.isEmpty()) {
            return html(400, "Choose a component", "Tick at least one component to hear about, and try again.");
        }
        subscriptions.subscribe(email, ids);
        return html(202, "Check your email", "We have sent a confirmation link. Nothing else is sent until you follow it.");
    }

    @GET
    @Path("/{token}/confirm")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Confirm a subscription (the link in the confirmation email)")
    public RestResponse<String> confirm(@PathParam("token") String token) {
        return subscriptions.confirm(token).map(s -> html(200, "Subscribed", "You will get an email when an incident affects the components you chose."))
                .orElse(html(404, "Link not recognised", "This link is not valid, or the subscription was cancelled."));
    }

    @GET
    @Path("/{token}/unsubscribe")
    @PermitAll
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The unsubscribe page (one button), linked from every email")
    public RestResponse<String> unsubscribePage(@PathParam("token") String token) {
        return RestResponse.ok(Templates.message("Unsubscribe", "Stop all status page emails to this address?", "/subscriptions/" + token + "/unsubscribe",
                "Unsubscribe").render(), MediaType.TEXT_HTML_TYPE.withCharset("utf-8"));
    }

    @POST
    @Path("/{token}/unsubscribe")
    @PermitAll
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "Unsubscribe (the button, or a one-click List-Unsubscribe-Post from a mail client)")
    public RestResponse<String> unsubscribe(@PathParam("token") String token) {
        subscriptions.unsubscribe(token);
        // the same answer whether or not the token was known: a link that worked once keeps saying so
        return html(200, "Unsubscribed", "This address will get no more status page emails.");
    }

    private static RestResponse<String> html(int status, String title, String message) {
        return RestResponse.ResponseBuilder.<String>create(status).entity(Templates.message(title, message, null, null).render())
                .type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8")).header("Cache-Control", "no-store").build();
    }
}
