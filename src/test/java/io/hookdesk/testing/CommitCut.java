package io.hookdesk.testing;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP relay in front of a PostgreSQL server that can break a connection at its next COMMIT, as a network or a
 * server restart can: the server commits, and the connection is closed as the server's {@code COMMIT} reply arrives,
 * so the client never hears that it did and sees an I/O error on its commit instead. With {@link Cut#AND_THE_SERVER_GONE}
 * every other connection is closed with it and new ones are refused, so nobody can ask the server what happened.
 * Until then every connection is relayed as it is.
 */
public final class CommitCut implements AutoCloseable {

    public enum Cut { THAT_CONNECTION, AND_THE_SERVER_GONE }

    /** The server's CommandComplete for a commit: 'C', its length, "COMMIT" and NUL. */
    private static final byte[] COMMIT_DONE = message('C', "COMMIT");

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicReference<Cut> armed = new AtomicReference<>();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    public CommitCut(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::accept, "commit-cut-accept");
        accept.setDaemon(true);
        accept.start();
    }

    public int port() {
        return listener.getLocalPort();
    }

    /** The next COMMIT the server confirms, on any connection, is not told: the connection breaks instead. */
    public void arm(Cut how) {
        armed.set(how);
    }

    /** Whether the armed cut has happened. */
    public boolean cut() {
        return armed.get() == null;
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (refusing) {
                    client.close();
                    continue;
                }
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                pump(client, server, false);
                pump(server, client, true);
            } catch (IOException e) {
                // closed, or the server refused: the client sees its connection end
            }
        }
    }

    /** Relays {@code from} to {@code to}; from the server, an armed cut breaks the connection at a COMMIT's reply. */
    private void pump(Socket from, Socket to, boolean fromServer) {
        Thread t = new Thread(() -> {
            byte[] buffer = new byte[65536];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    Cut how = armed.get();
                    if (fromServer && how != null && contains(buffer, n, COMMIT_DONE) && armed.compareAndSet(how, null)) {
                        if (how == Cut.AND_THE_SERVER_GONE) {
                            refusing = true;
                            sockets.forEach(CommitCut::closeQuietly);
                        }
                        return;
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException e) {
                // one side ended
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, fromServer ? "commit-cut-from-server" : "commit-cut-to-server");
        t.setDaemon(true);
        t.start();
    }

    private static boolean contains(byte[] buffer, int length, byte[] marker) {
        outer:
        for (int i = 0; i + marker.length <= length; i++) {
            for (int j = 0; j < marker.length; j++) {
                if (buffer[i + j] != marker[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static byte[] message(char type, String text) {
        byte[] body = text.getBytes(StandardCharsets.US_ASCII);
        int length = 4 + body.length + 1;
        byte[] m = new byte[1 + length];
        m[0] = (byte) type;
        m[1] = (byte) (length >>> 24);
        m[2] = (byte) (length >>> 16);
        m[3] = (byte) (length >>> 8);
        m[4] = (byte) length;
        System.arraycopy(body, 0, m, 5, body.length);
        return m;
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        sockets.forEach(CommitCut::closeQuietly);
    }
}
