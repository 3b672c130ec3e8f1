package uk.gov.paas.support.local;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A local SMTP server that keeps every message, and a small HTTP listing of what it has received. {@code ./run-local}
 * starts one; on its own (CI's end-to-end checks): {@code java -cp 'local-stack.jar:lib/*' uk.gov.paas.support.local.MailCapture
 * <smtp port> <http port>}, stopped by SIGTERM or Ctrl-C.
 */
final class MailCapture {

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: MailCapture <smtp port> <http port>");
            System.exit(2);
        }
        int smtpPort = Integer.parseInt(args[0]);
        int httpPort = Integer.parseInt(args[1]);
        MailCapture capture = start(smtpPort, httpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(capture::stop, "mail-capture-stop"));
        System.out.println("mail capture: SMTP on 127.0.0.1:" + smtpPort + ", listing at http://127.0.0.1:" + httpPort + "/");
        Thread.currentThread().join();
    }

    private final GreenMail greenMail;
    private final HttpServer http;

    private MailCapture(GreenMail greenMail, HttpServer http) {
        this.greenMail = greenMail;
        this.http = http;
    }

    static MailCapture start(int smtpPort, int httpPort) throws IOException {
        GreenMail greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", httpPort), 0);
        MailCapture capture = new MailCapture(greenMail, http);
        http.createContext("/", capture::handle);
        http.start();
        return capture;
    }

    private void handle(HttpExchange exchange) throws IOException {
        MimeMessage[] messages = greenMail.getReceivedMessages();
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/")) {
            body = listing(messages);
        } else if (path.matches("/messages/\\d+")) {
            int index = Integer.parseInt(path.substring("/messages/".length()));
            if (index >= 1 && index <= messages.length) {
                body = GreenMailUtil.getWholeMessage(messages[index - 1]);
            } else {
                status = 404;
                body = "no message " + index + "; there are " + messages.length + "\n";
            }
        } else {
            status = 404;
            body = "try / or /messages/<n>\n";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static String listing(MimeMessage[] messages) {
        StringBuilder out = new StringBuilder(messages.length + " message(s) captured\n");
        for (int i = 0; i < messages.length; i++) {
            try {
                MimeMessage message = messages[i];
                out.append(String.format("%4d  %s  to %s  \"%s\"  %s%n", i + 1, message.getSentDate() == null ? "-" : message.getSentDate().toInstant(),
                        Arrays.toString(message.getAllRecipients()), message.getSubject(), message.getMessageID()));
            } catch (MessagingException e) {
                out.append(String.format("%4d  (unreadable: %s)%n", i + 1, e.getMessage()));
            }
        }
        return out.toString();
    }

    void stop() {
        http.stop(0);
        greenMail.stop();
    }
}
