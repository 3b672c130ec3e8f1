package uk.gov.paas.support.kernel.security;

import java.util.Optional;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/** Applies {@link Callers}' rule to every authenticated request, before any route's role check runs. */
@ApplicationScoped
public class CallerAugmentor implements SecurityIdentityAugmentor {

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        if (identity.isAnonymous()) {
            return Uni.createFrom().item(identity);
        }
        Optional<String> organisation = identity.getPrincipal() instanceof JsonWebToken token
                ? Callers.organisationClaim(token.getClaim("org")) : Optional.empty();
        Set<String> roles = Callers.effectiveRoles(identity.getRoles(), organisation);
        if (roles.equals(identity.getRoles()) && (organisation.isEmpty() || !roles.contains(Roles.TENANT))) {
            return Uni.createFrom().item(identity);
        }
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(identity.getPrincipal())
                .addCredentials(identity.getCredentials())
                .addAttributes(identity.getAttributes())
                .addRoles(roles)
                .addPermissionChecker(identity::checkPermission);
        if (roles.contains(Roles.TENANT)) {
            builder.addAttribute(Callers.ORGANISATION, organisation.get());
        }
        return Uni.createFrom().item(builder.build());
    }
}
