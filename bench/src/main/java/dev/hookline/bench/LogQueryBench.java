package dev.hookline.bench;

import dev.hookline.sdk.AttemptListParams;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.Page;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * The delivery-log query benchmark: latency of {@code GET /v1/tenants/{t}/attempts} through the API, measured by a
 * plain single-threaded client loop over the SDK against a server holding the data set of
 * {@code bench/sql/log-dataset.sql} (10 tenants {@code bench-0..9}, 1,000 endpoints, 10 M attempts).
 *
 * <pre>
 * java -cp bench/target/hookline-bench.jar dev.hookline.bench.LogQueryBench http://127.0.0.1:8080 $HOOKLINE_ADMIN_KEY 2000
 * </pre>
 * Prints one markdown table row per case: median, p90, p99 and max in milliseconds.
 */
public final class LogQueryBench {
    private static final int TENANTS = 10;
    private static final int LIMIT = 50;

    /** {@code failing}: the data set puts every failure on the endpoints whose number is a multiple of 5. */
    private record Target(String tenant, String endpointId, boolean failing) {}

    public static void main(String[] args) {
        String baseUrl = args.length > 0 ? args[0] : "http://127.0.0.1:8080";
        String adminKey = args.length > 1 ? args[1] : System.getenv("HOOKLINE_ADMIN_KEY");
        int samples = args.length > 2 ? Integer.parseInt(args[2]) : 2000;
        HooklineClient client = HooklineClient.builder()
                .baseUrl(baseUrl)
                .apiKey(adminKey)
                .maxRetries(0)
                .build();

        List<Target> targets = new ArrayList<>();
        for (int t = 0; t < TENANTS; t++) {
            String tenant = "bench-" + t;
            for (Endpoint e : client.endpoints().listAll(tenant)) {
                targets.add(new Target(tenant, e.id(), Integer.parseInt(e.uid().substring("ep-".length())) % 5 == 0));
            }
        }
        System.out.printf("%d endpoints; %d samples per case, limit %d%n%n", targets.size(), samples, LIMIT);
        Random random = new Random(42);
        Instant since = Instant.now().minus(Duration.ofDays(7));
        Function<Target, AttemptListParams> byEndpoint = t -> AttemptListParams.builder()
                .endpointId(t.endpointId())
                .limit(LIMIT)
                .build();
        Function<Target, AttemptListParams> failedSince = t -> AttemptListParams.builder()
                .endpointId(t.endpointId())
                .status("failed")
                .since(since)
                .limit(LIMIT)
                .build();

        List<Target> failing = targets.stream().filter(Target::failing).toList();
        measure(client, targets, random, byEndpoint, samples / 4); // warm-up: JIT, connection pools, PostgreSQL cache
        measure(client, failing, random, failedSince, samples / 4);

        System.out.println("| case | median ms | p90 ms | p99 ms | max ms |");
        System.out.println("|---|---|---|---|---|");
        report("first page, endpointId", measure(client, targets, random, byEndpoint, samples));
        report(
                "first page, endpointId & status=failed & since=7d",
                measure(client, failing, random, failedSince, samples));
        long[][] walk = walk(client, targets, random, byEndpoint, Math.max(10, samples / 100));
        report("page 1 of a 100-page walk (endpointId)", walk[0]);
        report("page 100 of the same walks (endpointId)", walk[1]);
    }

    private static long[] measure(
            HooklineClient client,
            List<Target> targets,
            Random random,
            Function<Target, AttemptListParams> params,
            int n) {
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            Target t = targets.get(random.nextInt(targets.size()));
            long start = System.nanoTime();
            Page<Attempt> page = client.attempts().list(t.tenant(), params.apply(t));
            nanos[i] = System.nanoTime() - start;
            check(page);
        }
        return nanos;
    }

    /** Pages {@code walks} endpoints' logs from page 1 to page 100; answers the latencies of pages 1 and 100. */
    private static long[][] walk(
            HooklineClient client,
            List<Target> targets,
            Random random,
            Function<Target, AttemptListParams> params,
            int walks) {
        long[][] nanos = new long[2][walks];
        for (int w = 0; w < walks; w++) {
            Target t = targets.get(random.nextInt(targets.size()));
            String iterator = null;
            for (int page = 1; page <= 100; page++) {
                long start = System.nanoTime();
                Page<Attempt> p =
                        client.attempts().list(t.tenant(), params.apply(t).withIterator(iterator));
                long took = System.nanoTime() - start;
                check(p);
                if (page == 1) {
                    nanos[0][w] = took;
                } else if (page == 100) {
                    nanos[1][w] = took;
                }
                iterator = p.iterator();
            }
        }
        return nanos;
    }

    private static void check(Page<Attempt> page) {
        if (page.data().size() != LIMIT || page.done()) {
            throw new IllegalStateException(
                    "expected a full page, got " + page.data().size());
        }
    }

    private static void report(String name, long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        System.out.printf(
                "| %s | %.1f | %.1f | %.1f | %.1f |%n",
                name, ms(sorted, 0.5), ms(sorted, 0.9), ms(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    private static double ms(long[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)] / 1e6;
    }
}
