package uk.gov.paas.support.kernel.console;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.WithFormRead;
import org.jboss.resteasy.reactive.server.core.ResteasyReactiveRequestContext;
import org.jboss.resteasy.reactive.server.spi.ResteasyReactiveContainerRequestContext;

import io.quarkus.qute.Template;
import io.quarkus.security.identity.SecurityIdentity;

/**
 * Cross-site request forgery protection for every console form: each page's forms carry a token bound to the signed-in
 * session ({@code sid} of an identity provider's session, else the token id, else the person), an HMAC under
 * {@code support.console.secret}; every POST under {@code /console/} must send it back in the form field
 * {@value #FIELD}, or is refused (403) before any route runs. Only console paths: the API takes bearer tokens, which a
 * browser never sends by itself, so it needs no such token (quarkus-rest-csrf checks every POST of every route, which
 * would refuse an Events API call sent as a form).
 */
@ApplicationScoped
public class ConsoleForms {

    /** The hidden form field that carries the token. */
    public static final String FIELD = "csrf-token";

    private final byte[] key;
    private final Template error;

    private final jakarta.enterprise.inject.Instance<SecurityIdentity> current;

    ConsoleForms(ConsoleConfig config, @io.quarkus.qute.Location("console/error") Template error,
            jakarta.enterprise.inject.Instance<SecurityIdentity> current) {
        this.current = current;
        this.key = config.secret().map(s -> s.getBytes(StandardCharsets.UTF_8)).orElse(null);
        this.error = error;
    }

    /** The token for this person's forms (empty for an anonymous caller: no form of theirs changes anything). */
    public String token(SecurityIdentity identity) {
        if (identity == null || identity.isAnonymous() || key == null) {
            return "";
        }
        String session = identity.getPrincipal() instanceof JsonWebToken jwt
                ? firstOf(jwt.getClaim("sid"), jwt.getTokenID(), jwt.getName()) : identity.getPrincipal().getName();
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(("console-form|" + session).getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstOf(Object... values) {
        for (Object value : values) {
            if (value != null && !value.toString().isBlank()) {
                return value.toString();
            }
        }
        return "";
    }

    @ServerRequestFilter
    @WithFormRead
    public Response check(ResteasyReactiveContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!path.startsWith("/console/") || "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
            return null;
        }
        if (path.equals("/console/sign-in")) {
            // signing in changes nobody's data; the development sign-in form is the only form an anonymous person sends
            return null;
        }
        Object sent = ((ResteasyReactiveRequestContext) request.getServerRequestContext()).getFormParameter(FIELD, true, false);
        String expected = token(current.get());
        if (expected.isEmpty() || !(sent instanceof String text)
                || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), text.getBytes(StandardCharsets.UTF_8))) {
            String title = "This form has expired";
            return Response.status(403).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"))
                    .entity(error.data("page", io.quarkus.arc.Arc.container().instance(Console.class).get().page(title, ""))
                            .data("title", title)
                            .data("message", "The page you sent this from was open too long, or came from somewhere else. "
                                    + "Go back, reload the page and send it again.")
                            .data("status", 403).render())
                    .build();
        }
        return null;
    }
}
