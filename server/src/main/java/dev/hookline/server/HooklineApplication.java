package dev.hookline.server;

import com.codahale.metrics.Gauge;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hookline.core.db.Database;
import dev.hookline.core.db.LogReads;
import dev.hookline.core.queue.DeliveryQueue;
import dev.hookline.core.security.SecretBox;
import dev.hookline.migrations.Migrations;
import dev.hookline.server.attempts.AttemptLog;
import dev.hookline.server.attempts.AttemptsResource;
import dev.hookline.server.attempts.EndpointHealthReader;
import dev.hookline.server.attempts.EndpointStatsResource;
import dev.hookline.server.attempts.OperationalAttemptsResource;
import dev.hookline.server.auth.ApiKeyAuthenticator;
import dev.hookline.server.auth.AuthCache;
import dev.hookline.server.auth.AuthCacheSync;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.auth.JsonUnauthorizedHandler;
import dev.hookline.server.auth.PortalGate;
import dev.hookline.server.auth.TenantAccess;
import dev.hookline.server.cli.DbCommand;
import dev.hookline.server.cli.DevCommand;
import dev.hookline.server.cli.WorkerCommand;
import dev.hookline.server.delivery.RecoverResource;
import dev.hookline.server.delivery.Redelivery;
import dev.hookline.server.delivery.ResendResource;
import dev.hookline.server.delivery.SendExampleResource;
import dev.hookline.server.dev.DevEchoResource;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.endpoints.EndpointsResource;
import dev.hookline.server.errors.ApiExceptionMapper;
import dev.hookline.server.errors.CatchAllExceptionMapper;
import dev.hookline.server.errors.JsonErrorHandler;
import dev.hookline.server.errors.JsonExceptionMapper;
import dev.hookline.server.errors.ValidationExceptionMapper;
import dev.hookline.server.errors.WebApplicationExceptionMapper;
import dev.hookline.server.eventtypes.EventTypeCatalog;
import dev.hookline.server.eventtypes.EventTypeCatalogSync;
import dev.hookline.server.eventtypes.EventTypeService;
import dev.hookline.server.eventtypes.EventTypesResource;
import dev.hookline.server.health.DeadlockWatch;
import dev.hookline.server.health.Probes;
import dev.hookline.server.health.RedisHealthCheck;
import dev.hookline.server.messages.FastSendFilter;
import dev.hookline.server.messages.MessageService;
import dev.hookline.server.messages.MessagesResource;
import dev.hookline.server.messages.SendIntake;
import dev.hookline.server.messages.TraceFilter;
import dev.hookline.server.metrics.PrometheusMetrics;
import dev.hookline.server.openapi.OpenApiResource;
import dev.hookline.server.operational.OperationalEndpointsResource;
import dev.hookline.server.portal.PortalSessionResource;
import dev.hookline.server.portal.PortalSessionService;
import dev.hookline.server.portal.PortalSessionsResource;
import dev.hookline.server.portal.page.PortalAssets;
import dev.hookline.server.portal.page.PortalServlet;
import dev.hookline.server.ratelimit.RateLimitFilter;
import dev.hookline.server.ratelimit.RateLimiter;
import dev.hookline.server.tenants.ApiKeysResource;
import dev.hookline.server.tenants.BrandingResource;
import dev.hookline.server.tenants.TenantService;
import dev.hookline.server.tenants.TenantsResource;
import dev.hookline.server.validation.BodySizeLimit;
import dev.hookline.server.validation.JsonLimits;
import dev.hookline.worker.Version;
import dev.hookline.worker.Worker;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.ManualDelivery;
import dev.hookline.worker.delivery.OutboundHttp;
import dev.hookline.worker.retention.RetentionJob;
import dev.hookline.worker.ssrf.SsrfPolicy;
import dev.hookline.worker.tracing.Tracing;
import io.dropwizard.auth.AuthDynamicFeature;
import io.dropwizard.auth.AuthValueFactoryProvider;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.core.Application;
import io.dropwizard.core.server.AbstractServerFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.db.ManagedDataSource;
import io.dropwizard.jdbi3.JdbiFactory;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.logging.common.AbstractAppenderFactory;
import io.dropwizard.request.logging.LogbackAccessRequestLogFactory;
import jakarta.servlet.DispatcherType;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.HttpClient;
import org.jdbi.v3.core.Jdbi;
import redis.clients.jedis.UnifiedJedis;

/**
 * The Hookline application: the REST API and, unless disabled, a delivery worker in the same process.
 * Commands: {@code server}, {@code worker}, {@code dev}, {@code db migrate}.
 */
public final class HooklineApplication extends Application<HooklineConfiguration> {
    /** How long the log is read from the primary after the read replica could not be reached. */
    private static final java.time.Duration REPLICA_RETRY = java.time.Duration.ofSeconds(10);

    public static void main(String[] args) throws Exception {
        new HooklineApplication().run(args);
    }

    @Override
    public String getName() {
        return "hookline";
    }

    @Override
    public void initialize(Bootstrap<HooklineConfiguration> bootstrap) {
        bootstrap.setConfigurationSourceProvider(new SubstitutingSourceProvider(
                bootstrap.getConfigurationSourceProvider(), new EnvironmentVariableSubstitutor(false)));
        bootstrap.addCommand(new WorkerCommand(this));
        bootstrap.addCommand(new DevCommand(this));
        bootstrap.addCommand(new DbCommand());
        bootstrap
                .getObjectMapper()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        JsonLimits.apply(bootstrap.getObjectMapper().getFactory());
    }

    @Override
    public void run(HooklineConfiguration config, Environment env) throws Exception {
        Clock clock = Clock.systemUTC();
        applyRequestLogSetting(config);
        DeadlockWatch.install(env.metrics(), env.healthChecks());
        byte[] encryptionKey = config.security.encryptionKeyBytes();
        String adminKey = config.security.requireAdminKey();
        SecretBox secretBox = new SecretBox(encryptionKey);

        ManagedDataSource dataSource = config.database.dataSourceFactory().build(env.metrics(), "postgresql");
        Migrations.migrate(dataSource);
        Jdbi jdbi = Database.configure(
                new JdbiFactory().build(env, config.database.dataSourceFactory(), dataSource, "postgresql"));

        UnifiedJedis redis = config.redis.build();
        env.lifecycle().manage(managed(() -> {}, redis::close));
        env.healthChecks().register("redis", new RedisHealthCheck(redis));
        DeliveryQueue queue = new DeliveryQueue(redis, config.redis.keyPrefix, config.redis.queueShards);
        queue.ensureGroup();
        // On a Redis Cluster: pipelined queue commands the cluster redirected (a slot moved or moving) and that were
        // sent again on their own; a burst means resharding or a failover.
        env.metrics().register("hookline.queue.redirects.moved", (Gauge<Long>) queue::redirectedMoved);
        env.metrics().register("hookline.queue.redirects.ask", (Gauge<Long>) queue::redirectedAsk);

        PrometheusMetrics prometheus = new PrometheusMetrics(env.metrics());
        prometheus.watchQueue(queue, clock);
        prometheus.watchEndpoints(jdbi);
        prometheus.serveOn(env.admin());
        Probes probes = new Probes(
                env.healthChecks(),
                List.of("postgresql", "redis"),
                config.operations.readinessTimeout.toJavaDuration());
        probes.serveOn(env.admin());
        probes.drainOnStop(env.lifecycle(), config.operations.drainDelay.toJavaDuration());

        Tracing tracing = tracing(config, env);

        WorkerSettings delivery = config.delivery.toSettings(config.security, "Hookline/" + Version.current());
        if (config.apiEnabled) {
            registerApi(
                    config,
                    env,
                    clock,
                    secretBox,
                    encryptionKey,
                    adminKey,
                    jdbi,
                    queue,
                    redis,
                    delivery,
                    prometheus,
                    tracing);
        }
        if (config.delivery.workerEnabled) {
            RetentionJob retention = new RetentionJob(jdbi, config.retention.toSettings(), clock, env.metrics());
            env.lifecycle().manage(managed(retention::start, retention::stop));
            Worker worker =
                    new Worker(jdbi, queue, secretBox, delivery, env.metrics(), prometheus.delivery(), tracing, clock);
            env.lifecycle().manage(managed(worker::start, worker::stop));
        }
    }

    /**
     * The access log's line: Dropwizard's, with the request's path where it has the whole request line, since a query
     * string can hold an API key ({@code ?access_token=}, which Dropwizard's OAuth filter accepts).
     */
    static final String REQUEST_LOG_FORMAT =
            "%h %l %u [%t{dd/MMM/yyyy:HH:mm:ss Z,%dwTimeZone}] \"%m %U %H\" %s %b \"%i{Referer}\" \"%i{User-Agent}\" %D";

    /**
     * Drops the access log's appenders unless {@code requestLog} is on, and gives the others {@link
     * #REQUEST_LOG_FORMAT} unless they have a format or layout of their own; the server is built after {@code run}.
     */
    static void applyRequestLogSetting(HooklineConfiguration config) {
        if (!(config.getServerFactory() instanceof AbstractServerFactory server
                && server.getRequestLogFactory() instanceof LogbackAccessRequestLogFactory requestLog)) {
            return;
        }
        if (!config.requestLog) {
            requestLog.setAppenders(List.of());
            return;
        }
        for (var appender : requestLog.getAppenders()) {
            if (appender instanceof AbstractAppenderFactory<?> configurable
                    && configurable.getLogFormat() == null
                    && configurable.getLayout() == null) {
                configurable.setLogFormat(REQUEST_LOG_FORMAT);
            }
        }
    }

    private static void registerApi(
            HooklineConfiguration config,
            Environment env,
            Clock clock,
            SecretBox secretBox,
            byte[] encryptionKey,
            String adminKey,
            Jdbi jdbi,
            DeliveryQueue queue,
            UnifiedJedis redis,
            WorkerSettings delivery,
            PrometheusMetrics prometheus,
            Tracing tracing) {
        if (config.getServerFactory() instanceof DefaultServerFactory server) {
            server.setRegisterDefaultExceptionMappers(false);
        }
        var jersey = env.jersey();
        jersey.register(new ApiExceptionMapper());
        jersey.register(new JsonExceptionMapper());
        jersey.register(new ValidationExceptionMapper());
        jersey.register(new WebApplicationExceptionMapper());
        jersey.register(new CatchAllExceptionMapper());

        AuthCache authCache = new AuthCache(java.time.Duration.ofSeconds(config.security.authCacheSeconds));
        env.lifecycle().manage(new AuthCacheSync(redis, config.redis.keyPrefix, authCache));
        ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(adminKey, jdbi, clock, authCache);
        jersey.register(new AuthDynamicFeature(new OAuthCredentialAuthFilter.Builder<Caller>()
                .setAuthenticator(authenticator)
                .setUnauthorizedHandler(new JsonUnauthorizedHandler())
                .setPrefix("Bearer")
                .setRealm("hookline")
                .buildAuthFilter()));
        jersey.register(new AuthValueFactoryProvider.Binder<>(Caller.class));
        RateLimiter rateLimiter = new RateLimiter(
                config.limits.requestsPerSecondPerKey,
                config.limits.burstPerKey,
                config.limits.adminRequestsPerSecond,
                System::nanoTime);
        jersey.register(new RateLimitFilter(rateLimiter));
        env.lifecycle().addServerLifecycleListener(server -> server.setErrorHandler(new JsonErrorHandler()));
        // Message bodies carry payloads up to maxPayloadBytes (a batch four of them); SendIntake checks the
        // exact limits, this ceiling only keeps an endless body out of memory.
        long messageBodyCeiling = 4L * config.limits.maxPayloadBytes + 64 * 1024;
        jersey.register(
                new BodySizeLimit(config.limits.maxRequestBytes, Map.of(MessagesResource.class, messageBodyCeiling)));
        jersey.register(new SealedIterators(new IteratorSeal(encryptionKey)));

        TenantAccess access = new TenantAccess(jdbi, authCache);
        TenantService tenants = new TenantService(jdbi, clock, authCache::forgetAll);
        SsrfPolicy ssrf = OutboundHttp.ssrfPolicy(delivery);
        EndpointService endpoints = new EndpointService(
                jdbi,
                queue,
                secretBox,
                config.security.allowInsecureUrls,
                host -> {
                    var verdict = ssrf.checkUrlHost(host);
                    return verdict.allowed() ? null : verdict.reason();
                },
                config.limits.maxEndpointsPerTenant,
                clock);
        LogReads logReads = logReads(config, env, jdbi);
        MessageService messages =
                new MessageService(jdbi, logReads, endpoints, queue, config.limits.requireKnownEventTypes, clock);
        env.lifecycle().manage(managed(() -> {}, messages::close));

        jersey.register(new PortalGate(access, endpoints));
        PortalSessionService portalSessions = new PortalSessionService(jdbi, endpoints, clock, authCache::forgetAll);
        jersey.register(new TenantsResource(tenants, access));
        jersey.register(new ApiKeysResource(tenants, access));
        jersey.register(new BrandingResource(tenants, access));
        jersey.register(new PortalSessionsResource(portalSessions, access));
        jersey.register(new PortalSessionResource(portalSessions));
        EventTypeCatalog catalog = new EventTypeCatalog(jdbi, config.limits.validatePayloads);
        env.lifecycle().manage(new EventTypeCatalogSync(redis, config.redis.keyPrefix, catalog));
        EventTypeService eventTypes = new EventTypeService(jdbi, catalog, clock);
        jersey.register(new EventTypesResource(eventTypes, access));
        jersey.register(new EndpointsResource(endpoints, new EndpointHealthReader(logReads, clock), access));
        SendIntake intake = new SendIntake(
                messages, access, catalog, config.limits.maxPayloadBytes, prometheus.messagesAccepted(), tracing);
        jersey.register(new OperationalEndpointsResource(endpoints, access));
        jersey.register(new MessagesResource(intake, messages, access));
        env.servlets()
                .addFilter("trace", new TraceFilter(tracing))
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/v1/tenants/*");
        if (jerseyServesRoot(config)) { // the filter matches the paths Jersey serves at the root
            env.servlets()
                    .addFilter(
                            "fast-send",
                            new FastSendFilter(
                                    intake,
                                    authenticator,
                                    rateLimiter,
                                    env.getObjectMapper().writer(),
                                    env.metrics().meter(MetricRegistry.name(FastSendFilter.class, "sends"))))
                    .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), true, "/v1/tenants/*");
        }
        jersey.register(new OpenApiResource());
        AttemptLog attemptLog = new AttemptLog(logReads, endpoints, queue.endpointLimits(), clock);
        jersey.register(new AttemptsResource(attemptLog, access));
        jersey.register(new EndpointStatsResource(attemptLog, access));
        jersey.register(new OperationalAttemptsResource(attemptLog, access));
        // Resends are sent inline by the API, through the same SSRF-guarded client setup as the worker's.
        HttpClient resendClient = OutboundHttp.client(delivery);
        env.lifecycle().manage(managed(resendClient::start, resendClient::stop));
        Redelivery redelivery = new Redelivery(
                jdbi,
                queue,
                endpoints,
                eventTypes,
                catalog,
                new ManualDelivery(resendClient, secretBox, delivery, clock),
                clock);
        jersey.register(new ResendResource(redelivery, access));
        jersey.register(new SendExampleResource(redelivery, access));
        jersey.register(new RecoverResource(redelivery, access));
        if (config.devMode) {
            jersey.register(new DevEchoResource());
        }
        // The tenant portal's page: static files from the jar; the page calls the API above with a session token.
        env.servlets()
                .addServlet("portal", new PortalServlet(PortalAssets.fromClasspath(), config.portal.frameAncestors))
                .addMapping("/portal/*");
    }

    /**
     * OpenTelemetry tracing when {@code operations.otlpEndpoint} is set (spans exported in batches, flushed at stop),
     * else off: then only a sender's {@code traceparent} is carried to the attempts.
     */
    private static Tracing tracing(HooklineConfiguration config, Environment env) {
        var sdk = config.operations.buildTracing();
        if (sdk.isEmpty()) {
            return Tracing.off();
        }
        env.lifecycle().manage(managed(() -> {}, sdk.get()::close));
        return Tracing.on(sdk.get());
    }

    /**
     * Where the delivery log is read: the replica of {@code database.readUrl}, with its own pool and no health check
     * (a replica that is down sends the log's reads to the primary, it is not an outage), or the primary.
     */
    private static LogReads logReads(HooklineConfiguration config, Environment env, Jdbi primary) {
        var replica = config.database.readDataSourceFactory();
        if (replica.isEmpty()) {
            return LogReads.primaryOnly(primary);
        }
        ManagedDataSource dataSource = replica.get().build(env.metrics(), "postgresql-replica");
        env.lifecycle().manage(dataSource);
        LogReads reads = LogReads.withReplica(primary, Database.jdbi(dataSource), REPLICA_RETRY);
        env.metrics().register("hookline.database.replica.in-use", (Gauge<Integer>) () -> reads.replicaInUse() ? 1 : 0);
        env.metrics().register("hookline.database.replica.fallbacks", (Gauge<Long>) reads::fallbacks);
        return reads;
    }

    private static boolean jerseyServesRoot(HooklineConfiguration config) {
        return !(config.getServerFactory() instanceof AbstractServerFactory server)
                || server.getJerseyRootPath()
                        .map(path -> path.equals("/*") || path.equals("/"))
                        .orElse(true);
    }

    /** A lifecycle hook from two method references. */
    private static Managed managed(LifecycleStep start, LifecycleStep stop) {
        return new Managed() {
            @Override
            public void start() throws Exception {
                start.run();
            }

            @Override
            public void stop() throws Exception {
                stop.run();
            }
        };
    }

    @FunctionalInterface
    private interface LifecycleStep {
        void run() throws Exception;
    }
}
