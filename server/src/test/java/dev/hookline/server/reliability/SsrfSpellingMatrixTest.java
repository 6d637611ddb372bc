package dev.hookline.server.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Message;
import dev.hookline.server.delivery.Scenario;
import dev.hookline.server.delivery.Workers;
import dev.hookline.server.testing.RawHttp;
import dev.hookline.server.testing.TestApp;
import dev.hookline.worker.Worker;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every way to spell loopback, against listeners on 127.0.0.1 (and ::1 when the machine has it) that count TCP
 * connections: with private networks disallowed, each is refused when the endpoint is created, or, for names that
 * are only resolved at delivery, blocked by the worker's resolver; the listeners never see a single connection.
 * Only loopback is ever spelled here: the network rule of these tests forbids even trying other addresses.
 */
class SsrfSpellingMatrixTest {
    /** Refuses private networks in the API; its worker is off. */
    @RegisterExtension
    static final TestApp strictApi = new TestApp(c -> {
        c.security.allowPrivateNetworks = false;
        c.delivery.workerEnabled = false;
    });

    /** Lets the endpoints in, so the worker's guard is what has to stop them. */
    @RegisterExtension
    static final TestApp permissiveApi = new TestApp(c -> c.delivery.workerEnabled = false);

    static Listener v4;
    static Listener v6;

    @BeforeAll
    static void listeners() throws IOException {
        v4 = Listener.on(InetAddress.getByName("127.0.0.1"));
        v6 = Listener.onIpv6LoopbackIfAny();
    }

    @AfterAll
    static void close() throws IOException {
        v4.close();
        if (v6 != null) {
            v6.close();
        }
    }

    /** Literal spellings: the API can judge them without DNS. */
    static List<String> literalUrls() {
        int p = v4.port();
        List<String> urls = new ArrayList<>(List.of(
                "http://127.0.0.1:" + p + "/",
                "http://127.1:" + p + "/",
                "http://0x7f000001:" + p + "/",
                "http://2130706433:" + p + "/",
                "http://0177.0.0.1:" + p + "/",
                "http://0x7f.0.0.1:" + p + "/",
                "http://127.0.0.1.:" + p + "/",
                "http://[::ffff:127.0.0.1]:" + p + "/",
                "http://[::ffff:7f00:1]:" + p + "/",
                "http://0.0.0.0:" + p + "/",
                "http://0:" + p + "/",
                "http://localhost:" + p + "/",
                "http://LocalHost.:" + p + "/",
                "http://hooks.localhost:" + p + "/"));
        if (v6 != null) {
            urls.add("http://[::1]:" + v6.port() + "/");
            urls.add("http://[0:0:0:0:0:0:0:1]:" + v6.port() + "/");
            urls.add("http://[::]:" + v6.port() + "/");
        }
        return urls;
    }

    /** Names only DNS (here /etc/hosts) turns into loopback: the API lets them in, the worker's resolver must not. */
    static List<String> resolvedUrls() throws IOException {
        List<String> urls = new ArrayList<>();
        String own = InetAddress.getLocalHost().getHostName();
        if (Arrays.stream(InetAddress.getAllByName(own)).allMatch(InetAddress::isLoopbackAddress)) {
            urls.add("http://" + own + ":" + v4.port() + "/");
        }
        urls.add("http://ip6-localhost:" + v4.port() + "/"); // Debian's /etc/hosts name for ::1, if present
        return urls.stream()
                .filter(SsrfSpellingMatrixTest::resolvesToLoopbackOnly)
                .toList();
    }

    @Test
    void everyLoopbackSpellingIsRefusedAtEndpointCreation() {
        // given a tenant on an API that disallows private networks
        Scenario s = Scenario.tenant(strictApi, "strict");
        String key = strictApi
                .adminClient()
                .apiKeys()
                .create("strict", new dev.hookline.sdk.model.ApiKeyIn("k"))
                .key();

        // when an endpoint is created with each spelling, then each is a 400 naming the url
        List<String> urls = literalUrls();
        for (String url : urls) {
            RawHttp.Response r = strictApi
                    .raw()
                    .call("POST", "/v1/tenants/" + s.tenant() + "/endpoints", key, "{\"url\":\"" + url + "\"}");
            assertThat(r.status()).as(url + " " + r.body()).isEqualTo(400);
            assertThat(r.fields()).as(url).containsExactly("url");
        }
        assertThat(s.client().endpoints().list(s.tenant()).data()).isEmpty();
        Reliability.report(
                "ssrf-api",
                "spellings",
                urls.size(),
                "refused",
                urls.size(),
                "connections",
                v4.accepted() + (v6 == null ? 0 : v6.accepted()),
                "ipv6",
                v6 != null);
    }

    @Test
    void everyLoopbackSpellingIsBlockedAtDeliveryAndTheListenersSeeNothing() throws Exception {
        // given endpoints with every spelling (the permissive API lets them in) and a worker that refuses private
        // networks
        Scenario s = Scenario.tenant(permissiveApi, "lenient");
        List<String> urls = new ArrayList<>(literalUrls());
        urls.addAll(resolvedUrls());
        String key = permissiveApi
                .adminClient()
                .apiKeys()
                .create("lenient", new dev.hookline.sdk.model.ApiKeyIn("k"))
                .key();
        List<String> created = new ArrayList<>();
        for (String url : urls) {
            RawHttp.Response r =
                    permissiveApi.raw().call("POST", "/v1/tenants/lenient/endpoints", key, "{\"url\":\"" + url + "\"}");
            if (r.status() == 201) {
                created.add(url);
            } else { // not even a URL to the API (java.net.URI rejects the host): it can never be delivered to
                assertThat(r.status()).as(url + " " + r.body()).isEqualTo(400);
            }
        }
        Worker worker = Workers.inProcess(permissiveApi, Workers.settings().withAllowPrivateNetworks(false));
        worker.start();
        try {
            // when a message goes to all of them
            Message m = s.send("probe.sent", "{}");

            // then every delivery fails after one attempt blamed on the guard, and no listener saw a connection
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> s.deliveries(m.id()).stream().allMatch(d -> "failed".equals(d.status())));
            List<Attempt> attempts = s.attempts(m.id());
            assertThat(attempts)
                    .hasSize(created.size())
                    .allSatisfy(a -> assertThat(a.error()).as(a.url()).startsWith("ssrf_blocked"));
            assertThat(v4.accepted()).isZero();
            if (v6 != null) {
                assertThat(v6.accepted()).isZero();
            }
            Reliability.report(
                    "ssrf-delivery",
                    "spellings",
                    urls.size(),
                    "notAUrl",
                    urls.size() - created.size(),
                    "blockedAtDelivery",
                    attempts.size(),
                    "connections",
                    v4.accepted() + (v6 == null ? 0 : v6.accepted()),
                    "ipv6",
                    v6 != null);
        } finally {
            worker.stop();
        }
    }

    private static boolean resolvesToLoopbackOnly(String url) {
        String host = java.net.URI.create(url).getHost();
        try {
            return Arrays.stream(InetAddress.getAllByName(host)).allMatch(InetAddress::isLoopbackAddress);
        } catch (IOException e) {
            return false;
        }
    }

    /** A TCP listener that accepts, counts and closes: it proves no request even started. */
    static final class Listener implements AutoCloseable {
        private final ServerSocket socket;
        private final AtomicInteger accepted = new AtomicInteger();

        private Listener(ServerSocket socket) {
            this.socket = socket;
            Thread t = new Thread(
                    () -> {
                        while (!socket.isClosed()) {
                            try (Socket s = socket.accept()) {
                                accepted.incrementAndGet();
                            } catch (IOException e) {
                                return;
                            }
                        }
                    },
                    "ssrf-listener");
            t.setDaemon(true);
            t.start();
        }

        static Listener on(InetAddress loopback) throws IOException {
            return new Listener(new ServerSocket(0, 50, loopback));
        }

        static Listener onIpv6LoopbackIfAny() {
            try {
                return on(InetAddress.getByName("::1"));
            } catch (IOException e) {
                return null; // no IPv6 on this machine: the [::1] spellings are skipped
            }
        }

        int port() {
            return socket.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
