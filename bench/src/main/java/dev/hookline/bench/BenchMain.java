package dev.hookline.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of hookline-bench.jar. {@code scenarios --api URL --admin URL --admin-key KEY [--jdbc URL] --out
 * DIR [--chart PNG] [--quick] [--only NAME,…] [--warmup SECONDS] [--platform-pid PID] [--worker-pids PID,…] [--redis HOST:PORT]} runs the load scenarios
 * against a running platform (bench/run.sh starts one; with --redis, a Redis of the platform's own, the delivery
 * scenario counts Redis commands per delivery);
 * {@code jmh [JMH options]} runs the micro-benchmarks of hot code; {@code jfr-top FILE} summarises a JFR recording;
 * {@code otlp-sink PORT} takes OTLP trace exports on loopback and drops them ({@code run.sh --tracing}).
 */
public final class BenchMain {
    private BenchMain() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("jmh")) {
            org.openjdk.jmh.Main.main(java.util.Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        if (args.length == 2 && args[0].equals("raw")) {
            Results results = new Results();
            Scenarios.rawOnly(Long.parseLong(args[1]), results);
            System.out.print(results.table());
            System.exit(0);
        }
        if (args.length == 3 && args[0].equals("chart")) { // redraw a run's chart from its figures.properties
            java.util.Properties figures = new java.util.Properties();
            try (var in = java.nio.file.Files.newInputStream(Path.of(args[1]))) {
                figures.load(in);
            }
            Results results = new Results();
            figures.forEach((k, v) ->
                    results.figure((String) k, v.equals("n/a") ? Double.NaN : Double.parseDouble((String) v)));
            Chart.write(results, Path.of(args[2]));
            return;
        }
        if (args.length == 2 && args[0].equals("otlp-sink")) {
            dev.hookline.bench.load.OtlpSink.serve(Integer.parseInt(args[1]));
            return;
        }
        if (args.length == 2 && args[0].equals("jfr-top")) {
            JfrTop.print(Path.of(args[1]), 25);
            return;
        }
        if (args.length == 0 || !args[0].equals("scenarios")) {
            System.err.println(
                    "usage: scenarios --api URL --admin URL --admin-key KEY [--jdbc URL] --out DIR [--chart PNG] [--quick] [--only NAME,…] [--warmup SECONDS] [--platform-pid PID] [--worker-pids PID,…] [--redis HOST:PORT]"
                            + " | jmh [options] | jfr-top RECORDING.jfr | raw COUNT | chart FIGURES.properties OUT.png"
                            + " | otlp-sink PORT");
            System.exit(2);
        }
        Map<String, String> options = new HashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            if (args[i].equals("--quick")) {
                flags.add("quick");
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                options.put(args[i].substring(2), args[++i]);
            }
        }
        Results results = new Results();
        Scenarios scenarios = new Scenarios(
                require(options, "api"),
                require(options, "admin"),
                require(options, "admin-key"),
                options.get("jdbc"),
                warmup(Scenarios.Plan.of(flags.contains("quick")), options.get("warmup")),
                results);
        if (options.containsKey("platform-pid")) {
            java.util.Set<Long> workers = new java.util.HashSet<>();
            for (String pid : options.getOrDefault("worker-pids", "").split(",")) {
                if (!pid.isBlank()) {
                    workers.add(Long.parseLong(pid.trim()));
                }
            }
            scenarios.platformPids(Long.parseLong(options.get("platform-pid")), workers);
        }
        if (options.containsKey("redis")) {
            scenarios.redis(options.get("redis"));
        }
        if (options.containsKey("only")) {
            scenarios.only(java.util.Set.of(options.get("only").split(",")));
        }
        scenarios.runAll();
        Path out = Path.of(require(options, "out"));
        results.write(out);
        Chart.write(
                results,
                Path.of(options.getOrDefault(
                        "chart", out.resolve("benchmarks.png").toString())));
        System.out.println();
        System.out.print(results.table());
        System.out.println(results.summary());
        System.exit(0); // the HTTP clients' daemon threads hold nothing worth waiting for
    }

    /** {@code --warmup SECONDS} replaces the plan's JIT warm-up (0 skips it, for a platform already warm). */
    private static Scenarios.Plan warmup(Scenarios.Plan plan, String seconds) {
        return seconds == null ? plan : plan.withJitWarmup(Integer.parseInt(seconds));
    }

    private static String require(Map<String, String> options, String name) {
        String value = options.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return value;
    }
}
