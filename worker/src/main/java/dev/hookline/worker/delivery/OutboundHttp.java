package dev.hookline.worker.delivery;

import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.ssrf.Cidr;
import dev.hookline.worker.ssrf.GuardedSocketAddressResolver;
import dev.hookline.worker.ssrf.SsrfPolicy;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/** The outbound HTTP client every webhook request goes through: the worker's, and the API's for manual resends. */
public final class OutboundHttp {
    private OutboundHttp() {}

    /**
     * One shared client for every endpoint. Its address resolver is the SSRF guard: names are resolved once,
     * every answer is checked, and the client connects only to the addresses that passed.
     * <p>
     * Its connections to one host and port are bounded only by the worker's whole window ({@code maxInFlight}): the
     * {@link EndpointGate} caps each endpoint, and endpoints often share a host (paths of one receiver). A lower
     * per-host bound would be a cap no setting names: eight endpoints of a receiver that answers in 500 ms would
     * share 20 connections (40 deliveries/s between them), and the requests queued in the client would count their
     * wait in the attempt's duration and timeout.
     */
    public static HttpClient client(WorkerSettings settings) {
        QueuedThreadPool pool = new QueuedThreadPool(64, 4);
        pool.setName("webhook-client");
        pool.setDaemon(true);
        ScheduledExecutorScheduler scheduler = new ScheduledExecutorScheduler("webhook-client-scheduler", true);
        SsrfPolicy policy = ssrfPolicy(settings);
        HttpClient client = new HttpClient();
        client.setExecutor(pool);
        client.setScheduler(scheduler);
        client.setSocketAddressResolver(GuardedSocketAddressResolver.async(policy, pool, scheduler, 5_000));
        client.setFollowRedirects(false);
        client.setConnectTimeout(Math.min(settings.requestTimeout().toMillis(), 10_000));
        client.setIdleTimeout(60_000);
        client.setMaxConnectionsPerDestination(settings.maxInFlight());
        client.setMaxRequestsQueuedPerDestination(settings.maxInFlight());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, settings.userAgent()));
        return client;
    }

    /** What outbound requests may reach; endpoint creation checks literal hosts against the same policy. */
    public static SsrfPolicy ssrfPolicy(WorkerSettings settings) {
        return new SsrfPolicy(
                settings.allowPrivateNetworks(),
                settings.allowedCidrs().stream().map(Cidr::parse).toList());
    }
}
