package dev.hookline.server.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Each endpoint's in-flight limit adapts: it grows past the 20 it starts at while a receiver answers fast, falls
 * when the receiver answers 503, stays under the endpoint's own {@code maxInFlight}, and the endpoint's stats show
 * it. The receivers count the requests they hold at once themselves.
 */
class AdaptiveInFlightLimitTest {
    private static final Duration HOLD = Duration.ofMillis(50);

    @RegisterExtension
    static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,1s,1s");

    @AutoClose
    static final CountingReceiver fast = new CountingReceiver();

    @AutoClose
    static final CountingReceiver capped = new CountingReceiver();

    @Test
    void limitRisesPastTwentyForAFastReceiverAndFallsWhenItAnswers503() throws InterruptedException {
        // given an endpoint whose receiver answers 200 after 50 ms, with no limit of its own
        Scenario s = Scenario.tenant(app, "adaptive");
        Endpoint endpoint = s.endpoint(EndpointIn.builder(fast.url("/fast"))
                .eventTypes(List.of("load.fast"))
                .build());
        assertThat(stats(s, endpoint).currentInFlightLimit())
                .as("limit of an idle endpoint")
                .isNull();

        // when messages keep coming, a backlog of a few hundred ahead of the worker
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        int sent = 0;
        while (fast.mostAtOnce() <= 40 && System.nanoTime() < deadline) {
            if (sent - fast.received() < 600) {
                sendBatch(s, "load.fast", 100);
                sent += 100;
            } else {
                Thread.sleep(10); // the backlog is deep enough: let the worker take some
            }
        }

        // then the receiver holds more than the 20 a limit starts at, and the stats show the limit risen past it
        System.out.printf(
                "adaptive: %d sent, %d received, at most %d at once%n", sent, fast.received(), fast.mostAtOnce());
        assertThat(fast.mostAtOnce()).as("requests held at once").isGreaterThan(40);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stats(s, endpoint).currentInFlightLimit())
                        .isNotNull()
                        .isGreaterThan(20));
        int risen = stats(s, endpoint).currentInFlightLimit();

        // when the receiver answers 503 from now on
        fast.answer(503);
        sendBatch(s, "load.fast", 100);

        // then the limit falls far below the ceiling, and the stats say so
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(stats(s, endpoint).currentInFlightLimit())
                        .isNotNull()
                        .isLessThan(20));
        System.out.printf(
                "adaptive: limit %d while fast, %d after 503s%n",
                risen, stats(s, endpoint).currentInFlightLimit());
    }

    @Test
    void anEndpointsOwnMaxInFlightCapsItsLimit() {
        // given an endpoint that allows 5 requests at once, at a receiver that answers 200 after 50 ms
        Scenario s = Scenario.tenant(app, "capped");
        Endpoint endpoint = s.endpoint(EndpointIn.builder(capped.url("/capped"))
                .eventTypes(List.of("load.capped"))
                .maxInFlight(5)
                .build());

        // when 300 messages arrive at once
        for (int i = 0; i < 3; i++) {
            sendBatch(s, "load.capped", 100);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> capped.received() >= 300);

        // then it never held more than 5 at once, and that is the limit its stats show
        assertThat(capped.mostAtOnce()).isBetween(2, 5);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(stats(s, endpoint).currentInFlightLimit())
                        .isNotNull()
                        .isBetween(1, 5));
    }

    private static EndpointStats stats(Scenario s, Endpoint endpoint) {
        return s.client()
                .endpoints()
                .stats(s.tenant(), endpoint.id(), Instant.now().minusSeconds(3600), null);
    }

    private static void sendBatch(Scenario s, String eventType, int n) {
        List<MessageIn> batch = new ArrayList<>(n);
        for (int m = 0; m < n; m++) {
            batch.add(MessageIn.of(eventType, Scenario.payload("{\"m\":" + m + "}")));
        }
        s.client().messages().sendBatch(s.tenant(), batch);
    }

    /** Holds each request {@link #HOLD}, answers with the status of the moment, and counts what it holds at once. */
    static final class CountingReceiver implements AutoCloseable {
        private final HttpServer server;
        private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "counting-receiver");
            t.setDaemon(true);
            return t;
        });
        private final AtomicInteger open = new AtomicInteger();
        private final AtomicInteger most = new AtomicInteger();
        private final AtomicInteger received = new AtomicInteger();
        private volatile int status = 200;

        CountingReceiver() {
            try {
                server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1000);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            server.createContext("/", this::handle);
            server.setExecutor(threads);
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        void answer(int status) {
            this.status = status;
        }

        int mostAtOnce() {
            return most.get();
        }

        int received() {
            return received.get();
        }

        private void handle(HttpExchange exchange) throws IOException {
            try (exchange) {
                exchange.getRequestBody().readAllBytes();
                most.accumulateAndGet(open.incrementAndGet(), Math::max);
                try {
                    Thread.sleep(HOLD.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                received.incrementAndGet();
                open.decrementAndGet();
                exchange.sendResponseHeaders(status, -1);
            }
        }

        @Override
        public void close() {
            server.stop(0);
            threads.shutdownNow();
        }
    }
}
