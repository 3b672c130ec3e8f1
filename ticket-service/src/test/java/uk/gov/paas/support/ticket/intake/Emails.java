package uk.gov.paas.support.ticket.intake;

import static io.restassured.RestAssured.given;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

import io.restassured.response.ValidatableResponse;
import uk.gov.paas.support.local.DevTokens;

/** Raw RFC 822 messages as a mail gateway posts them, written by hand so a test controls every header and part. */
final class Emails {

    static final String SERVICE = DevTokens.forRole("service");

    private final Map<String, String> headers = new LinkedHashMap<>();
    private String contentType = "text/plain; charset=UTF-8";
    private String body = "";

    private Emails() {
        headers.put("Date", "Mon, 30 Nov 2026 10:00:00 +0000");
        headers.put("To", "support@localhost");
        headers.put("MIME-Version", "1.0");
    }

    static Emails from(String from) {
        Emails e = new Emails();
        e.headers.put("From", from);
        return e;
    }

    Emails subject(String subject) {
        headers.put("Subject", subject);
        return this;
    }

    Emails messageId(String id) {
        headers.put("Message-ID", id);
        return this;
    }

    Emails header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    Emails text(String text) {
        this.contentType = "text/plain; charset=UTF-8";
        this.body = text;
        return this;
    }

    /** A body of any type, written as given (a multipart with its boundaries, say). */
    Emails body(String contentType, String body) {
        this.contentType = contentType;
        this.body = body;
        return this;
    }

    String raw() {
        StringBuilder out = new StringBuilder();
        headers.forEach((name, value) -> out.append(name).append(": ").append(value).append("\r\n"));
        out.append("Content-Type: ").append(contentType).append("\r\n\r\n");
        out.append(body.replace("\r\n", "\n").replace("\n", "\r\n"));
        return out.toString();
    }

    /** Posts this email to the intake as the gateway does. */
    ValidatableResponse post() {
        return post(raw());
    }

    static ValidatableResponse post(String raw) {
        return given().auth().oauth2(SERVICE).contentType("message/rfc822").body(raw.getBytes(StandardCharsets.UTF_8))
                .when().post("/api/intake/email").then();
    }
}
