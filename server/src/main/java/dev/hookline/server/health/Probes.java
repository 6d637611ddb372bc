package dev.hookline.server.health;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import io.dropwizard.core.setup.AdminEnvironment;
import io.dropwizard.lifecycle.setup.LifecycleEnvironment;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.util.component.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The orchestrator's two questions, on the admin port.
 * <ul>
 *   <li>{@value #LIVE}: is the process worth keeping? 200 unless a thread deadlock was found (the {@code deadlocks}
 *       check, read at most once a minute); PostgreSQL or Redis being away is no reason to restart it.
 *   <li>{@value #READY}: should it get traffic? 200 when every check it depends on ({@code postgresql},
 *       {@code redis}) passes within the timeout, 503 otherwise and from the moment it starts to stop (drain).
 * </ul>
 * Answers are small JSON bodies naming the checks and their state, never a check's message (which could hold a
 * host name or a URL). {@code /healthcheck}, Dropwizard's, still runs every check with its message.
 */
public final class Probes {
    public static final String LIVE = "/health/live";
    public static final String READY = "/health/ready";
    static final String DEADLOCKS = DeadlockWatch.HEALTH_CHECK;
    private static final Logger LOG = LoggerFactory.getLogger(Probes.class);

    private final HealthCheckRegistry checks;
    private final List<String> readinessChecks;
    private final Duration timeout;
    private final ExecutorService runner = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "readiness-check");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean draining;

    /** @param readinessChecks the names, in {@code checks}, of what the process cannot serve without */
    public Probes(HealthCheckRegistry checks, List<String> readinessChecks, Duration timeout) {
        this.checks = Objects.requireNonNull(checks, "checks == null");
        this.readinessChecks = List.copyOf(readinessChecks);
        this.timeout = Objects.requireNonNull(timeout, "timeout == null");
    }

    /** From now on readiness answers 503: the process is stopping. */
    public void startDraining() {
        draining = true;
    }

    public boolean draining() {
        return draining;
    }

    /** Serves {@value #LIVE} and {@value #READY} on the admin port. */
    public void serveOn(AdminEnvironment admin) {
        admin.addServlet("health-live", new Servlet(false)).addMapping(LIVE);
        admin.addServlet("health-ready", new Servlet(true)).addMapping(READY);
    }

    /**
     * When the server starts to stop (SIGTERM, or Ctrl-C), readiness turns 503 first, and the server keeps serving
     * for {@code delay} before it closes its ports and the worker drains: time for a load balancer or orchestrator to
     * see it and send the traffic elsewhere.
     */
    public void drainOnStop(LifecycleEnvironment lifecycle, Duration delay) {
        lifecycle.addEventListener(new LifeCycle.Listener() {
            @Override
            public void lifeCycleStopping(LifeCycle event) {
                startDraining();
                if (delay.isZero()) {
                    return;
                }
                LOG.info("draining: readiness answers 503; stopping in {} ms", delay.toMillis());
                try {
                    Thread.sleep(delay.toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        lifecycle.manage(new io.dropwizard.lifecycle.Managed() {
            @Override
            public void stop() {
                runner.shutdownNow();
            }
        });
    }

    /** Each readiness check's state ("healthy", "unhealthy", "timeout"), run together within the timeout. */
    Map<String, String> readiness() {
        Map<String, CompletableFuture<String>> running = new LinkedHashMap<>();
        for (String name : readinessChecks) {
            running.put(
                    name,
                    CompletableFuture.supplyAsync(() -> state(name), runner)
                            .completeOnTimeout("timeout", timeout.toMillis(), TimeUnit.MILLISECONDS));
        }
        Map<String, String> states = new LinkedHashMap<>();
        running.forEach((name, state) -> states.put(name, state.join()));
        return states;
    }

    private String state(String name) {
        try {
            HealthCheck.Result result = checks.runHealthCheck(name);
            return result.isHealthy() ? "healthy" : "unhealthy";
        } catch (RuntimeException e) {
            return "unhealthy";
        }
    }

    private boolean alive() {
        return !checks.getNames().contains(DEADLOCKS) || "healthy".equals(state(DEADLOCKS));
    }

    private final class Servlet extends HttpServlet {
        private static final long serialVersionUID = 1L;
        private final boolean readiness;

        Servlet(boolean readiness) {
            this.readiness = readiness;
        }

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int status;
            String body;
            if (!readiness) {
                boolean alive = alive();
                status = alive ? 200 : 503;
                body = "{\"status\":\"" + (alive ? "alive" : "deadlocked") + "\"}";
            } else if (draining) {
                status = 503;
                body = "{\"status\":\"draining\"}";
            } else {
                Map<String, String> states = readiness();
                boolean ready = states.values().stream().allMatch("healthy"::equals);
                status = ready ? 200 : 503;
                StringBuilder json = new StringBuilder("{\"status\":\"" + (ready ? "ready" : "unavailable") + "\"");
                json.append(",\"checks\":{");
                String separator = "";
                for (Map.Entry<String, String> e : states.entrySet()) {
                    json.append(separator)
                            .append('"')
                            .append(e.getKey())
                            .append("\":\"")
                            .append(e.getValue())
                            .append('"');
                    separator = ",";
                }
                body = json.append("}}").toString();
            }
            response.setStatus(status);
            response.setContentType("application/json");
            response.setHeader("Cache-Control", "no-store");
            response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
        }
    }
}
