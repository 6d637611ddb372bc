package dev.hookline.server.cli;

import dev.hookline.core.embedded.EmbeddedPostgresServer;
import dev.hookline.core.embedded.EmbeddedRedisServer;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.NotFoundException;
import dev.hookline.sdk.model.PortalSessionCreated;
import dev.hookline.sdk.model.PortalSessionIn;
import dev.hookline.sdk.model.TenantIn;
import dev.hookline.server.HooklineConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.core.cli.ServerCommand;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.jetty.HttpConnectorFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import net.sourceforge.argparse4j.inf.Namespace;
import org.eclipse.jetty.util.component.LifeCycle;

/**
 * {@code dev}: the whole platform with zero set-up. Starts embedded PostgreSQL and Redis (unless
 * {@code HOOKLINE_DATABASE_URL} / {@code HOOKLINE_REDIS_URL} point elsewhere), keeps their data and the generated
 * keys under {@code ~/.hookline/dev}, runs API and worker in one JVM with loopback endpoints allowed, and prints
 * the admin key, a link to the tenant portal of the quickstart's tenant and a quickstart. Ctrl-C stops everything it
 * started.
 */
public final class DevCommand extends ServerCommand<HooklineConfiguration> {
    private final List<AutoCloseable> started = new ArrayList<>();
    private final java.util.concurrent.CountDownLatch serverStopped = new java.util.concurrent.CountDownLatch(1);
    private volatile boolean serverStarted;

    public DevCommand(Application<HooklineConfiguration> application) {
        super(application, "dev", "Runs API, worker, embedded PostgreSQL and Redis in one process, for development");
    }

    @Override
    protected void run(Bootstrap<HooklineConfiguration> bootstrap, Namespace namespace, HooklineConfiguration config)
            throws Exception {
        Path home = Path.of(env("HOOKLINE_DEV_HOME", System.getProperty("user.home") + "/.hookline/dev"));
        Files.createDirectories(home);
        config.devMode = true;

        String databaseUrl = System.getenv("HOOKLINE_DATABASE_URL");
        if (databaseUrl != null && !databaseUrl.isBlank()) {
            config.database.url = databaseUrl;
            config.database.user = env("HOOKLINE_DATABASE_USER", config.database.user);
            config.database.password = env("HOOKLINE_DATABASE_PASSWORD", config.database.password);
        } else {
            EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(home.resolve("postgres"));
            started.add(postgres);
            config.database.url = postgres.jdbcUrl("postgres");
        }
        String redisUrl = System.getenv("HOOKLINE_REDIS_URL");
        if (redisUrl != null && !redisUrl.isBlank()) {
            config.redis.url = redisUrl;
        } else {
            EmbeddedRedisServer redis = EmbeddedRedisServer.start(home.resolve("redis"));
            started.add(redis);
            config.redis.url = redis.url();
        }
        // A stop hook of our own as well, so nothing is left running if start-up fails half-way. Once the
        // server runs, the hook waits for it to stop first: the worker still writes while it drains.
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            if (serverStarted) {
                                try {
                                    serverStopped.await(60, java.util.concurrent.TimeUnit.SECONDS);
                                } catch (InterruptedException e) {
                                    Thread.currentThread().interrupt();
                                }
                            }
                            stopStarted();
                        },
                        "hookline-dev-stop"));

        config.security.adminKey =
                env("HOOKLINE_ADMIN_KEY", persisted(home.resolve("admin.key"), () -> "hl_admin_" + random(24, true)));
        config.security.encryptionKey = persisted(home.resolve("encryption.key"), () -> random(32, false));
        config.security.allowPrivateNetworks = Boolean.parseBoolean(env("HOOKLINE_ALLOW_PRIVATE_NETWORKS", "true"));
        config.security.allowInsecureUrls = Boolean.parseBoolean(env("HOOKLINE_ALLOW_INSECURE_URLS", "true"));
        config.delivery.retrySchedule = env("HOOKLINE_RETRY_SCHEDULE", config.delivery.retrySchedule);
        config.delivery.workerEnabled = Boolean.parseBoolean(env("HOOKLINE_WORKER_ENABLED", "true"));

        int httpPort = Integer.parseInt(env("HOOKLINE_HTTP_PORT", "8080"));
        int adminPort = Integer.parseInt(env("HOOKLINE_ADMIN_PORT", "8081"));
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setApplicationConnectors(List.of(connector("127.0.0.1", httpPort)));
            server.setAdminConnectors(List.of(connector("127.0.0.1", adminPort)));
        }
        super.run(bootstrap, namespace, config);
        printQuickstart(config, httpPort, home);
    }

    @Override
    protected void run(Environment environment, Namespace namespace, HooklineConfiguration configuration)
            throws Exception {
        // Embedded servers stop after the API and worker have stopped, never under them.
        environment.lifecycle().addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStarted(LifeCycle event) {
                serverStarted = true;
            }

            @Override
            public void lifeCycleStopped(LifeCycle event) {
                stopStarted();
                serverStopped.countDown();
            }
        });
        super.run(environment, namespace, configuration);
    }

    private synchronized void stopStarted() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop " + started.get(i) + ": " + e);
            }
        }
        started.clear();
    }

    private static HttpConnectorFactory connector(String host, int port) {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost(host);
        connector.setPort(port);
        return connector;
    }

    private static void printQuickstart(HooklineConfiguration config, int port, Path home) {
        String base = "http://localhost:" + port;
        String portal = base + portalPath(config.security.adminKey, "http://127.0.0.1:" + port);
        System.out.println("""

                ==================================================================================
                 Hookline dev mode is running on %1$s   (data in %3$s, Ctrl-C stops it)
                 Admin key: %2$s
                 Tenant portal of acme (every permission, 7 days): %4$s
                ----------------------------------------------------------------------------------
                 Quickstart (copy-paste into a shell):

                export HL=%1$s ADMIN='%2$s'
                curl -s $HL/v1/tenants/acme -H "Authorization: Bearer $ADMIN"
                curl -s -XPOST $HL/v1/tenants/acme/endpoints -H "Authorization: Bearer $ADMIN" -H 'content-type: application/json' -d '{"uid":"echo","url":"'$HL'/dev/echo"}'
                curl -s $HL/v1/tenants/acme/endpoints/echo/secret -H "Authorization: Bearer $ADMIN"
                curl -s -XPOST $HL/v1/tenants/acme/messages -H "Authorization: Bearer $ADMIN" -H 'content-type: application/json' -d '{"eventType":"user.created","payload":{"id":42}}'
                sleep 1; curl -s "$HL/v1/tenants/acme/attempts?limit=5" -H "Authorization: Bearer $ADMIN"
                ==================================================================================
                """.formatted(base, config.security.adminKey, home, portal));
    }

    /**
     * A link to the tenant portal of the quickstart's tenant {@code acme} (made here if it does not exist yet),
     * minted through the API like any SaaS backend would, with every permission for a week.
     */
    private static String portalPath(String adminKey, String base) {
        try {
            HooklineClient admin = HooklineClient.builder()
                    .baseUrl(base)
                    .apiKey(adminKey)
                    .maxRetries(2)
                    .build();
            try {
                admin.tenants().get("acme");
            } catch (NotFoundException absent) {
                admin.tenants().create(new TenantIn("Acme", "acme", null));
            }
            PortalSessionCreated session = admin.portalSessions()
                    .create(
                            "acme",
                            PortalSessionIn.builder()
                                    .expiresIn(java.time.Duration.ofDays(7))
                                    .permissions(
                                            PortalSessionIn.MANAGE_ENDPOINTS,
                                            PortalSessionIn.VIEW_SECRETS,
                                            PortalSessionIn.RESEND)
                                    .build());
            return session.url();
        } catch (RuntimeException e) {
            return " (no link: " + e.getMessage() + ")";
        }
    }

    private static String persisted(Path file, java.util.function.Supplier<String> generate) {
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String value = generate.get();
            Files.writeString(file, value + "\n", StandardCharsets.UTF_8);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep " + file, e);
        }
    }

    private static String random(int bytes, boolean urlSafe) {
        byte[] b = new byte[bytes];
        new SecureRandom().nextBytes(b);
        return urlSafe
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(b)
                : Base64.getEncoder().encodeToString(b);
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
