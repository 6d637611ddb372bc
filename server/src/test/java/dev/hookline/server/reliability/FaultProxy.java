package dev.hookline.server.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on 127.0.0.1 in front of a loopback server (PostgreSQL in these tests), which a test can cut: every
 * open connection is closed at once and new ones are accepted and closed straight away, until it is restored.
 * That is what clients see of a database that crashed or a network that broke, without touching the real server.
 */
final class FaultProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicLong refused = new AtomicLong();
    private volatile boolean cut;

    private FaultProxy(ServerSocket listener, InetSocketAddress target) {
        this.listener = listener;
        this.target = target;
    }

    /** @param targetHost must be a loopback address or name: tests talk to nothing else */
    static FaultProxy start(String targetHost, int targetPort) throws IOException {
        InetSocketAddress target = new InetSocketAddress(targetHost, targetPort);
        if (target.getAddress() == null || !target.getAddress().isLoopbackAddress()) {
            throw new IllegalArgumentException("the proxy forwards to loopback only, not " + targetHost);
        }
        ServerSocket listener = new ServerSocket(0, 200, InetAddress.getLoopbackAddress());
        FaultProxy proxy = new FaultProxy(listener, target);
        Thread accept = new Thread(proxy::acceptLoop, "fault-proxy-accept");
        accept.setDaemon(true);
        accept.start();
        return proxy;
    }

    int port() {
        return listener.getLocalPort();
    }

    /** Closes every connection through the proxy, and every new one, until {@link #restore()}. */
    void cut() {
        cut = true;
        open.forEach(FaultProxy::closeQuietly);
        open.clear();
    }

    void restore() {
        cut = false;
    }

    /** Connections accepted and closed at once while cut. */
    long refused() {
        return refused.get();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                if (cut) {
                    refused.incrementAndGet();
                    closeQuietly(client);
                    continue;
                }
                Socket server = new Socket();
                server.connect(target, 2_000);
                open.add(client);
                open.add(server);
                pump(client, server);
                pump(server, client);
            } catch (IOException e) {
                if (listener.isClosed()) {
                    return;
                }
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread t = new Thread(
                () -> {
                    byte[] buffer = new byte[16 * 1024];
                    try (InputStream in = from.getInputStream();
                            OutputStream out = to.getOutputStream()) {
                        for (int n; (n = in.read(buffer)) >= 0; ) {
                            out.write(buffer, 0, n);
                            out.flush();
                        }
                    } catch (IOException e) {
                        // the other side or a cut closed it
                    } finally {
                        closeQuietly(from);
                        closeQuietly(to);
                        open.remove(from);
                        open.remove(to);
                    }
                },
                "fault-proxy-pump");
        t.setDaemon(true);
        t.start();
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException ignored) {
            // closing is all we want
        }
    }

    @Override
    public void close() throws IOException {
        cut();
        listener.close();
    }
}
