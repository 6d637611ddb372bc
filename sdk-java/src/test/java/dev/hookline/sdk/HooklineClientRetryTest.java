package dev.hookline.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.hookline.sdk.model.MessageIn;
import dev.hookline.sdk.model.TenantIn;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HooklineClientRetryTest {
    private static final String MESSAGE_JSON = "{\"id\":\"msg_1\",\"eventType\":\"invoice.paid\",\"payload\":{}}";
    private static final String SERVER_ERROR = "{\"code\":503,\"error\":\"unavailable\",\"message\":\"try later\"}";
    private static final MessageIn MESSAGE = MessageIn.of("invoice.paid", JsonNodeFactory.instance.objectNode());

    private final FakeHookline server = new FakeHookline();
    private final List<Duration> sleeps = new ArrayList<>();
    private final HooklineClient client = server.client(sleeps);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void retriesServerErrorsReusingTheIdempotencyKey() {
        server.answer(500, SERVER_ERROR).answer(502, "<html>bad gateway</html>").answer(202, MESSAGE_JSON);

        String id = client.messages().send("acme", MESSAGE).id();

        assertThat(id).isEqualTo("msg_1");
        List<String> keys =
                server.requests().stream().map(r -> r.header("Idempotency-Key")).toList();
        assertThat(keys).hasSize(3).doesNotContainNull().containsOnly(keys.get(0));
        assertThat(server.requests())
                .extracting(FakeHookline.Recorded::body)
                .containsOnly(server.requests().get(0).body());
    }

    @Test
    void usesANewIdempotencyKeyForEachLogicalCall() {
        server.answer(202, MESSAGE_JSON).answer(202, MESSAGE_JSON);

        client.messages().send("acme", MESSAGE);
        client.messages().send("acme", MESSAGE);

        assertThat(server.requests().get(0).header("Idempotency-Key"))
                .isNotEqualTo(server.requests().get(1).header("Idempotency-Key"));
    }

    @Test
    void sendsTheCallersIdempotencyKeyOnEveryAttempt() {
        server.answer(503, SERVER_ERROR).answer(202, MESSAGE_JSON);

        client.messages().send("acme", MESSAGE, RequestOptions.idempotencyKey("order-1234-paid"));

        assertThat(server.requests())
                .extracting(r -> r.header("Idempotency-Key"))
                .containsExactly("order-1234-paid", "order-1234-paid");
    }

    @Test
    void honoursRetryAfterOn429() {
        server.answer(
                        429,
                        Map.of("Retry-After", "2"),
                        "{\"code\":429,\"error\":\"rate_limited\",\"message\":\"slow down\"}")
                .answer(201, "{\"id\":\"tnt_1\",\"name\":\"Acme\"}");

        client.tenants().create(TenantIn.of("Acme"));

        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
        assertThat(server.requests()).hasSize(2);
    }

    @Test
    void honoursRetryAfterOn503() {
        server.answer(503, Map.of("Retry-After", "3"), SERVER_ERROR).answer(200, "{\"id\":\"tnt_1\"}");

        client.tenants().get("tnt_1");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void capsALongRetryAfterAt30Seconds() {
        server.answer(429, Map.of("Retry-After", "3600"), "{}").answer(200, "{\"id\":\"tnt_1\"}");

        client.tenants().get("tnt_1");

        assertThat(sleeps).containsExactly(Duration.ofSeconds(30));
    }

    @Test
    void throwsTheRateLimitWithItsRetryAfterOnceRetriesRunOut() {
        for (int i = 0; i < 3; i++) {
            server.answer(
                    429,
                    Map.of("Retry-After", "1", "X-Request-Id", "req_" + i),
                    "{\"code\":429,\"error\":\"rate_limited\",\"message\":\"slow down\"}");
        }

        assertThatThrownBy(() -> client.tenants().get("tnt_1")).isInstanceOfSatisfying(RateLimitException.class, e -> {
            assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
            assertThat(e.requestId()).isEqualTo("req_2");
        });
        assertThat(server.requests()).hasSize(3); // the first try and the default two retries
    }

    @Test
    void doesNotRetryABadRequest() {
        server.answer(400, "{\"code\":400,\"error\":\"validation_failed\",\"message\":\"bad\",\"details\":[]}")
                .answer(202, MESSAGE_JSON);

        assertThatThrownBy(() -> client.messages().send("acme", MESSAGE)).isInstanceOf(ValidationException.class);

        assertThat(server.requests()).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void backsOffExponentiallyWithJitterUpToFiveSeconds() {
        for (int i = 0; i < 6; i++) {
            server.answer(500, SERVER_ERROR);
        }
        HooklineClient patient = HooklineClient.builder()
                .baseUrl(server.url())
                .apiKey("k")
                .maxRetries(5)
                .sleeper(sleeps::add)
                .build();

        assertThatThrownBy(() -> patient.tenants().get("tnt_1")).isInstanceOf(ServerException.class);

        assertThat(sleeps).hasSize(5);
        long[] nominal = {500, 1000, 2000, 4000, 5000};
        for (int i = 0; i < nominal.length; i++) {
            assertThat(sleeps.get(i).toMillis()).as("retry %d", i).isBetween(nominal[i] * 3 / 4, nominal[i]);
        }
    }

    @Test
    void retriesConnectionFailuresThenThrowsConnectionException() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HooklineClient unreachable = HooklineClient.builder()
                .baseUrl("http://127.0.0.1:" + closedPort)
                .apiKey("k")
                .sleeper(sleeps::add)
                .build();

        assertThatThrownBy(() -> unreachable.messages().send("acme", MESSAGE))
                .isInstanceOfSatisfying(ConnectionException.class, e -> {
                    assertThat(e.statusCode()).isZero();
                    assertThat(e.errorCode()).isEqualTo("connection_failed");
                    assertThat(e).hasCauseInstanceOf(IOException.class);
                });
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void timesOutWhenTheServerNeverAnswers() throws IOException {
        // The kernel completes the TCP handshake from the backlog, so the request is sent and no answer ever comes.
        try (ServerSocket silent = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            HooklineClient impatient = HooklineClient.builder()
                    .baseUrl("http://127.0.0.1:" + silent.getLocalPort())
                    .apiKey("k")
                    .readTimeout(Duration.ofMillis(200))
                    .maxRetries(0)
                    .build();
            long start = System.nanoTime();

            assertThatThrownBy(() -> impatient.tenants().get("tnt_1"))
                    .isInstanceOf(ConnectionException.class)
                    .hasMessageContaining("timed out");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        }
    }

    @Test
    void retriesGetsAndDeletesToo() {
        server.answer(503, SERVER_ERROR).answer(204, null);

        client.endpoints().delete("acme", "ep_1");

        assertThat(server.requests()).extracting(FakeHookline.Recorded::method).containsExactly("DELETE", "DELETE");
        assertThat(server.requests())
                .allSatisfy(r -> assertThat(r.header("Idempotency-Key")).isNull());
    }

    @Test
    void maxRetriesZeroFailsOnTheFirstServerError() {
        server.answer(500, SERVER_ERROR).answer(200, "{\"id\":\"tnt_1\"}");
        HooklineClient once = HooklineClient.builder()
                .baseUrl(server.url())
                .apiKey("k")
                .maxRetries(0)
                .sleeper(sleeps::add)
                .build();

        assertThatThrownBy(() -> once.tenants().get("tnt_1")).isInstanceOf(ServerException.class);
        assertThat(server.requests()).hasSize(1);
    }
}
