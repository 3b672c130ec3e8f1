package uk.gov.paas.support.kernel.console;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import uk.gov.paas.support.kernel.security.Callers;
import uk.gov.paas.support.kernel.security.Roles;

/**
 * Signing in and out of the console. In a cluster the identity provider signs people in (OIDC code flow: any console
 * page sends an anonymous browser there, and {@code quarkus.oidc.logout.path} signs out there too); this form is the
 * development sign-in, offered only where {@code support.console.dev-sign-in} is on (development profiles only).
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
public class SignInResource {

    /** A role the form offers, with the words people see. */
    public record RoleChoice(String key, String label) {
    }

    static final List<RoleChoice> ROLES = List.of(new RoleChoice(Roles.AGENT, "Support agent"),
            new RoleChoice(Roles.TENANT, "Tenant (someone in an organisation that uses the platform)"),
            new RoleChoice(Roles.ADMIN, "Administrator"));

    private final DevSignIn signIn;
    private final Console console;
    private final Template signInPage;
    private final Template signedOut;

    SignInResource(DevSignIn signIn, Console console, @Location("console/sign-in") Template signInPage,
            @Location("console/signed-out") Template signedOut) {
        this.signIn = signIn;
        this.console = console;
        this.signInPage = signInPage;
        this.signedOut = signedOut;
    }

    @GET
    @Path("/sign-in")
    @PermitAll
    public Response form(@QueryParam("next") String next) {
        if (!signIn.enabled()) {
            // people sign in at the identity provider: any console page takes them there
            return Response.seeOther(URI.create(safeNext(next))).build();
        }
        return Response.ok(page(safeNext(next), Roles.AGENT, null, null, null)).build();
    }

    @POST
    @Path("/sign-in")
    @PermitAll
    public Response signIn(@FormParam("role") String role, @FormParam("organisation") String organisation, @FormParam("email") String email,
            @FormParam("next") String next) {
        if (!signIn.enabled()) {
            return Response.status(404).build();
        }
        String chosen = ROLES.stream().map(RoleChoice::key).filter(r -> r.equals(role)).findFirst().orElse(Roles.AGENT);
        Optional<String> org = Roles.TENANT.equals(chosen) ? Callers.organisationClaim(organisation) : Optional.empty();
        if (Roles.TENANT.equals(chosen) && org.isEmpty()) {
            return Response.status(400).entity(page(safeNext(next), chosen, organisation, email,
                    "Enter the tenant's organisation (up to 100 characters, no control characters)")).build();
        }
        String address = email == null || email.isBlank() || !email.strip().matches("[^@\\s]{1,64}@[^@\\s]{1,190}")
                ? (org.map(o -> "dev-tenant@" + o.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9.-]", "-") + ".example").orElse("dev-" + chosen + "@support.example"))
                : email.strip().toLowerCase(Locale.ROOT);
        String name = address.substring(0, address.indexOf('@'));
        NewCookie cookie = new NewCookie.Builder(DevSignIn.COOKIE).value(signIn.session(chosen, org.orElse(null), address, name)).path("/")
                .httpOnly(true).sameSite(NewCookie.SameSite.LAX).maxAge((int) signIn.length().toSeconds()).build();
        return Response.seeOther(URI.create(safeNext(next))).cookie(cookie).build();
    }

    /**
     * Development sign-out. With the identity provider quarkus-oidc answers this path itself (it is not open: the code
     * flow authenticates it first) and signs out at the provider too.
     */
    @GET
    @Path("/sign-out")
    @RolesAllowed({Roles.TENANT, Roles.AGENT, Roles.ADMIN})
    public Response signOut() {
        NewCookie gone = new NewCookie.Builder(DevSignIn.COOKIE).value("").path("/").httpOnly(true).sameSite(NewCookie.SameSite.LAX)
                .maxAge(0).build();
        return Response.seeOther(URI.create("/console/signed-out")).cookie(gone).build();
    }

    @GET
    @Path("/signed-out")
    @PermitAll
    public String signedOut() {
        return signedOut.data("page", console.page("Signed out", "")).render();
    }

    private String page(String next, String role, String organisation, String email, String error) {
        return signInPage.data("page", console.page("Sign in", "")).data("next", next).data("roles", ROLES).data("role", role)
                .data("organisation", organisation).data("email", email).data("error", error).render();
    }

    /** Only a path of this service's console: never another site (an open redirect), never a scheme-relative //host. */
    static String safeNext(String next) {
        if (next == null || !next.startsWith("/console") || next.startsWith("//") || next.contains("\\") || next.contains("/..") || next.length() > 2000
                || next.chars().anyMatch(Character::isISOControl) || next.startsWith("/console/sign-")) {
            return "/console";
        }
        return next;
    }
}
