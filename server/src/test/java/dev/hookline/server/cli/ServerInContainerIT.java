package dev.hookline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.hookline.core.testing.TestEnvironment;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code java -jar hookline.jar server config/hookline.yml} as a container runs it (the Dockerfile's command): every
 * setting from {@code HOOKLINE_*} variables, logs on stdout and nowhere else, ready once up, and on SIGTERM (what
 * {@code docker stop} sends) not ready at once, then drained and stopped.
 */
class ServerInContainerIT {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @RegisterExtension
    static final TestEnvironment env = new TestEnvironment();

    @TempDir
    Path workDir;

    @Test
    void configuredByEnvironmentLogsToStdoutAndDrainsOnSigterm() throws Exception {
        Path jar = Path.of("target/hookline.jar").toAbsolutePath();
        Path config = Path.of("../config/hookline.yml").toAbsolutePath();
        assertThat(jar).exists();
        int httpPort = freePort();
        int adminPort = freePort();
        Path stdout = workDir.resolve("stdout.txt");
        Path stderr = workDir.resolve("stderr.txt");

        ProcessBuilder builder = new ProcessBuilder(
                        javaBinary(), "-Xmx384m", "-jar", jar.toString(), "server", config.toString())
                .directory(workDir.toFile())
                .redirectOutput(stdout.toFile())
                .redirectError(stderr.toFile());
        Map<String, String> variables = builder.environment();
        variables.keySet().removeIf(name -> name.startsWith("HOOKLINE_"));
        variables.put("HOOKLINE_DATABASE_URL", env.databaseUrl().jdbcUrl());
        variables.put(
                "HOOKLINE_DATABASE_USER",
                env.databaseUrl().user() == null ? "" : env.databaseUrl().user());
        variables.put(
                "HOOKLINE_DATABASE_PASSWORD",
                env.databaseUrl().password() == null ? "" : env.databaseUrl().password());
        variables.put("HOOKLINE_REDIS_URL", env.redisUrl());
        variables.put("HOOKLINE_REDIS_KEY_PREFIX", env.redisPrefix());
        variables.put("HOOKLINE_ADMIN_KEY", "container-admin-key-0123456789");
        variables.put("HOOKLINE_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(new byte[32]));
        variables.put("HOOKLINE_HTTP_HOST", "127.0.0.1");
        variables.put("HOOKLINE_HTTP_PORT", Integer.toString(httpPort));
        variables.put("HOOKLINE_ADMIN_PORT", Integer.toString(adminPort));
        variables.put("HOOKLINE_DRAIN_DELAY", "2s");
        String ready = "http://127.0.0.1:" + adminPort + "/health/ready";
        Process server = builder.start();
        try {
            // Configured from the environment alone: up and ready on the ports the variables name.
            await().atMost(Duration.ofSeconds(120)).until(() -> !server.isAlive() || status(ready) == 200);
            assertThat(server.isAlive())
                    .as("server died:\n%s%s", read(stdout), read(stderr))
                    .isTrue();
            assertThat(status("http://127.0.0.1:" + httpPort + "/v1/openapi.json"))
                    .isEqualTo(200);

            // Logs on stdout, and no log file written anywhere in its working directory.
            assertThat(read(stdout)).contains("delivery worker started");
            try (Stream<Path> files = Files.walk(workDir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".log"))).isEmpty();
            }

            // SIGTERM: readiness fails at once and the process still answers through the drain delay...
            long signalled = System.nanoTime();
            server.destroy();
            await().atMost(Duration.ofSeconds(2)).until(() -> status(ready) == 503);
            // ...then it drains the worker and exits.
            assertThat(server.waitFor(60, TimeUnit.SECONDS))
                    .as("stops on SIGTERM")
                    .isTrue();
            long tookMs = (System.nanoTime() - signalled) / 1_000_000;
            assertThat(tookMs).isGreaterThanOrEqualTo(2_000);
            assertThat(read(stdout)).contains("draining: readiness answers 503").contains("delivery worker stopped");
            assertThat(read(stdout).indexOf("draining: readiness answers 503"))
                    .isLessThan(read(stdout).indexOf("delivery worker stopped"));
        } finally {
            server.destroyForcibly();
        }
    }

    /** The HTTP status of a GET, or -1 when nothing answers. */
    private static int status(String url) {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create(url))
                                    .timeout(Duration.ofSeconds(5))
                                    .build(),
                            HttpResponse.BodyHandlers.discarding())
                    .statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
