package dev.hookline.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command, for real: {@code java -jar hookline.jar dev} in its own process, the quickstart it
 * prints pasted into a shell, a signed delivery logged, the portal link it prints working, and after SIGTERM nothing
 * it started left running.
 * Nothing is set up for it: no {@code HOOKLINE_*} variable reaches the process, so dev mode starts its own
 * embedded PostgreSQL and Redis, as a newcomer's first run does (as root in CI and containers too).
 */
class DevModeIT {
    @TempDir
    Path home;

    @Test
    void printedQuickstartDeliversASignedWebhookAndCtrlCLeavesNothingRunning() throws Exception {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/curl")) || Files.isExecutable(Path.of("/bin/curl")))
                .as("the quickstart is curl lines")
                .isTrue();
        Path jar = Path.of("target/hookline.jar");
        assertThat(jar).exists();
        int httpPort = freePort();
        int adminPort = freePort();
        Path log = home.resolve("dev.log");

        ProcessBuilder builder = new ProcessBuilder(javaBinary(), "-Xmx512m", "-jar", jar.toString(), "dev")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("HOOKLINE_"));
        builder.environment().put("HOOKLINE_DEV_HOME", home.resolve("data").toString());
        builder.environment().put("HOOKLINE_HTTP_PORT", Integer.toString(httpPort));
        builder.environment().put("HOOKLINE_ADMIN_PORT", Integer.toString(adminPort));
        Process dev = builder.start();
        try {
            await().atMost(Duration.ofSeconds(90)).until(() -> read(log).contains("Admin key:") || !dev.isAlive());
            String output = read(log);
            assertThat(dev.isAlive()).as("dev mode died:\n%s", output).isTrue();
            int redisPort = Integer.parseInt(match(output, "embedded Redis listening on 127\\.0\\.0\\.1:(\\d+)"));
            int postgresPort =
                    Integer.parseInt(match(output, "embedded PostgreSQL listening on 127\\.0\\.0\\.1:(\\d+)"));
            assertThat(portAnswers(postgresPort))
                    .as("embedded PostgreSQL answers")
                    .isTrue();
            List<ProcessHandle> children = dev.descendants().toList();
            assertThat(children).as("embedded Redis runs as a child process").isNotEmpty();

            // The quickstart block, exactly as printed.
            String quickstart = output.substring(
                    output.indexOf("export HL="), output.indexOf("=====", output.indexOf("export HL=")));
            Process shell = new ProcessBuilder("bash", "-c", "set -e\n" + quickstart)
                    .redirectErrorStream(true)
                    .start();
            String shellOutput = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(shell.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(shell.exitValue()).as(shellOutput).isZero();
            assertThat(shellOutput)
                    .contains("\"uid\":\"acme\"")
                    .contains("whsec_")
                    .contains("\"status\":\"succeeded\"")
                    .contains("\"responseStatusCode\":204");
            await().atMost(Duration.ofSeconds(10)).until(() -> read(log).contains("dev receiver got webhook-id=msg_"));

            // The printed portal link of the quickstart's tenant holds a token that opens its session.
            String token = match(
                    output, "Tenant portal of acme .*: http://localhost:\\d+/portal/#token=(hlp_[A-Za-z0-9_-]{43})");
            Process session = new ProcessBuilder(
                            "curl",
                            "-s",
                            "http://127.0.0.1:" + httpPort + "/v1/portal/session",
                            "-H",
                            "Authorization: Bearer " + token)
                    .redirectErrorStream(true)
                    .start();
            String sessionOutput = new String(session.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(session.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(sessionOutput)
                    .contains("\"tenantUid\":\"acme\"")
                    .contains("\"manage_endpoints\"")
                    .contains("\"resend\"");
            assertThat(read(log)).containsPattern("webhook-signature=v1,[A-Za-z0-9+/=]{44}");
            // and the jar serves the page that link opens, with its libraries (unpacked from WebJars at build time)
            java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + httpPort + "/portal/";
            var page = http.send(
                    java.net.http.HttpRequest.newBuilder(java.net.URI.create(base))
                            .build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            var assets = java.util.regex.Pattern.compile("(?:src|href)=\"(assets/[^\"]+)\"")
                    .matcher(page.body())
                    .results()
                    .map(m -> m.group(1))
                    .toList();
            assertThat(assets).hasSize(3);
            for (String asset : assets) {
                var served = http.send(
                        java.net.http.HttpRequest.newBuilder(java.net.URI.create(base + asset))
                                .build(),
                        java.net.http.HttpResponse.BodyHandlers.ofByteArray());
                assertThat(served.statusCode()).as(asset).isEqualTo(200);
                assertThat(served.body()).as(asset).isNotEmpty();
            }

            // Ctrl-C (SIGTERM here) stops everything dev mode started.
            dev.destroy();
            assertThat(dev.waitFor(60, TimeUnit.SECONDS))
                    .as("dev mode stops on SIGTERM")
                    .isTrue();
            await().atMost(Duration.ofSeconds(20)).until(() -> children.stream().noneMatch(ProcessHandle::isAlive));
            assertThat(portAnswers(redisPort)).as("embedded Redis stopped").isFalse();
            assertThat(portAnswers(postgresPort))
                    .as("embedded PostgreSQL stopped")
                    .isFalse();
            assertThat(read(log)).doesNotContain("could not stop");
        } finally {
            dev.destroyForcibly();
            dev.descendants().forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }

    private static String match(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as("output has /%s/:\n%s", regex, text).isTrue();
        return m.group(1);
    }

    private static boolean portAnswers(int port) {
        try (Socket s = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
