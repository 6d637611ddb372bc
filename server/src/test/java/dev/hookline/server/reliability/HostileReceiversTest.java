package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestReceiver;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Message;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Receivers that misbehave on purpose, each a raw socket server on 127.0.0.1: one hangs, one resets the connection,
 * one answers a byte every 200 ms, one streams 50 MB, one redirects to itself forever. Each attempt ends within the
 * request timeout with its own error class and at most 20 KiB kept (the 50 MB body is cut after 1 MiB; its 200
 * still counts as the receiver's acknowledgement), and a healthy endpoint of the same tenant, sent
 * the same messages at the same time, delivers them all promptly.
 */
class HostileReceiversTest {
    private static final int TIMEOUT_SECONDS = 2;
    private static final long MARGIN_MS = 1_500;
    private static final int MESSAGES = 5;
    private static final int KEPT_BODY_LIMIT = 20 * 1024;

    @RegisterExtension
    static final TestApp app = new TestApp(c -> {
        c.delivery.retrySchedule = "0s"; // one attempt each: the outcome of a single hostile exchange
        c.delivery.requestTimeoutSeconds = TIMEOUT_SECONDS;
    });

    @AutoClose
    static final TestReceiver healthy = TestReceiver.start();

    private static final List<HostileServer> servers = new ArrayList<>();

    @AfterAll
    static void stopServers() {
        servers.forEach(HostileServer::close);
    }

    @Test
    void eachHostileReceiverCostsAtMostTheTimeoutAndHealthyDeliveriesGoOn() throws Exception {
        // given one tenant with five hostile endpoints and a healthy one, all subscribed to everything
        Scenario s = Scenario.tenant(app, "hostile");
        Map<String, HostileServer> byEndpoint = new LinkedHashMap<>();
        for (HostileServer server : List.of(
                HostileServer.start("hang", HostileReceiversTest::hang),
                HostileServer.start("reset", HostileReceiversTest::reset),
                HostileServer.start("byte-by-byte", HostileReceiversTest::byteByByte),
                HostileServer.start("endless-body", HostileReceiversTest::endlessBody),
                HostileServer.start("redirect-loop", HostileReceiversTest::redirectToItself))) {
            servers.add(server);
            byEndpoint.put(s.endpoint(server.url()).id(), server);
        }
        Endpoint good = s.endpoint(healthy.url("/ok"));

        // when the same messages go to all of them at once
        List<MessageIn> batch = new ArrayList<>();
        for (int i = 0; i < MESSAGES; i++) {
            batch.add(MessageIn.of("hostile.ping", Scenario.payload("{\"i\":" + i + "}")));
        }
        long started = System.nanoTime();
        List<Message> sent = s.client().messages().sendBatch(s.tenant(), batch);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> Reliability.count(
                                app, "SELECT count(*) FROM deliveries WHERE status IN ('succeeded', 'failed')")
                        == 6L * MESSAGES);
        long wallMs = Duration.ofNanos(System.nanoTime() - started).toMillis();

        // then every hostile attempt failed within the timeout with its own class, keeping at most 20 KiB
        Map<String, List<Attempt>> attempts = new LinkedHashMap<>();
        for (Message m : sent) {
            for (Attempt a : s.attempts(m.id())) {
                attempts.computeIfAbsent(a.endpointId(), k -> new ArrayList<>()).add(a);
            }
        }
        StringBuilder figures = new StringBuilder();
        for (var e : byEndpoint.entrySet()) {
            HostileServer server = e.getValue();
            List<Attempt> list = attempts.get(e.getKey());
            assertThat(list).as(server.name).hasSize(MESSAGES);
            long maxMs = 0;
            int maxBody = 0;
            for (Attempt a : list) {
                // a 200 is the receiver's acknowledgement even when its body is cut off; everything else fails
                assertThat(a.status())
                        .as(server.name)
                        .isEqualTo(server.name.equals("endless-body") ? "succeeded" : "failed");
                assertThat(a.durationMs()).as(server.name).isLessThanOrEqualTo(TIMEOUT_SECONDS * 1000L + MARGIN_MS);
                int body = a.responseBody() == null ? 0 : a.responseBody().getBytes(StandardCharsets.UTF_8).length;
                assertThat(body).as(server.name).isLessThanOrEqualTo(KEPT_BODY_LIMIT);
                assertThat(outcome(a)).as(server.name).startsWith(expectedOutcome(server.name));
                maxMs = Math.max(maxMs, a.durationMs());
                maxBody = Math.max(maxBody, body);
            }
            String errorClass = outcome(list.get(0)).split(":")[0].replace(' ', '-');
            figures.append(' ')
                    .append(server.name)
                    .append('=')
                    .append(errorClass)
                    .append('/')
                    .append(maxMs)
                    .append("ms/")
                    .append(maxBody)
                    .append('B');
        }
        // no redirect followed: one request to the redirecting server per attempt (the Location is itself, so a
        // followed redirect would be a second request); Jetty may open a spare connection that carries none
        HostileServer redirect = servers.get(servers.size() - 1);
        assertThat(redirect.requests.get()).isEqualTo(MESSAGES);

        // and the healthy endpoint got every message, promptly
        assertThat(attempts.get(good.id()))
                .hasSize(MESSAGES)
                .allMatch(a -> a.status().equals("succeeded"));
        long[] latencies = healthy.received().stream()
                .mapToLong(r -> Duration.between(
                                sent.stream()
                                        .filter(m -> m.id().equals(r.header("webhook-id")))
                                        .findFirst()
                                        .orElseThrow()
                                        .createdAt(),
                                r.at())
                        .toMillis())
                .sorted()
                .toArray();
        assertThat(latencies).hasSize(MESSAGES);
        long p99 = latencies[latencies.length - 1];
        assertThat(p99).isLessThan(2_000);
        Reliability.report(
                "hostile-receivers",
                "messages",
                MESSAGES,
                "timeout",
                TIMEOUT_SECONDS + "s",
                "outcomes",
                "[" + figures.toString().trim() + "]",
                "healthy-delivered",
                latencies.length,
                "redirect-requests",
                redirect.requests.get(),
                "redirect-connections",
                redirect.connections.get(),
                "healthy-p99-ms",
                p99,
                "wall-ms",
                wallMs);
    }

    private static String outcome(Attempt a) {
        return a.error() != null ? a.error() : "HTTP " + a.responseStatusCode();
    }

    private static String expectedOutcome(String server) {
        return switch (server) {
            case "hang", "byte-by-byte" -> "timeout";
            case "reset" -> "io";
            case "endless-body" -> "response_too_large";
            case "redirect-loop" -> "HTTP 307";
            default -> throw new IllegalArgumentException(server);
        };
    }

    // --- the hostile behaviours, each given a connection whose request has been read ---

    private static void hang(Socket socket, HostileServer self) throws IOException {
        socket.getInputStream().transferTo(OutputStream.nullOutputStream()); // until the client gives up
    }

    private static void reset(Socket socket, HostileServer self) throws IOException {
        socket.setSoLinger(true, 0); // close sends RST, not FIN
        socket.close();
    }

    private static void byteByByte(Socket socket, HostileServer self) throws IOException, InterruptedException {
        OutputStream out = socket.getOutputStream();
        out.write("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 1000\r\n\r\n"
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (int i = 0; i < 1000; i++) {
            Thread.sleep(200); // the behaviour under test: one byte every 200 ms
            out.write('x');
            out.flush();
        }
    }

    private static void endlessBody(Socket socket, HostileServer self) throws IOException {
        long total = 50L << 20;
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: " + total + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        byte[] chunk = "y".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
        for (long written = 0; written < total; written += chunk.length) {
            out.write(chunk); // throws once the client cuts the connection
        }
    }

    private static void redirectToItself(Socket socket, HostileServer self) throws IOException {
        socket.getOutputStream()
                .write(("HTTP/1.1 307 Temporary Redirect\r\nLocation: " + self.url()
                                + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
    }

    @FunctionalInterface
    private interface Behaviour {
        void answer(Socket socket, HostileServer self) throws Exception;
    }

    /** A plain socket server on 127.0.0.1 that reads each request and then does its one hostile thing. */
    private static final class HostileServer implements AutoCloseable {
        final String name;
        final AtomicInteger connections = new AtomicInteger();
        final AtomicInteger requests = new AtomicInteger();
        private final ServerSocket socket;
        private final Behaviour behaviour;

        private HostileServer(String name, Behaviour behaviour) throws IOException {
            this.name = name;
            this.behaviour = behaviour;
            this.socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        }

        static HostileServer start(String name, Behaviour behaviour) throws IOException {
            HostileServer server = new HostileServer(name, behaviour);
            daemon("hostile-" + name, server::acceptLoop);
            return server;
        }

        String url() {
            return "http://127.0.0.1:" + socket.getLocalPort() + "/" + name;
        }

        private void acceptLoop() {
            while (!socket.isClosed()) {
                try {
                    Socket connection = socket.accept();
                    connections.incrementAndGet();
                    daemon("hostile-" + name + "-conn", () -> serve(connection));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private void serve(Socket connection) {
            try (connection) {
                readRequest(connection.getInputStream());
                requests.incrementAndGet();
                behaviour.answer(connection, this);
            } catch (Exception e) {
                // the client hung up, which is the point
            }
        }

        private static void daemon(String name, Runnable body) {
            Thread thread = new Thread(body, name);
            thread.setDaemon(true);
            thread.start();
        }

        /** Reads one request's head and its Content-Length body. */
        private static void readRequest(InputStream in) throws IOException {
            StringBuilder head = new StringBuilder();
            while (!head.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    throw new IOException("closed before the request ended");
                }
                head.append((char) b);
            }
            for (String line : head.toString().split("\r\n")) {
                if (line.toLowerCase().startsWith("content-length:")) {
                    in.readNBytes(Integer.parseInt(line.substring(15).trim()));
                }
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // nothing left to free
            }
        }
    }
}
