package uk.gov.paas.support.kernel.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP relay in front of the test SMTP server. "Down" closes its port and every open connection, as a
 * crashed mail host would; "up" listens again on the same port. The SMTP server itself never restarts.
 */
final class SmtpOutageProxy {

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean stalled;

    SmtpOutageProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    synchronized void up() {
        if (stalled) {
            // the hang ends as a restarted host's would: the held connections are cut
            stalled = false;
            open.forEach(SmtpOutageProxy::closeQuietly);
            open.clear();
        }
        if (listener != null) {
            return;
        }
        ServerSocket socket = bindWithin(Duration.ofSeconds(10));
        listener = socket;
        Thread acceptor = new Thread(() -> accept(socket), "smtp-proxy-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** The port of connections just cut can stay busy for a moment (gVisor refuses the bind until they close). */
    private ServerSocket bindWithin(Duration patience) {
        long deadline = System.nanoTime() + patience.toNanos();
        while (true) {
            try {
                ServerSocket socket = new ServerSocket();
                socket.setReuseAddress(true);
                try {
                    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    return socket;
                } catch (IOException e) {
                    socket.close();
                    throw e;
                }
            } catch (BindException busy) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("cannot listen on " + port + " again", busy);
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            } catch (IOException e) {
                throw new IllegalStateException("cannot listen on " + port, e);
            }
        }
    }

    /** SMTP hangs: connections are accepted and held open, but nothing answers (not even the greeting). */
    synchronized void stall() {
        up();
        stalled = true;
    }

    synchronized void down() {
        ServerSocket socket = listener;
        listener = null;
        closeQuietly(socket);
        open.forEach(SmtpOutageProxy::closeQuietly);
        open.clear();
    }

    private void accept(ServerSocket socket) {
        while (!socket.isClosed()) {
            try {
                Socket client = socket.accept();
                if (!connect(socket, client)) {
                    return;
                }
            } catch (IOException closedOrRefused) {
                // listener closed by down(), or the SMTP server refused: the client sees its socket close
            }
        }
    }

    /** Atomic with down() and up(), so no connection slips through an outage. */
    private synchronized boolean connect(ServerSocket socket, Socket client) throws IOException {
        if (listener != socket) {
            // accepted after down() closed this listener (gVisor lets a blocked accept() finish): a down host refuses
            closeQuietly(client);
            return false;
        }
        open.add(client);
        if (!stalled) {
            Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
            open.add(server);
            pump(client, server);
            pump(server, client);
        }
        return true;
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException closed) {
                // either side went away
            } finally {
                closeQuietly(from);
                closeQuietly(to);
                open.remove(from);
                open.remove(to);
            }
        }, "smtp-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private static void closeQuietly(java.io.Closeable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }
}
