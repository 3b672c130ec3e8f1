package uk.gov.paas.support.kernel.console;

import java.util.HashSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.mutiny.Uni;

/**
 * Turns a verified development session into an identity whose principal is a {@code JsonWebToken}, as an identity
 * provider's token is, so the kernel's caller rule ({@code security/CallerAugmentor}) applies to it unchanged.
 */
@ApplicationScoped
public class DevSessionIdentityProvider implements IdentityProvider<DevSessionIdentityProvider.Request> {

    /** A session cookie's value, to verify. */
    public static final class Request extends BaseAuthenticationRequest {
        private final String cookie;

        Request(String cookie) {
            this.cookie = cookie;
        }
    }

    private final DevSignIn signIn;

    DevSessionIdentityProvider(DevSignIn signIn) {
        this.signIn = signIn;
    }

    @Override
    public Class<Request> getRequestType() {
        return Request.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(Request request, AuthenticationRequestContext context) {
        JwtClaims claims = signIn.verify(request.cookie).orElse(null);
        if (claims == null) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a valid development session"));
        }
        try {
            DefaultJWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(request.cookie, "JWT", claims);
            return Uni.createFrom().item(QuarkusSecurityIdentity.builder()
                    .setPrincipal(principal)
                    .addRoles(new HashSet<>(claims.getStringListClaimValue("groups")))
                    .build());
        } catch (MalformedClaimException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("not a valid development session"));
        }
    }
}
