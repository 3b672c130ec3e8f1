package uk.gov.paas.support.kernel.console;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpCredentialTransport;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.Cookie;
import io.vertx.ext.web.RoutingContext;

/**
 * Reads the development sign-in's session cookie on console pages (chosen for {@code /console/*} by
 * {@code quarkus.http.auth.permission.console.auth-mechanism=dev-sign-in} in the development profiles). No cookie, or
 * one that does not verify: anonymous, and the challenge sends the browser to the sign-in form, which brings it back.
 */
@ApplicationScoped
public class DevSessionMechanism implements HttpAuthenticationMechanism {

    /** The name {@code auth-mechanism} selects. */
    public static final String SCHEME = "dev-sign-in";

    private final DevSignIn signIn;

    DevSessionMechanism(DevSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext context, IdentityProviderManager identityProviderManager) {
        Cookie cookie = signIn.enabled() ? context.request().getCookie(DevSignIn.COOKIE) : null;
        if (cookie == null) {
            return Uni.createFrom().optional(java.util.Optional.empty());
        }
        return identityProviderManager.authenticate(HttpSecurityUtils.setRoutingContextAttribute(
                new DevSessionIdentityProvider.Request(cookie.getValue()), context));
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        String next = context.request().uri();
        return Uni.createFrom().item(new ChallengeData(302, "Location",
                "/console/sign-in?next=" + URLEncoder.encode(next == null ? "/console" : next, StandardCharsets.UTF_8)));
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(DevSessionIdentityProvider.Request.class);
    }

    @Override
    public Uni<HttpCredentialTransport> getCredentialTransport(RoutingContext context) {
        return Uni.createFrom().item(new HttpCredentialTransport(HttpCredentialTransport.Type.COOKIE, DevSignIn.COOKIE, SCHEME));
    }
}
