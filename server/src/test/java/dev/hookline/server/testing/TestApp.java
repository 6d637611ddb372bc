package dev.hookline.server.testing;

import dev.hookline.core.testing.TestEnvironment;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.server.HooklineApplication;
import dev.hookline.server.HooklineConfiguration;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jetty.HttpConnectorFactory;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.Base64;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The whole application (API and worker) on free loopback ports, over the class's own database and Redis prefix.
 *
 * <pre>{@code
 * @RegisterExtension static final TestApp app = new TestApp(c -> c.delivery.retrySchedule = "0s,50ms,50ms");
 * }</pre>
 */
public final class TestApp implements BeforeAllCallback, AfterAllCallback {
    public static final String ADMIN_KEY = "test-admin-key-0123456789";

    private final TestEnvironment env;
    private final Consumer<HooklineConfiguration> customize;
    private DropwizardTestSupport<HooklineConfiguration> support;
    private HooklineConfiguration config;

    public TestApp() {
        this(c -> {});
    }

    public TestApp(Consumer<HooklineConfiguration> customize) {
        this(new TestEnvironment(), customize);
    }

    /** Over {@code env}'s database and Redis prefix, e.g. {@link TestEnvironment#on} a PostgreSQL of the test's own. */
    public TestApp(TestEnvironment env, Consumer<HooklineConfiguration> customize) {
        this.env = env;
        this.customize = customize;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        start(context.getRequiredTestClass());
    }

    /** For test engines without Jupiter extensions (jqwik): what {@link #beforeAll} does, for {@code testClass}. */
    public void start(Class<?> testClass) throws Exception {
        env.start(testClass);
        config = new HooklineConfiguration();
        config.database.url = env.databaseUrl().jdbcUrl();
        config.database.user = env.databaseUrl().user();
        config.database.password = env.databaseUrl().password();
        config.database.maxConnections = 10;
        config.redis.url = env.redisUrl();
        config.redis.keyPrefix = env.redisPrefix();
        config.security.adminKey = ADMIN_KEY;
        config.security.encryptionKey = Base64.getEncoder().encodeToString(new byte[32]);
        config.security.allowInsecureUrls = true;
        config.security.allowPrivateNetworks = true;
        // On in tests (off by default): the secrets tests check that the access log never holds a key.
        config.requestLog = true;
        config.delivery.retrySchedule = "0s,100ms,100ms";
        config.delivery.reconcileIntervalSeconds = 1;
        config.delivery.reconcileAfterSeconds = 2;
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        server.setApplicationConnectors(List.of(loopback()));
        server.setAdminConnectors(List.of(loopback()));
        customize.accept(config);
        support = new DropwizardTestSupport<>(HooklineApplication.class, config);
        support.before();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        stop();
    }

    public void stop() throws Exception {
        if (support != null) {
            support.after();
        }
        env.stop();
    }

    private static HttpConnectorFactory loopback() {
        HttpConnectorFactory connector = new HttpConnectorFactory();
        connector.setBindHost("127.0.0.1");
        connector.setPort(0);
        return connector;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + support.getLocalPort();
    }

    public String adminUrl() {
        return "http://127.0.0.1:" + support.getAdminPort();
    }

    public HooklineClient adminClient() {
        return client(ADMIN_KEY);
    }

    public HooklineClient client(String apiKey) {
        return HooklineClient.builder()
                .baseUrl(baseUrl())
                .apiKey(apiKey)
                .maxRetries(0)
                .build();
    }

    /** The application's own ObjectMapper, as configured for request and response bodies. */
    public com.fasterxml.jackson.databind.ObjectMapper objectMapper() {
        return support.getObjectMapper();
    }

    public TestEnvironment env() {
        return env;
    }

    public HooklineConfiguration config() {
        return config;
    }

    /** The running application's environment: its Jersey resources, metrics, lifecycle. */
    public io.dropwizard.core.setup.Environment environment() {
        return support.getEnvironment();
    }

    /** Plain HTTP against the API, for exact statuses and error bodies. */
    public RawHttp raw() {
        return new RawHttp(baseUrl());
    }
}
