package uk.gov.paas.support.kernel.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.Map;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.FolderException;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real SMTP server (GreenMail) for the mail flows that matter. The services send through a proxy in front of
 * it, so a test can take SMTP down and bring it back ({@link #stopSmtp()}, {@link #startSmtp()}) as an outage would.
 */
public class GreenMailTestResource implements QuarkusTestResourceLifecycleManager {

    private static volatile GreenMail greenMail;
    private static volatile SmtpOutageProxy proxy;

    @Override
    public Map<String, String> start() {
        int smtpPort = freePort();
        greenMail = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
                .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
        greenMail.start();
        int proxyPort = freePort();
        proxy = new SmtpOutageProxy(proxyPort, smtpPort);
        proxy.up();
        return Map.of("support.smtp.host", "127.0.0.1", "support.smtp.port", Integer.toString(proxyPort));
    }

    @Override
    public void stop() {
        proxy.down();
        greenMail.stop();
    }

    /** The SMTP server, to read what it received. */
    public static GreenMail greenMail() {
        return greenMail;
    }

    /** SMTP goes down: new connections are refused and open ones are cut. */
    public static void stopSmtp() {
        proxy.down();
    }

    /** SMTP hangs: it accepts connections and never answers, until {@link #startSmtp()}. */
    public static void stallSmtp() {
        proxy.stall();
    }

    /** SMTP is back (if it was down), with an empty mailbox. */
    public static void startSmtp() {
        try {
            greenMail.purgeEmailFromAllMailboxes();
        } catch (FolderException e) {
            throw new IllegalStateException("could not empty the test mailboxes", e);
        }
        proxy.up();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port for the test SMTP server", e);
        }
    }
}
