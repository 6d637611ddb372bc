package dev.hookline.worker.ssrf;

import static dev.hookline.worker.ssrf.Addresses.ip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.StringRequestContent;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Network rule: the only sockets ever opened here are to 127.0.0.0/8 and ::1. Non-loopback addresses appear only in
 * {@link Unit} tests, which call the resolver directly and never connect.
 */
class GuardedSocketAddressResolverTest {

    private static final SsrfPolicy STRICT = SsrfPolicy.strict();
    private static final SsrfPolicy PRIVATE_OK = new SsrfPolicy(true, List.of());

    /** Direct calls to {@link GuardedSocketAddressResolver#resolve}; no sockets at all. */
    @Nested
    class Unit {

        private final RecordingResolver delegate = new RecordingResolver();

        private CompletableFuture<List<InetSocketAddress>> resolve(SsrfPolicy policy, String host) {
            CompletableFuture<List<InetSocketAddress>> result = new CompletableFuture<>();
            new GuardedSocketAddressResolver(policy, delegate).resolve(host, 443, Map.of(), Promise.from(result));
            return result;
        }

        private Throwable failure(CompletableFuture<?> future) {
            assertThat(future).isCompletedExceptionally();
            return future.handle((ok, x) -> x).join();
        }

        @Test
        void blockedLiteralFailsWithReadableMessageAndNoLookup() {
            Throwable x = failure(resolve(STRICT, "127.0.0.1"));
            assertThat(x)
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessage("blocked by SSRF guard: 127.0.0.1 is a loopback address");
            assertThat(((BlockedAddressException) x).host()).isEqualTo("127.0.0.1");
            assertThat(((BlockedAddressException) x).verdicts())
                    .containsExactly(new Verdict(false, "127.0.0.1 is a loopback address"));
            assertThat(delegate.calls).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "127.1",
                    "0x7f000001",
                    "2130706433",
                    "0177.0.0.1",
                    "0x7f.0.0.1",
                    "[::ffff:127.0.0.1]",
                    "[::1]",
                    "0.0.0.0",
                    "0",
                    "[::]",
                    "[::ffff:10.0.0.1]",
                    "0xa9fea9fe",
                    "[fd00:ec2::254]",
                    "[64:ff9b::7f00:1]",
                    "[2002:7f00:1::]"
                })
        void everyLiteralSpellingIsCheckedWithoutLookup(String host) {
            assertThat(failure(resolve(STRICT, host))).isInstanceOf(BlockedAddressException.class);
            assertThat(delegate.calls).isEmpty();
        }

        @Test
        void allowedLiteralIsReturnedWithoutLookup() {
            assertThat(resolve(PRIVATE_OK, "0x7f000001").join())
                    .containsExactly(new InetSocketAddress(ip("127.0.0.1"), 443));
            assertThat(resolve(STRICT, "8.8.8.8").join()).containsExactly(new InetSocketAddress(ip("8.8.8.8"), 443));
            assertThat(delegate.calls).isEmpty();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(strings = {"localhost", "LocalHost.", "foo.localhost"})
        void localhostNamesNeverReachDns(String host) {
            Throwable x = failure(resolve(STRICT, host));
            assertThat(x)
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessageEndingWith(" is a loopback name (127.0.0.1 is a loopback address)");
            assertThat(resolve(PRIVATE_OK, host).join())
                    .containsExactly(
                            new InetSocketAddress(ip("127.0.0.1"), 443), new InetSocketAddress(ip("::1"), 443));
            SsrfPolicy onlyV6 = new SsrfPolicy(false, List.of(Cidr.parse("::1")));
            assertThat(resolve(onlyV6, host).join()).containsExactly(new InetSocketAddress(ip("::1"), 443));
            assertThat(delegate.calls).isEmpty();
        }

        @ParameterizedTest(name = "[{index}] ''{0}''")
        @ValueSource(strings = {"[fe80::1%25eth0]", "256.0.0.1", "1.2.3.4.5", "127.0.0.%31", ""})
        void invalidHostsAreBlockedWithoutLookup(String host) {
            assertThat(failure(resolve(PRIVATE_OK, host)))
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessageStartingWith("blocked by SSRF guard: invalid host '" + host + "': ");
            assertThat(delegate.calls).isEmpty();
        }

        @Test
        void namesAreResolvedOnceAndOnlyAllowedAddressesArePassedOn() {
            InetSocketAddress publicV4 = new InetSocketAddress(ip("8.8.8.8"), 443);
            InetSocketAddress publicV6 = new InetSocketAddress(ip("2001:4860:4860::8888"), 443);
            delegate.answer = List.of(
                    new InetSocketAddress(ip("10.0.0.1"), 443),
                    publicV4,
                    new InetSocketAddress(ip("169.254.169.254"), 443),
                    publicV6);
            List<InetSocketAddress> result = resolve(STRICT, "mixed.example").join();
            assertThat(result).hasSize(2);
            assertThat(result.get(0)).isSameAs(publicV4); // the checked object is the one Jetty connects to
            assertThat(result.get(1)).isSameAs(publicV6);
            assertThat(delegate.calls).containsExactly("mixed.example:443");
        }

        @Test
        void nameResolvingOnlyToBlockedAddressesFails() {
            delegate.answer = List.of(
                    new InetSocketAddress(ip("10.0.0.1"), 443), new InetSocketAddress(ip("169.254.169.254"), 443));
            Throwable x = failure(resolve(STRICT, "internal.example"));
            assertThat(x)
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessage("blocked by SSRF guard: internal.example resolved only to blocked addresses: "
                            + "10.0.0.1 is a private-network address; 169.254.169.254 is a cloud metadata address "
                            + "(only an exact allow-list entry such as 169.254.169.254/32 permits it)");
            assertThat(((BlockedAddressException) x).verdicts()).hasSize(2);
        }

        @Test
        void metadataStaysBlockedWhenPrivateNetworksAreAllowed() {
            delegate.answer = List.of(new InetSocketAddress(ip("169.254.169.254"), 80));
            assertThat(failure(resolve(PRIVATE_OK, "metadata.google.internal")))
                    .isInstanceOf(BlockedAddressException.class);
            delegate.answer = List.of(new InetSocketAddress(ip("10.0.0.1"), 80));
            assertThat(resolve(PRIVATE_OK, "intranet.corp").join()).hasSize(1);
        }

        @Test
        void unresolvedAddressesFromTheDelegateAreNotPassedOn() {
            delegate.answer = List.of(InetSocketAddress.createUnresolved("evil.example", 443));
            assertThat(failure(resolve(PRIVATE_OK, "evil.example")))
                    .isInstanceOf(BlockedAddressException.class)
                    .hasMessageEndingWith("evil.example is unresolved");
        }

        @Test
        void delegateFailuresPropagateUnchanged() {
            UnknownHostException nx = new UnknownHostException("nx.example");
            delegate.failure = nx;
            assertThat(failure(resolve(STRICT, "nx.example"))).isSameAs(nx);
        }

        @Test
        void emptyAnswerIsUnknownHost() {
            delegate.answer = List.of();
            assertThat(failure(resolve(STRICT, "empty.example")))
                    .isInstanceOf(UnknownHostException.class)
                    .hasMessage("empty.example");
        }
    }

    /** Real Jetty HttpClient against loopback receivers. */
    @Nested
    class EndToEnd {

        private final List<HttpClient> clients = new ArrayList<>();
        private Receiver v4;

        @BeforeEach
        void startReceiver() throws IOException {
            v4 = Receiver.start(ip("127.0.0.1"));
        }

        @AfterEach
        void stop() throws Exception {
            for (HttpClient c : clients) {
                c.stop();
            }
            v4.stop();
        }

        private HttpClient client(SsrfPolicy policy) throws Exception {
            return client(policy, null);
        }

        /** Production-like wiring; {@code fakeDns} replaces the Async DNS delegate when given. */
        private HttpClient client(SsrfPolicy policy, SocketAddressResolver fakeDns) throws Exception {
            HttpClient client = new HttpClient();
            QueuedThreadPool executor = new QueuedThreadPool();
            executor.setName("ssrf-test-client");
            ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("ssrf-test-scheduler", false);
            client.setExecutor(executor);
            client.setScheduler(scheduler);
            client.setSocketAddressResolver(
                    fakeDns == null
                            ? GuardedSocketAddressResolver.async(policy, executor, scheduler, 5_000)
                            : new GuardedSocketAddressResolver(policy, fakeDns));
            clients.add(client);
            client.start();
            return client;
        }

        private ContentResponse post(HttpClient client, String url) throws Exception {
            return client.POST(url)
                    .body(new StringRequestContent("application/json", "{\"event\":\"ping\"}"))
                    .timeout(10, TimeUnit.SECONDS)
                    .send();
        }

        private void assertBlocked(HttpClient client, String url, Receiver receiver) {
            assertThatThrownBy(() -> post(client, url))
                    .isInstanceOf(ExecutionException.class)
                    .hasRootCauseInstanceOf(BlockedAddressException.class)
                    .rootCause()
                    .hasMessageStartingWith("blocked by SSRF guard: ");
            assertThat(receiver.requests.get())
                    .as("requests that reached the receiver")
                    .isZero();
        }

        @ParameterizedTest(name = "{0}")
        @ValueSource(
                strings = {
                    "http://127.0.0.1:%d/",
                    "http://localhost:%d/",
                    "http://LOCALHOST:%d/",
                    "http://foo.localhost:%d/",
                    "http://2130706433:%d/",
                    "http://0x7f000001:%d/",
                    "http://0177.0.0.1:%d/",
                    "http://[::ffff:127.0.0.1]:%d/",
                    // 0.0.0.0 is deliberately only in Unit: were the guard broken, the connect would not target 127/8
                })
        void loopbackInEverySpellingIsRefusedBeforeConnecting(String template) throws Exception {
            assertBlocked(client(STRICT), String.format(template, v4.port()), v4);
        }

        @Test
        void ipv6LoopbackIsRefused() throws Exception {
            Receiver v6 = Receiver.tryStart(ip("::1"));
            assumeThat(v6).as("this machine has no ::1").isNotNull();
            try {
                assertBlocked(client(STRICT), "http://[::1]:" + v6.port() + "/", v6);
            } finally {
                v6.stop();
            }
        }

        /**
         * java.net.URI, which Jetty uses, does not parse {@code 127.1} as a host (getHost() is null), so Jetty
         * refuses the URL before the resolver is ever asked. The resolver still blocks this spelling (see
         * {@link Unit}), and {@link SsrfPolicy#checkUrlHost} refuses it at endpoint creation.
         */
        @Test
        void shortFormIsRejectedByJettyItself() throws Exception {
            HttpClient client = client(STRICT);
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> post(client, "http://127.1:" + v4.port() + "/"))
                    .withMessageContaining("Invalid URI host");
            assertThat(v4.requests.get()).isZero();
        }

        @Test
        void privateNetworksAllowedReachesLoopback() throws Exception {
            HttpClient client = client(PRIVATE_OK);
            assertThat(post(client, "http://127.0.0.1:" + v4.port() + "/").getStatus())
                    .isEqualTo(204);
            assertThat(post(client, "http://localhost:" + v4.port() + "/").getStatus())
                    .isEqualTo(204);
            assertThat(v4.requests.get()).isEqualTo(2);
            assertThat(v4.lastBody).isEqualTo("{\"event\":\"ping\"}");
        }

        @Test
        void allowListedLoopbackIsReachableWithoutAllowingPrivateNetworks() throws Exception {
            HttpClient client = client(new SsrfPolicy(false, List.of(Cidr.parse("127.0.0.0/8"))));
            assertThat(post(client, "http://127.0.0.1:" + v4.port() + "/").getStatus())
                    .isEqualTo(204);
            assertThat(v4.requests.get()).isEqualTo(1);
        }

        @Test
        void allowListedLoopbackIsReachableInAnyLiteralSpelling() throws Exception {
            HttpClient client = client(new SsrfPolicy(false, List.of(Cidr.parse("127.0.0.1"))));
            assertThat(post(client, "http://0x7f000001:" + v4.port() + "/").getStatus())
                    .isEqualTo(204);
            assertThat(v4.requests.get()).isEqualTo(1);
        }

        /** A hostile DNS answer (simulated, no real DNS) pointing a public-looking name at loopback. */
        @Test
        void nameResolvingToLoopbackIsRefused() throws Exception {
            RecordingResolver dns = new RecordingResolver();
            dns.answer = List.of(new InetSocketAddress(ip("127.0.0.1"), v4.port()));
            assertBlocked(client(STRICT, dns), "http://rebind.example:" + v4.port() + "/", v4);
            assertThat(dns.calls).containsExactly("rebind.example:" + v4.port());
        }

        @Test
        void jettyConnectsOnlyToTheCheckedAddress() throws Exception {
            RecordingResolver dns = new RecordingResolver();
            dns.answer = List.of(
                    new InetSocketAddress(ip("127.0.0.2"), v4.port()),
                    new InetSocketAddress(ip("127.0.0.1"), v4.port()));
            HttpClient client = client(new SsrfPolicy(false, List.of(Cidr.parse("127.0.0.1"))), dns);
            assertThat(post(client, "http://split.example:" + v4.port() + "/").getStatus())
                    .isEqualTo(204);
            assertThat(v4.requests.get()).isEqualTo(1);
            assertThat(dns.calls).hasSize(1);
        }

        @Test
        void redirectsAreCheckedToo() throws Exception {
            v4.redirectTo = "http://127.0.0.2:" + v4.port() + "/";
            HttpClient client = client(new SsrfPolicy(false, List.of(Cidr.parse("127.0.0.1"))));
            assertThatThrownBy(() -> post(client, "http://127.0.0.1:" + v4.port() + "/"))
                    .hasRootCauseInstanceOf(BlockedAddressException.class)
                    .rootCause()
                    .hasMessage("blocked by SSRF guard: 127.0.0.2 is a loopback address");
            assertThat(v4.requests.get()).as("only the redirecting request").isEqualTo(1);
        }
    }

    /** Fake DNS: records lookups and answers with canned addresses; never touches the network. */
    private static final class RecordingResolver implements SocketAddressResolver {
        final List<String> calls = new ArrayList<>();
        List<InetSocketAddress> answer = List.of();
        Throwable failure;

        @Override
        public void resolve(
                String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            synchronized (calls) {
                calls.add(host + ":" + port);
            }
            if (failure != null) {
                promise.failed(failure);
            } else {
                promise.succeeded(answer);
            }
        }
    }

    /** A webhook receiver bound to a loopback address, counting the requests that reach it. */
    private static final class Receiver {
        final AtomicInteger requests = new AtomicInteger();
        final HttpServer server;
        volatile String lastBody;
        volatile String redirectTo;

        private Receiver(HttpServer server) {
            this.server = server;
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                try (InputStream in = exchange.getRequestBody()) {
                    lastBody = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                }
                if (redirectTo != null) {
                    exchange.getResponseHeaders().add("Location", redirectTo);
                    exchange.sendResponseHeaders(307, -1);
                } else {
                    exchange.sendResponseHeaders(204, -1);
                }
                exchange.close();
            });
            server.start();
        }

        static Receiver start(InetAddress loopback) throws IOException {
            assertThat(loopback.isLoopbackAddress()).isTrue();
            return new Receiver(HttpServer.create(new InetSocketAddress(loopback, 0), 0));
        }

        static Receiver tryStart(InetAddress loopback) {
            try {
                return start(loopback);
            } catch (IOException e) {
                return null;
            }
        }

        int port() {
            return server.getAddress().getPort();
        }

        void stop() {
            server.stop(0);
        }
    }
}
