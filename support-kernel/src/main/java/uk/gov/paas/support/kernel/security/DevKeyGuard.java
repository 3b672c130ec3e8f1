package uk.gov.paas.support.kernel.security;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Collection;
import java.util.Optional;

import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.StartupEvent;
import uk.gov.paas.support.kernel.config.Profiles;

/**
 * Refuses to start a service that would trust the committed development key or issuer outside the development
 * profiles ({@link Profiles}: dev, test, local): anyone with this repository can mint tokens for that key.
 */
public class DevKeyGuard {

    static final String DEV_KEY_RESOURCE = "dev-jwt/dev-public-key.pem";
    static final String DEV_ISSUER = "https://support.local/dev";

    void onStart(@Observes StartupEvent event,
            @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> keyLocation,
            @ConfigProperty(name = "mp.jwt.verify.publickey") Optional<String> inlineKey,
            @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer) {
        List<String> problems = violations(Profiles.active(), keyLocation.orElse(null),
                inlineKey.orElseGet(() -> keyLocation.map(DevKeyGuard::readKey).orElse(null)), issuer.orElse(null));
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems));
        }
    }

    /** The reasons a configuration must not run under these profiles; empty when it may. */
    public static List<String> violations(Collection<String> profiles, String keyLocation, String keyContent, String issuer) {
        if (Profiles.trustsDevelopmentKey(profiles)) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        if (keyLocation != null && keyLocation.endsWith(DEV_KEY_RESOURCE)
                || keyContent != null && normalise(keyContent).equals(normalise(readKey(DEV_KEY_RESOURCE)))) {
            problems.add("the JWT verification key is the committed development key; set JWT_PUBLIC_KEY_LOCATION to the identity provider's key or JWKS URL");
        }
        if (DEV_ISSUER.equals(issuer)) {
            problems.add("the JWT issuer is the development issuer; set JWT_ISSUER");
        }
        return problems;
    }

    private static String normalise(String pem) {
        return pem == null ? "" : pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    }

    /** Key text from the classpath or a file; null for a URL (a JWKS endpoint is never the dev key) or when unreadable. */
    static String readKey(String location) {
        String path = location.startsWith("classpath:") ? location.substring("classpath:".length()) : location;
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(path.startsWith("/") ? path.substring(1) : path)) {
            if (in != null) {
                return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
            }
            Path file = Path.of(path.startsWith("file:") ? path.substring("file:".length()) : path);
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.US_ASCII) : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
