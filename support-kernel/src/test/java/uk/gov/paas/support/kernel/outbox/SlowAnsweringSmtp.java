package uk.gov.paas.support.kernel.outbox;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An SMTP server that takes every message whole and then answers the end of DATA only after {@code delayMillis}: longer
 * than the client's read timeout, the client gives up on a message the server has taken. Records each taken message's
 * Message-ID, as a mailbox would.
 */
final class SlowAnsweringSmtp implements AutoCloseable {

    private final ServerSocket socket;
    private final long delayMillis;
    private final List<String> taken = new CopyOnWriteArrayList<>();
    private volatile boolean open = true;

    SlowAnsweringSmtp(long delayMillis) throws IOException {
        this.delayMillis = delayMillis;
        this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "slow-smtp-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Message-IDs of the messages taken, one per copy. */
    List<String> taken() {
        return taken;
    }

    private void accept() {
        while (open) {
            try {
                Socket client = socket.accept();
                Thread session = new Thread(() -> serve(client), "slow-smtp-session");
                session.setDaemon(true);
                session.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket client) {
        try (client; BufferedReader in = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.US_ASCII))) {
            OutputStream out = client.getOutputStream();
            say(out, "220 slow.test ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String verb = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (verb) {
                    case "EHLO", "HELO" -> say(out, "250 slow.test");
                    case "MAIL", "RCPT", "RSET", "NOOP" -> say(out, "250 OK");
                    case "QUIT" -> {
                        say(out, "221 bye");
                        return;
                    }
                    case "DATA" -> {
                        say(out, "354 go on");
                        String messageId = null;
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            if (messageId == null && line.regionMatches(true, 0, "Message-ID:", 0, 11)) {
                                messageId = line.substring(11).trim();
                            }
                        }
                        taken.add(messageId);
                        Thread.sleep(delayMillis);
                        say(out, "250 taken, late");
                    }
                    default -> say(out, "502 not here");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client gave up on us: expected
        }
    }

    private static void say(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        open = false;
        socket.close();
    }
}
