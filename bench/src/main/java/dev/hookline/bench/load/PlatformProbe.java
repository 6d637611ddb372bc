package dev.hookline.bench.load;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;

/**
 * Reads the platform's JVM figures from its Dropwizard admin port ({@code /metrics}): heap in use and GC counts
 * and times. Polled about once a second, so it costs the platform nothing measurable.
 */
public final class PlatformProbe implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI metrics;
    private final Thread poller;
    private volatile boolean running = true;
    private volatile long maxHeapUsed;
    private volatile long heapMax;

    /** One reading: heap in use, and GC totals over all collectors. */
    public record Reading(long heapUsed, long heapMax, long gcCount, long gcMillis) {}

    public PlatformProbe(String adminBaseUrl) {
        this.metrics = URI.create(adminBaseUrl + "/metrics");
        this.poller = new Thread(this::poll, "bench-probe");
        poller.setDaemon(true);
        poller.start();
    }

    public Reading read() {
        try {
            HttpResponse<byte[]> response = http.send(
                    HttpRequest.newBuilder(metrics)
                            .timeout(Duration.ofSeconds(5))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            JsonNode gauges = JSON.readTree(response.body()).path("gauges");
            long gcCount = 0;
            long gcMillis = 0;
            for (Iterator<Map.Entry<String, JsonNode>> it = gauges.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getKey().startsWith("jvm.gc.") && e.getKey().endsWith(".count")) {
                    gcCount += e.getValue().path("value").asLong();
                } else if (e.getKey().startsWith("jvm.gc.") && e.getKey().endsWith(".time")) {
                    gcMillis += e.getValue().path("value").asLong();
                }
            }
            return new Reading(
                    gauges.path("jvm.memory.heap.used").path("value").asLong(),
                    gauges.path("jvm.memory.heap.max").path("value").asLong(),
                    gcCount,
                    gcMillis);
        } catch (Exception e) {
            return new Reading(-1, -1, -1, -1);
        }
    }

    /** The most heap the platform had in use since the probe started, in bytes. */
    public long maxHeapUsed() {
        return maxHeapUsed;
    }

    public long heapMax() {
        return heapMax;
    }

    private void poll() {
        while (running) {
            Reading r = read();
            if (r.heapUsed() > maxHeapUsed) {
                maxHeapUsed = r.heapUsed();
            }
            if (r.heapMax() > 0) {
                heapMax = r.heapMax();
            }
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        running = false;
        poller.interrupt();
    }
}
