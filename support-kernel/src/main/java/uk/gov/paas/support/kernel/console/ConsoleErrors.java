package uk.gov.paas.support.kernel.console;

import java.net.URI;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.quarkus.arc.Arc;
import io.quarkus.qute.Engine;
import uk.gov.paas.support.kernel.problem.Problem;

/**
 * A problem met on a console page, as a page: the kernel's one error mapping ({@code problem/ProblemMapper}) decides the
 * status and the words, this only lays them out. A 401 (no session, or it ended) goes back through sign-in.
 */
public final class ConsoleErrors {

    private ConsoleErrors() {
    }

    public static Response page(Problem problem) {
        if (problem.status() == 401) {
            return Response.seeOther(URI.create("/console/sign-in?next=" + java.net.URLEncoder.encode(problem.instance(),
                    java.nio.charset.StandardCharsets.UTF_8))).build();
        }
        String title = switch (problem.status()) {
            case 403 -> "You cannot see this page";
            case 404 -> "Page not found";
            case 409 -> "Someone else changed this";
            case 503 -> "Sorry, the service is unavailable";
            default -> problem.status() >= 500 ? "Sorry, there is a problem with the service" : "There is a problem";
        };
        String message = switch (problem.status()) {
            case 403 -> "Your role does not allow this page. If you think it should, ask the support team.";
            case 404 -> "If you typed the web address, check it is correct. If you followed a link, the ticket or page may not exist or may not be yours.";
            default -> problem.detail();
        };
        Console console = Arc.container().instance(Console.class).get();
        String html = Arc.container().instance(Engine.class).get().getTemplate("console/error")
                .data("page", console.page(title, "")).data("title", title).data("message", message).data("status", problem.status()).render();
        return Response.status(problem.status()).type(MediaType.TEXT_HTML_TYPE.withCharset("UTF-8")).entity(html).build();
    }
}
