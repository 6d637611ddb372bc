package dev.hookline.sdk.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Attempt statistics of one endpoint over {@code [since, until)}, from {@code GET …/endpoints/{e}/stats}.
 * {@code byStatusClass} counts attempts per response class ({@code "2xx"}, {@code "4xx"}, {@code "5xx"}, and
 * {@code "none"} when no HTTP answer arrived); {@code successRate} is {@code succeeded / total} (0 when there were
 * no attempts); the latency percentiles are null without attempts. Asked with a {@code bucket} ({@code 1h} or
 * {@code 1d}), {@code buckets} holds one entry per UTC hour or day of the window, oldest first, empty ones
 * included; otherwise {@code bucket} and {@code buckets} are null. {@code currentInFlightLimit} is how many requests
 * the delivery workers currently let be in flight to the endpoint at once, its adaptive limit as last published; null
 * while no worker has sent to it lately.
 *
 * <pre>{@code
 * EndpointStats s = client.endpoints().stats("tnt_1", "ep_1", Instant.now().minus(Duration.ofDays(1)), null);
 * if (s.successRate() < 0.9) alert(s);
 * }</pre>
 */
public record EndpointStats(
        Instant since,
        Instant until,
        long total,
        long succeeded,
        long failed,
        Map<String, Long> byStatusClass,
        double successRate,
        Long p50Ms,
        Long p99Ms,
        String bucket,
        List<StatsBucket> buckets,
        Integer currentInFlightLimit) {
    public EndpointStats {
        byStatusClass = byStatusClass == null ? Map.of() : Map.copyOf(byStatusClass);
        buckets = buckets == null ? null : List.copyOf(buckets);
    }
}
