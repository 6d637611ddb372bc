package dev.hookline.server.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hookline.core.embedded.EmbeddedRedisServer;
import dev.hookline.core.testing.CrashablePostgres;
import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.server.testing.TestApp;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code /health/live} and {@code /health/ready} through real outages: a PostgreSQL and a Redis of the test's own are
 * stopped and started again (the machine's shared ones are never touched), and the application is stopped last, with
 * a drain delay.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ProbesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @AutoClose
    static final CrashablePostgres postgres = CrashablePostgres.start();

    static final EmbeddedRedisServer redis = EmbeddedRedisServer.start(null);

    @RegisterExtension
    static final TestApp app = new TestApp(TestEnvironment.on(postgres.adminDatabase()), c -> {
        c.redis.url = redis.url();
        c.operations.drainDelay = io.dropwizard.util.Duration.seconds(3);
    });

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @Test
    @Order(1)
    void readyAndAliveWhenEverythingAnswers() throws Exception {
        assertThat(get(Probes.READY).statusCode()).isEqualTo(200);
        JsonNode ready = JSON.readTree(get(Probes.READY).body());
        assertThat(ready.path("status").asText()).isEqualTo("ready");
        assertThat(ready.path("checks").path("postgresql").asText()).isEqualTo("healthy");
        assertThat(ready.path("checks").path("redis").asText()).isEqualTo("healthy");
        assertThat(get(Probes.LIVE).statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void notReadyWhileRedisIsDownButStillAlive() throws Exception {
        // when Redis stops
        redis.stopForNow();
        try {
            // then readiness fails, naming Redis, while liveness holds
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> response = get(Probes.READY);
                assertThat(response.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("checks").path("redis").asText()).isIn("unhealthy", "timeout");
                assertThat(body.path("checks").path("postgresql").asText()).isEqualTo("healthy");
            });
            assertThat(get(Probes.LIVE).statusCode()).isEqualTo(200);
        } finally {
            redis.startAgain();
        }
        // and once it is back, the process is ready again
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(get(Probes.READY).statusCode()).isEqualTo(200));
    }

    @Test
    @Order(3)
    void notReadyWhilePostgresIsDownButStillAlive() throws Exception {
        // when PostgreSQL is killed
        postgres.kill();
        try {
            // then readiness fails, naming PostgreSQL, while liveness holds
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                HttpResponse<String> response = get(Probes.READY);
                assertThat(response.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(response.body());
                assertThat(body.path("checks").path("postgresql").asText()).isIn("unhealthy", "timeout");
                assertThat(body.path("checks").path("redis").asText()).isEqualTo("healthy");
            });
            assertThat(get(Probes.LIVE).statusCode()).isEqualTo(200);
        } finally {
            postgres.startAgain();
        }
        // and once it is back, the process is ready again
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(get(Probes.READY).statusCode()).isEqualTo(200));
    }

    @Test
    @Order(4)
    void notReadyAsSoonAsItStartsToStopWhileStillServingThroughTheDrainDelay() throws Exception {
        // given a ready process
        assertThat(get(Probes.READY).statusCode()).isEqualTo(200);
        var server = app.environment().getApplicationContext().getServer();
        String ready = app.adminUrl() + Probes.READY;
        String live = app.adminUrl() + Probes.LIVE;
        String api = app.baseUrl() + "/v1/openapi.json";

        // when it is told to stop (what SIGTERM does through Jetty's shutdown hook)
        Thread stopping = new Thread(
                () -> {
                    try {
                        server.stop();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                "stop-server");
        stopping.start();

        // then readiness answers 503 "draining" at once, while liveness and the API still answer
        await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
            HttpResponse<String> response = getUrl(ready);
            assertThat(response.statusCode()).isEqualTo(503);
            assertThat(JSON.readTree(response.body()).path("status").asText()).isEqualTo("draining");
        });
        assertThat(getUrl(live).statusCode()).isEqualTo(200);
        assertThat(getUrl(api).statusCode()).isEqualTo(200);
        // and after the drain delay the ports close
        stopping.join(Duration.ofSeconds(30).toMillis());
        assertThat(stopping.isAlive()).isFalse();
        assertThat(refused(ready)).isTrue();
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return getUrl(app.adminUrl() + path);
    }

    private static HttpResponse<String> getUrl(String url) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(10))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static boolean refused(String url) throws InterruptedException {
        try {
            getUrl(url);
            return false;
        } catch (ConnectException e) {
            return true;
        } catch (IOException e) {
            return true;
        }
    }
}
