package dev.hookline.bench;

import dev.hookline.bench.load.CpuAccount;
import dev.hookline.bench.load.FastReceiver;
import dev.hookline.bench.load.LatencyRecorder;
import dev.hookline.bench.load.LoadClient;
import dev.hookline.bench.load.Payloads;
import dev.hookline.bench.load.PlatformProbe;
import dev.hookline.bench.load.RedisCommandStats;
import dev.hookline.bench.load.StorageProbe;
import dev.hookline.sdk.HooklineClient;
import dev.hookline.sdk.Webhook;
import dev.hookline.sdk.model.ApiKeyIn;
import dev.hookline.sdk.model.EndpointIn;
import dev.hookline.sdk.model.TenantIn;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongFunction;
import java.util.stream.Collectors;

/**
 * The scenarios, run against a platform that is already up (bench/run.sh starts it): single sends delivered while
 * more arrive (e2e) and a fleet of senders (fleet500), ingest, raw HTTP, delivery and latency. Every loop stops by
 * itself: each has a request count and a deadline.
 */
final class Scenarios {
    static final int ENDPOINTS = 100;
    static final int FAN_OUT = 10; // endpoints per message in the delivery scenario
    static final int WORKER_CONNECTIONS = 20; // the raw baseline's connections: where a lane's in-flight limit starts
    static final int RAW_ROUNDS = 3;
    static final int WORKER_IN_FLIGHT = 1000; // the worker's maxInFlight
    static final int LATENCY_LEAD_IN_SECONDS = 3;
    static final int E2E_CONNECTIONS = 64;
    static final int FLEET_SENDERS = 50;
    static final int FLEET_PER_SENDER_PER_SECOND = 10;
    static final int BURST_PER_SENDER_PER_SECOND = 2;

    /** Sizes of one run: {@code --quick} or full. */
    record Plan(
            int jitWarmupSeconds,
            int ingestSeconds,
            int warmupSeconds,
            int deliveryMessages,
            int latencySeconds,
            int deliveryDeadlineSeconds,
            int e2eMessages,
            int fleetSeconds) {
        Plan withJitWarmup(int seconds) {
            return new Plan(
                    seconds,
                    ingestSeconds,
                    warmupSeconds,
                    deliveryMessages,
                    latencySeconds,
                    deliveryDeadlineSeconds,
                    e2eMessages,
                    fleetSeconds);
        }

        static Plan of(boolean quick) {
            return quick
                    ? new Plan(100, 6, 2, 3_000, 8, 120, 10_000, 10)
                    : new Plan(240, 20, 5, 10_000, 30, 600, 40_000, 15);
        }
    }

    private final String apiUrl;
    private final String adminKey;
    private final String jdbcUrl;
    private final Plan plan;
    private final Results results;
    private final PlatformProbe probe;
    private java.util.Set<String> only = java.util.Set.of();
    private CpuAccount cpu = new CpuAccount(0);
    private RedisCommandStats redisStats;
    private final String secret = Webhook.generateSecret();

    Scenarios(String apiUrl, String adminUrl, String adminKey, String jdbcUrl, Plan plan, Results results) {
        this(apiUrl, adminKey, jdbcUrl, plan, results, new PlatformProbe(adminUrl));
    }

    private Scenarios(String apiUrl, String adminKey, String jdbcUrl, Plan plan, Results results, PlatformProbe probe) {
        this.apiUrl = apiUrl;
        this.adminKey = adminKey;
        this.jdbcUrl = jdbcUrl;
        this.plan = plan;
        this.results = results;
        this.probe = probe;
    }

    /**
     * Runs only the named scenarios (e2e, fleet500, burst100, delivery1, ingest, batch, raw, delivery, latency500, latency2000); empty runs
     * all.
     */
    Scenarios only(java.util.Set<String> names) {
        this.only = java.util.Set.copyOf(names);
        return this;
    }

    /**
     * The platform's process, so the delivery scenario can account its CPU by thread, and the worker processes run
     * beside an API-only platform ({@code bench/run.sh --workers=N}), counted as a group of their own.
     */
    Scenarios platformPids(long pid, java.util.Set<Long> workerPids) {
        this.cpu = new CpuAccount(pid, workerPids);
        return this;
    }

    /**
     * The platform's Redis ({@code 127.0.0.1:PORT}, one of its own: {@code bench/run.sh --own-redis}), so the
     * delivery scenario counts Redis commands per delivery from {@code INFO commandstats}.
     */
    Scenarios redis(String hostPort) {
        this.redisStats = new RedisCommandStats(hostPort);
        return this;
    }

    private boolean runs(String name) {
        return only.isEmpty() || only.contains(name);
    }

    /** A tenant with its own API key, so every request also goes through key authentication. */
    private record Tenant(String id, String key) {}

    /** Only the raw baseline, without a platform: a check of the receiver and the machine. */
    static void rawOnly(long count, Results results) throws Exception {
        try (FastReceiver receiver = new FastReceiver(null)) {
            new Scenarios(null, null, null, Plan.of(true), results, null).raw(receiver, count);
        }
    }

    void runAll() throws Exception {
        HooklineClient admin =
                HooklineClient.builder().baseUrl(apiUrl).apiKey(adminKey).build();
        try (FastReceiver receiver = new FastReceiver(secret)) {
            Tenant ingest = tenant(admin, "bench-ingest");
            Tenant delivery = tenant(admin, "bench-delivery");
            for (int i = 0; i < ENDPOINTS; i++) {
                admin.endpoints()
                        .create(
                                delivery.id(),
                                EndpointIn.builder(receiver.url("/hooks/" + i))
                                        .channels(List.of("g" + (i % (ENDPOINTS / FAN_OUT)), "e" + i))
                                        .secret(secret)
                                        .build());
            }
            Tenant single = runs("e2e") || runs("fleet500") || runs("burst100") || runs("delivery1")
                    ? singleEndpointTenant(admin, receiver)
                    : null;
            warmUp(receiver, ingest, delivery);
            PlatformProbe.Reading before = probe.read();

            if (runs("e2e")) {
                e2e(receiver, single);
            }
            if (runs("fleet500")) {
                fleet(receiver, single);
            }
            if (runs("burst100")) {
                burst(receiver, single);
            }
            if (runs("delivery1")) {
                oneEndpoint(receiver, single);
            }

            if (runs("ingest")) {
                ingestSingle(ingest);
            }
            if (runs("batch")) {
                ingestBatch(ingest);
            }
            if (runs("raw")) {
                raw(receiver, (long) plan.deliveryMessages() * FAN_OUT);
            }
            if (runs("delivery")) {
                delivery(receiver, delivery);
            }
            if (runs("latency500")) {
                latency(receiver, delivery, 500);
            }
            if (runs("latency2000")) {
                latency(receiver, delivery, 2000);
            }
            for (String name : only) { // other rates, for working on latency: latency100, latency1000, …
                if (name.matches("latency\\d+") && !name.equals("latency500") && !name.equals("latency2000")) {
                    latency(receiver, delivery, Integer.parseInt(name.substring("latency".length())));
                }
            }

            if (jdbcUrl != null) {
                storagePerRow();
            }
            PlatformProbe.Reading after = probe.read();
            double heapMb = probe.maxHeapUsed() / 1048576.0;
            results.add(
                    "platform",
                    "heap used, max sampled",
                    heapMb,
                    "MB",
                    "of -Xmx " + Math.round(probe.heapMax() / 1048576.0) + " MB, sampled each second");
            results.add(
                    "platform",
                    "GC",
                    after.gcCount() - before.gcCount(),
                    "collections",
                    (after.gcMillis() - before.gcMillis()) + " ms in total over the run");
            results.figure("heap_max_used_mb", heapMb);
            results.add(
                    "signatures",
                    "verified on a sample",
                    receiver.verified(),
                    "",
                    receiver.badSignatures() + " bad (1 in " + 256 + " deliveries verified)");
            results.note("log queries", "-", "see Delivery-log queries", "the delivery-log benchmark, its own section");
        } finally {
            probe.close();
        }
    }

    private Tenant tenant(HooklineClient admin, String name) {
        String id = admin.tenants().create(TenantIn.of(name)).id();
        return new Tenant(id, admin.apiKeys().create(id, new ApiKeyIn("bench")).key());
    }

    /** A tenant with one endpoint on the receiver, as a new user starts: every message goes to that endpoint. */
    private Tenant singleEndpointTenant(HooklineClient admin, FastReceiver receiver) {
        Tenant t = tenant(admin, "bench-single");
        admin.endpoints()
                .create(
                        t.id(),
                        EndpointIn.builder(receiver.url("/hooks/single"))
                                .channels(List.of("single"))
                                .secret(secret)
                                .build());
        return t;
    }

    /**
     * Single sends as a user makes them: one message per request, each to the tenant's one endpoint, from
     * {@value #E2E_CONNECTIONS} connections as fast as they are answered, while the worker delivers them. After a
     * warm-up of a fifth as many (delivered before the count starts), measured from the first send to the last
     * receipt; the accept rate is the 2xx answers over the time to the last answer.
     */
    private void e2e(FastReceiver receiver, Tenant t) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int count = plan.e2eMessages();
        LongFunction<LoadClient.Post> message =
                i -> new LoadClient.Post(url, headers, bytes(Payloads.message("bench.e2e", "single", 0, i)));
        CpuAccount byProcess = cpu.benchmarkByThread();
        try (LoadClient load = new LoadClient(E2E_CONNECTIONS, E2E_CONNECTIONS)) {
            long receivedBefore = receiver.received();
            long warm = load.closedLoop(count / 5, deadline(plan.deliveryDeadlineSeconds()), message);
            awaitReceived(receiver, receivedBefore, warm, deadline(plan.deliveryDeadlineSeconds()));
            receivedBefore = receiver.received();
            long failedBefore = load.failed();
            CpuAccount.Snapshot cpuBefore = byProcess.take();
            long start = System.nanoTime();
            long ok = load.closedLoop(count, deadline(plan.deliveryDeadlineSeconds()), message);
            long answeredNanos = System.nanoTime() - start;
            awaitReceived(receiver, receivedBefore, ok, deadline(plan.deliveryDeadlineSeconds()));
            CpuAccount.Snapshot cpuAfter = byProcess.take();
            long got = receiver.received() - receivedBefore;
            double accepted = ok / (answeredNanos / 1e9);
            double perSecond = got / ((receiver.lastReceiptNanos() - start) / 1e9);
            results.add(
                    "e2e",
                    "single sends accepted (2xx)",
                    accepted,
                    "msg/s",
                    E2E_CONNECTIONS + " connections, POST /messages to one endpoint, " + ok + " of " + count
                            + " answered 2xx in " + Math.round(answeredNanos / 1e6) + " ms, "
                            + (load.failed() - failedBefore) + " failed");
            results.add(
                    "e2e",
                    "first send → last receipt",
                    perSecond,
                    "msg/s",
                    got + " of " + ok + " received, after a warm-up of " + warm + " sends, delivered");
            results.figure("e2e_accepted_per_s", accepted);
            results.figure("e2e_per_s", perSecond);
            cpuByProcess("cpu, e2e", "e2e", cpuBefore, cpuAfter, got);
        }
    }

    /**
     * A fleet of app servers: {@value #FLEET_SENDERS} connections each sending {@value #FLEET_PER_SENDER_PER_SECOND}
     * single sends a second on one clock (open loop), so every 100 ms a burst of {@value #FLEET_SENDERS} requests
     * arrives at once, 500 msg/s in all, each message to the tenant's one endpoint. After a lead-in at the same rate:
     * the API's answer (scheduled send → 2xx) and accepted → receipt (the 2xx at the sender → the receiver's receipt
     * of the same message, matched by its {@code seq}).
     */
    private void fleet(FastReceiver receiver, Tenant t) throws Exception {
        int rate = FLEET_SENDERS * FLEET_PER_SENDER_PER_SECOND;
        int total = rate * plan.fleetSeconds();
        SingleSends message = new SingleSends(apiUrl, t.id(), t.key(), "bench.fleet");
        try (LoadClient load = new LoadClient(FLEET_SENDERS * 10, FLEET_SENDERS)) {
            long receivedBefore = receiver.received();
            load.openLoopBursts(FLEET_SENDERS, FLEET_PER_SENDER_PER_SECOND, LATENCY_LEAD_IN_SECONDS, message);
            awaitReceived(receiver, receivedBefore, load.ok(), deadline(30));
            long first = message.next;
            long okBefore = load.ok();
            long failedBefore = load.failed();
            java.util.concurrent.atomic.AtomicLongArray answeredAt =
                    new java.util.concurrent.atomic.AtomicLongArray(total);
            java.util.concurrent.atomic.AtomicLongArray receivedAt =
                    new java.util.concurrent.atomic.AtomicLongArray(total);
            LatencyRecorder answers = new LatencyRecorder(total);
            LatencyRecorder sendToReceipt = new LatencyRecorder(total);
            load.onAnswered((tag, at) -> {
                if (tag >= first && tag - first < total) {
                    answeredAt.set((int) (tag - first), at);
                }
            });
            receiver.onReceipt((s, at) -> {
                if (s >= first && s - first < total) {
                    receivedAt.set((int) (s - first), at);
                }
            });
            receiver.recordLatencies(sendToReceipt);
            load.recordAnswers(answers);
            long origin = System.nanoTime();
            long originEpochMillis = System.currentTimeMillis();
            CpuAccount byProcess = cpu.benchmarkByThread();
            CpuAccount.Snapshot cpuBefore = byProcess.take();
            load.openLoopBursts(FLEET_SENDERS, FLEET_PER_SENDER_PER_SECOND, plan.fleetSeconds(), message);
            long deadline = deadline(30);
            while (sendToReceipt.count() < load.ok() - okBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            CpuAccount.Snapshot cpuAfter = byProcess.take();
            receiver.recordLatencies(null);
            receiver.onReceipt(null);
            load.recordAnswers(null);
            load.onAnswered(null);
            LatencyRecorder accepted = new LatencyRecorder(total);
            for (int i = 0; i < total; i++) {
                if (answeredAt.get(i) != 0 && receivedAt.get(i) != 0) {
                    accepted.record(receivedAt.get(i) - answeredAt.get(i));
                }
            }
            double[] a = answers.percentilesMillis(50, 99, 99.9);
            double[] e = accepted.percentilesMillis(50, 99, 99.9);
            String shape = FLEET_SENDERS + " connections × " + FLEET_PER_SENDER_PER_SECOND + "/s in bursts, "
                    + plan.fleetSeconds() + " s after a " + LATENCY_LEAD_IN_SECONDS + " s lead-in";
            results.add(
                    "fleet500",
                    "API answer p50 / p99 / p99.9",
                    a[1],
                    "ms p99",
                    "p50 " + Results.format(a[0]) + " ms, p99.9 " + Results.format(a[2]) + " ms: scheduled send → 2xx; "
                            + answers.count() + " of " + total + " answered 2xx, " + (load.failed() - failedBefore)
                            + " failed; " + shape);
            results.add(
                    "fleet500",
                    "accepted → receipt p50 / p99 / p99.9",
                    e[1],
                    "ms p99",
                    "p50 " + Results.format(e[0]) + " ms, p99.9 " + Results.format(e[2]) + " ms: 2xx at the sender →"
                            + " receipt, matched per message; " + accepted.count() + " of " + total + " received");
            results.figure("fleet500_answer_p50_ms", a[0]);
            results.figure("fleet500_answer_p99_ms", a[1]);
            results.figure("fleet500_answer_p999_ms", a[2]);
            results.figure("fleet500_e2e_p50_ms", e[0]);
            results.figure("fleet500_e2e_p99_ms", e[1]);
            results.figure("fleet500_e2e_p999_ms", e[2]);
            cpuByProcess("cpu, fleet500", "fleet500", cpuBefore, cpuAfter, accepted.count());
            results.file(
                    "fleet500.csv",
                    timeline(originEpochMillis, answers.bySecond(origin), sendToReceipt.bySecond(origin)));
        }
    }

    /**
     * A quiet fleet: {@value #FLEET_SENDERS} connections each sending {@value #BURST_PER_SENDER_PER_SECOND} single
     * sends a second on one clock, 100 msg/s arriving as a burst of {@value #FLEET_SENDERS} every 500 ms, with the
     * tenant's own key and with the admin key. The machine is mostly idle, so the answer's latency is what one burst
     * costs; the two rows show whether a tenant key's lookup and rate bucket cost more than the admin key. The keys
     * take turns (tenant, admin, tenant, admin; each turn half the plan's seconds after a lead-in), because whichever
     * goes first meets a colder platform: run one after the other, the first was 8–12 ms slower at the median
     * whichever key it was.
     */
    private void burst(FastReceiver receiver, Tenant t) throws Exception {
        int total = FLEET_SENDERS * BURST_PER_SENDER_PER_SECOND * plan.fleetSeconds();
        LatencyRecorder tenant = new LatencyRecorder(total);
        LatencyRecorder admin = new LatencyRecorder(total);
        long[] failed = {0, 0};
        int turn = Math.max(1, plan.fleetSeconds() / 2);
        for (int round = 0; round < 2; round++) {
            failed[0] += burstTurn(receiver, t, t.key(), tenant, turn);
            failed[1] += burstTurn(receiver, t, adminKey, admin, turn);
        }
        burstRow("tenant key", "burst100_tenant", tenant, failed[0], 2 * turn);
        burstRow("admin key", "burst100_admin", admin, failed[1], 2 * turn);
    }

    /** One turn of bursts with {@code apiKey}, recorded in {@code answers}; answers how many sends failed. */
    private long burstTurn(FastReceiver receiver, Tenant t, String apiKey, LatencyRecorder answers, int seconds)
            throws Exception {
        SingleSends message = new SingleSends(apiUrl, t.id(), apiKey, "bench.burst");
        try (LoadClient load = new LoadClient(FLEET_SENDERS * 10, FLEET_SENDERS)) {
            long receivedBefore = receiver.received();
            load.openLoopBursts(FLEET_SENDERS, BURST_PER_SENDER_PER_SECOND, LATENCY_LEAD_IN_SECONDS, message);
            awaitReceived(receiver, receivedBefore, load.ok(), deadline(30));
            long failedBefore = load.failed();
            load.recordAnswers(answers);
            load.openLoopBursts(FLEET_SENDERS, BURST_PER_SENDER_PER_SECOND, seconds, message);
            load.recordAnswers(null);
            awaitReceived(receiver, receivedBefore, load.ok(), deadline(30));
            return load.failed() - failedBefore;
        }
    }

    private void burstRow(String who, String key, LatencyRecorder answers, long failed, int seconds) {
        double[] a = answers.percentilesMillis(50, 99, 99.9);
        int total = FLEET_SENDERS * BURST_PER_SENDER_PER_SECOND * seconds;
        results.add(
                "burst100",
                "API answer p50, " + who,
                a[0],
                "ms p50",
                "p99 " + Results.format(a[1]) + " ms, p99.9 " + Results.format(a[2]) + " ms: scheduled send → 2xx; "
                        + answers.count() + " of " + total + " answered 2xx, " + failed + " failed; " + FLEET_SENDERS
                        + " connections × " + BURST_PER_SENDER_PER_SECOND + "/s in bursts, two turns of "
                        + (seconds / 2) + " s");
        results.figure(key + "_answer_p50_ms", a[0]);
        results.figure(key + "_answer_p99_ms", a[1]);
    }

    /**
     * CPU per message by process group, for comparing with a user's own measurement: the platform (API and worker,
     * one JVM), PostgreSQL, Redis, the load clients, the receiver, and the rest.
     */
    private void cpuByProcess(
            String scenario, String key, CpuAccount.Snapshot before, CpuAccount.Snapshot after, long messages) {
        Map<String, Double> seconds = CpuAccount.secondsBetween(before, after);
        if (seconds.isEmpty() || messages == 0) {
            return;
        }
        Map<String, Double> groups = byProcess(seconds);
        double window = (after.nanos() - before.nanos()) / 1e9;
        double total = groups.values().stream().mapToDouble(Double::doubleValue).sum();
        results.add(
                scenario,
                "whole machine, per message",
                total * 1e6 / messages,
                "µs",
                Results.format(total) + " CPU-s over " + Results.format(window) + " s ("
                        + Results.format(total / window) + " cores busy), " + messages + " messages");
        groups.forEach((group, s) -> {
            results.add(scenario, group, s * 1e6 / messages, "µs", Results.format(100 * s / total) + " %");
            results.figure(
                    key + "_cpu_us_" + group.replaceAll("[^a-zA-Z0-9]+", "_").toLowerCase(java.util.Locale.ROOT),
                    s * 1e6 / messages);
        });
    }

    /** {@link CpuAccount}'s groups folded into processes: the platform's threads and worker processes together. */
    static Map<String, Double> byProcess(Map<String, Double> seconds) {
        Map<String, Double> groups = new java.util.LinkedHashMap<>();
        for (String name : List.of("API+worker", "PostgreSQL", "Redis", "load", "receiver", "other")) {
            groups.put(name, 0.0);
        }
        seconds.forEach((group, s) -> {
            String process;
            if (group.startsWith("platform: ") || group.equals("worker processes")) {
                process = "API+worker";
            } else if (group.equals("PostgreSQL") || group.equals("Redis")) {
                process = group;
            } else if (group.equals("benchmark: load")) {
                process = "load";
            } else if (group.equals("benchmark: receiver")) {
                process = "receiver";
            } else {
                process = "other";
            }
            groups.merge(process, s, Double::sum);
        });
        return groups;
    }

    /**
     * A freshly started JVM runs interpreted and spends a core compiling for its first minute or so (measured: the C2
     * compiler threads used 0.4-0.6 of the two cores for 70 s; single-message ingest went 830 → 1,084 → 1,426 → 2,569
     * msg/s over four back-to-back 28 s runs). A server in production is warm, so every code path the scenarios take
     * is exercised first, unmeasured: single and batch sends, and deliveries.
     */
    private void warmUp(FastReceiver receiver, Tenant ingest, Tenant delivery) throws Exception {
        if (plan.jitWarmupSeconds() <= 0) {
            return;
        }
        long until = deadline(plan.jitWarmupSeconds());
        Map<String, String> ingestAuth = Map.of("Authorization", "Bearer " + ingest.key());
        Map<String, String> deliveryAuth = Map.of("Authorization", "Bearer " + delivery.key());
        String single = apiUrl + "/v1/tenants/" + ingest.id() + "/messages";
        String batch = apiUrl + "/v1/tenants/" + ingest.id() + "/messages/batch";
        String fanOut = apiUrl + "/v1/tenants/" + delivery.id() + "/messages/batch";
        long received = receiver.received();
        long deliveries = 0;
        try (LoadClient load = new LoadClient(32, 32)) {
            for (int round = 0; System.nanoTime() < until; round++) {
                long slice = Math.min(until, deadline(3));
                switch (round % 4) { // single sends twice: the longest code path, and the slowest to warm
                    case 0, 1 ->
                        load.closedLoop(
                                Long.MAX_VALUE,
                                slice,
                                i -> new LoadClient.Post(
                                        single, ingestAuth, bytes(Payloads.message("bench.warmup", "c", 0, i))));
                    case 2 ->
                        load.closedLoop(
                                Long.MAX_VALUE,
                                slice,
                                i -> new LoadClient.Post(
                                        batch, ingestAuth, Payloads.batch("bench.warmup", "c", 1, 100, 0, i * 100)));
                    default -> {
                        // Fan-out goes to the delivery tenant's endpoints, so the worker's path warms up too.
                        long before = load.ok();
                        load.closedLoop(
                                20,
                                slice,
                                i -> new LoadClient.Post(
                                        fanOut,
                                        deliveryAuth,
                                        Payloads.batch("bench.warmup", "g", ENDPOINTS / FAN_OUT, 100, 0, i * 100)));
                        deliveries += (load.ok() - before) * 100 * FAN_OUT;
                    }
                }
            }
        }
        long deliveryDeadline = deadline(60);
        awaitReceived(receiver, received, deliveries, deliveryDeadline);
        // And until their attempts are logged, so the delivery scenario's count of logged attempts starts clean.
        while (jdbcUrl != null
                && attempts(delivery.id()) < receiver.received() - received
                && System.nanoTime() < deliveryDeadline) {
            Thread.sleep(50);
        }
        results.add(
                "warm-up",
                "JIT warm-up, not measured",
                plan.jitWarmupSeconds(),
                "s",
                "single and batch sends, " + (receiver.received() - received) + " deliveries");
    }

    private void ingestSingle(Tenant t) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int concurrency = 32;
        try (LoadClient load = new LoadClient(concurrency, concurrency)) {
            load.closedLoop(
                    Long.MAX_VALUE,
                    deadline(plan.warmupSeconds()),
                    i -> new LoadClient.Post(url, headers, bytes(Payloads.message("bench.ingest", "c", 0, i))));
            CpuAccount.Snapshot cpuBefore = cpu.take();
            long start = System.nanoTime();
            long ok = load.closedLoop(
                    Long.MAX_VALUE,
                    deadline(plan.ingestSeconds()),
                    i -> new LoadClient.Post(url, headers, bytes(Payloads.message("bench.ingest", "c", 0, i))));
            double perSecond = ok / seconds(start);
            results.add(
                    "ingest",
                    "POST /messages",
                    perSecond,
                    "msg/s",
                    concurrency + " concurrent clients, " + plan.ingestSeconds()
                            + " s, no matching endpoint (write path), " + load.failed() + " failed");
            results.figure("ingest_per_s", perSecond);
            cpuPer("cpu, single send", "send", cpuBefore, cpu.take(), ok, "the 32 clients included");
        }
    }

    private void ingestBatch(Tenant t) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages/batch";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int concurrency = 8;
        int size = 100;
        try (LoadClient load = new LoadClient(concurrency, concurrency)) {
            load.closedLoop(
                    Long.MAX_VALUE,
                    deadline(plan.warmupSeconds()),
                    i -> new LoadClient.Post(url, headers, Payloads.batch("bench.ingest", "c", 1, size, 0, i * size)));
            long start = System.nanoTime();
            long ok = load.closedLoop(
                    Long.MAX_VALUE,
                    deadline(plan.ingestSeconds()),
                    i -> new LoadClient.Post(url, headers, Payloads.batch("bench.ingest", "c", 1, size, 0, i * size)));
            double perSecond = ok * size / seconds(start);
            results.add(
                    "ingest",
                    "POST /messages/batch",
                    perSecond,
                    "msg/s",
                    concurrency + " concurrent clients, " + size + " per batch, " + plan.ingestSeconds() + " s, "
                            + load.failed() + " failed");
            results.figure("ingest_batch_per_s", perSecond);
        }
    }

    /**
     * The limit: the same receiver, the same connection pool size and in-flight cap, no platform in between. Three
     * rounds of {@code count} POSTs on one warmed-up client, reported as their median: a round lasts 3-5 s, and
     * single rounds of the same build can differ by a third between two full runs on one machine (27,463 and 36,210
     * POST/s); the ratio divides by this figure.
     */
    private void raw(FastReceiver receiver, long count) throws Exception {
        byte[] body = bytes(Payloads.payload(0, 1));
        // Headers of a delivery's size, under other names: the receiver verifies only what carries a webhook-id.
        Map<String, String> headers = Map.of(
                "x-raw-id",
                "msg_01JD5X3M8ZK4Q2W7R9T6B1C0HY",
                "x-raw-timestamp",
                "1700000000",
                "x-raw-signature",
                "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=");
        try (LoadClient load = new LoadClient(WORKER_IN_FLIGHT, WORKER_CONNECTIONS)) {
            LongFunction<LoadClient.Post> post =
                    i -> new LoadClient.Post(receiver.url("/hooks/" + (i % ENDPOINTS)), headers, body);
            load.closedLoop(count / 5, deadline(60), post);
            double[] rounds = new double[RAW_ROUNDS];
            for (int r = 0; r < RAW_ROUNDS; r++) {
                long start = System.nanoTime();
                long ok = load.closedLoop(count, deadline(120), post);
                rounds[r] = ok / seconds(start);
            }
            double perSecond = median(rounds);
            results.add(
                    "raw",
                    "Jetty HttpClient → receiver",
                    perSecond,
                    "POST/s",
                    "median of " + RAW_ROUNDS + " rounds of " + count + " POSTs ("
                            + Arrays.stream(rounds).mapToObj(Results::format).collect(Collectors.joining(", ")) + "), "
                            + WORKER_CONNECTIONS
                            + " connections, " + WORKER_IN_FLIGHT + " in flight, " + load.failed() + " failed");
            results.figure("raw_posts_per_s", perSecond);
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /**
     * Sustained delivery: messages fanned out to {@value #FAN_OUT} of the {@value #ENDPOINTS} endpoints, sent in
     * batches; measured from the first send to the last receipt, then checked that every attempt was logged.
     */
    private void delivery(FastReceiver receiver, Tenant t) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages/batch";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int size = 100;
        int groups = ENDPOINTS / FAN_OUT;
        long expected = (long) plan.deliveryMessages() * FAN_OUT;
        long attemptsBefore = attempts(t.id());
        long receivedBefore = receiver.received();
        Map<String, Long> redisBefore = redisStats == null ? null : redisStats.calls();
        long walBefore = jdbcUrl == null ? -1 : new StorageProbe(jdbcUrl).walBytes();
        CpuAccount.Snapshot cpuBefore = cpu.take();
        long start = System.nanoTime();
        try (LoadClient load = new LoadClient(2, 2)) {
            load.closedLoop(
                    plan.deliveryMessages() / size,
                    deadline(plan.deliveryDeadlineSeconds()),
                    i -> new LoadClient.Post(
                            url, headers, Payloads.batch("bench.delivery", "g", groups, size, 0, i * size)));
        }
        long sentNanos = System.nanoTime() - start;
        awaitReceived(receiver, receivedBefore, expected, deadline(plan.deliveryDeadlineSeconds()));
        long got = receiver.received() - receivedBefore;
        double perSecond = got / ((receiver.lastReceiptNanos() - start) / 1e9);
        long loggedDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        long logged = attempts(t.id()) - attemptsBefore;
        while (jdbcUrl != null && logged < got && System.nanoTime() < loggedDeadline) {
            Thread.sleep(50);
            logged = attempts(t.id()) - attemptsBefore;
        }
        double loggedAfter = seconds(start);
        results.add(
                "delivery",
                "deliveries, first send → last receipt",
                perSecond,
                "/s",
                got + " of " + expected + " received from " + ENDPOINTS + " endpoints (fan-out " + FAN_OUT + "), "
                        + "ingest took " + Math.round(sentNanos / 1e6) + " ms");
        if (jdbcUrl != null) {
            results.add(
                    "delivery",
                    "attempts logged",
                    logged,
                    "",
                    "in PostgreSQL " + Results.format(loggedAfter) + " s after the first send");
        }
        results.figure("deliveries_per_s", perSecond);
        cpuPer("cpu", "delivery", cpuBefore, cpu.take(), got, "ingest and attempt log included");
        if (redisBefore != null && got > 0) {
            redisPerDelivery(RedisCommandStats.between(redisBefore, redisStats.calls()), got);
        }
        long walAfter = jdbcUrl == null ? -1 : new StorageProbe(jdbcUrl).walBytes();
        if (walBefore >= 0 && walAfter >= 0 && got > 0) {
            double perDelivery = (double) (walAfter - walBefore) / got;
            results.add(
                    "capacity",
                    "PostgreSQL WAL per delivery",
                    perDelivery,
                    "B",
                    "pg_stat_wal over the delivery scenario (the server's whole WAL: give it no other load), "
                            + "messages, deliveries and attempts together");
            results.figure("wal_bytes_per_delivery", perDelivery);
        }
    }

    /**
     * One fast endpoint alone, with the default settings: {@link Plan#deliveryMessages()} × {@value #FAN_OUT}
     * messages sent in batches of 100 from two connections, every one to the tenant's one endpoint, so what limits
     * the rate is how many requests that endpoint may have in flight and the worker's own cost, not fan-out.
     * Deliveries/s from the first send to the last receipt.
     */
    private void oneEndpoint(FastReceiver receiver, Tenant t) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages/batch";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int size = 100;
        long expected = (long) plan.deliveryMessages() * FAN_OUT;
        long receivedBefore = receiver.received();
        CpuAccount.Snapshot cpuBefore = cpu.take();
        long start = System.nanoTime();
        try (LoadClient load = new LoadClient(2, 2)) {
            load.closedLoop(
                    expected / size,
                    deadline(plan.deliveryDeadlineSeconds()),
                    i -> new LoadClient.Post(url, headers, Payloads.batchTo("bench.one", "single", size, 0, i * size)));
        }
        long sentNanos = System.nanoTime() - start;
        awaitReceived(receiver, receivedBefore, expected, deadline(plan.deliveryDeadlineSeconds()));
        long got = receiver.received() - receivedBefore;
        double perSecond = got / ((receiver.lastReceiptNanos() - start) / 1e9);
        results.add(
                "delivery1",
                "one endpoint, first send → last receipt",
                perSecond,
                "/s",
                got + " of " + expected + " received by one endpoint, default settings; ingest took "
                        + Math.round(sentNanos / 1e6) + " ms");
        results.figure("one_endpoint_deliveries_per_s", perSecond);
        cpuPer("cpu, delivery1", "delivery", cpuBefore, cpu.take(), got, "ingest and attempt log included");
    }

    /** The queue's cost in Redis: commands per delivery over the delivery scenario, in all and by command. */
    private void redisPerDelivery(Map<String, Long> calls, long deliveries) {
        long total = calls.values().stream().mapToLong(Long::longValue).sum();
        String byCommand = calls.entrySet().stream()
                .limit(12)
                .map(e -> e.getKey() + " " + Results.format((double) e.getValue() / deliveries))
                .collect(java.util.stream.Collectors.joining(", "));
        results.add(
                "capacity",
                "Redis commands per delivery",
                (double) total / deliveries,
                "",
                total + " commands for " + deliveries + " deliveries (INFO commandstats): " + byCommand);
        results.figure("redis_commands_per_delivery", (double) total / deliveries);
    }

    /** Bytes on disk per row of the log's tables, indexes and TOAST included, at the end of the run. */
    private void storagePerRow() throws Exception {
        StorageProbe storage = new StorageProbe(jdbcUrl);
        Map<String, String> rows = Map.of("attempts", "attempt", "messages", "message", "deliveries", "delivery");
        for (String table : List.of("attempts", "messages", "deliveries")) {
            StorageProbe.TableSize size = storage.size(table);
            results.add(
                    "capacity",
                    "bytes per " + rows.get(table) + " row",
                    size.bytesPerRow(),
                    "B",
                    size.bytes() + " bytes (pg_total_relation_size, all partitions) over " + size.rows() + " rows");
            results.figure(table + "_bytes_per_row", size.bytesPerRow());
        }
    }

    /**
     * The whole machine's CPU over a scenario, per unit of work (a delivery, a send) and by process, the platform by
     * thread: what a target has to fit in, since all of it shares the cores.
     */
    private void cpuPer(
            String scenario,
            String unit,
            CpuAccount.Snapshot before,
            CpuAccount.Snapshot after,
            long units,
            String note) {
        Map<String, Double> seconds = CpuAccount.secondsBetween(before, after);
        if (seconds.isEmpty() || units == 0) {
            return;
        }
        double window = (after.nanos() - before.nanos()) / 1e9;
        double total =
                seconds.values().stream().mapToDouble(Double::doubleValue).sum();
        String prefix = scenario.replaceAll("[^a-zA-Z0-9]+", "_").toLowerCase(java.util.Locale.ROOT) + "_us_";
        results.add(
                scenario,
                "whole machine, per " + unit,
                total * 1e6 / units,
                "µs",
                Results.format(total) + " CPU-s over " + Results.format(window) + " s ("
                        + Results.format(total / window) + " cores busy), " + note);
        seconds.forEach((group, s) -> {
            results.add(scenario, group, s * 1e6 / units, "µs", Results.format(100 * s / total) + " %");
            results.figure(
                    prefix + group.replaceAll("[^a-zA-Z0-9]+", "_").toLowerCase(java.util.Locale.ROOT),
                    s * 1e6 / units);
        });
    }

    /**
     * Second by second: when answers and receipts came and how late, so a tail can be told apart as a steady spread
     * or a few stalls and set beside the GC logs (the first column is UTC epoch milliseconds).
     */
    private static String timeline(
            long originEpochMillis, List<LatencyRecorder.Second> answers, List<LatencyRecorder.Second> receipts) {
        Map<Integer, LatencyRecorder.Second> received = new java.util.HashMap<>();
        receipts.forEach(r -> received.put(r.second(), r));
        StringBuilder csv = new StringBuilder(
                "epoch_ms,second,answers,answer_p50_ms,answer_max_ms,receipts,receipt_p50_ms,receipt_max_ms\n");
        for (LatencyRecorder.Second a : answers) {
            LatencyRecorder.Second r =
                    received.getOrDefault(a.second(), new LatencyRecorder.Second(a.second(), 0, 0, 0));
            csv.append(originEpochMillis + 1000L * a.second())
                    .append(',')
                    .append(a.second())
                    .append(',')
                    .append(a.count())
                    .append(',')
                    .append(Results.format(a.p50Millis()))
                    .append(',')
                    .append(Results.format(a.maxMillis()))
                    .append(',')
                    .append(r.count())
                    .append(',')
                    .append(Results.format(r.p50Millis()))
                    .append(',')
                    .append(Results.format(r.maxMillis()))
                    .append('\n');
        }
        return csv.toString();
    }

    /**
     * Fixed offered rate through POST /messages, each message to one endpoint; send → receipt per message. A lead-in
     * of {@value #LATENCY_LEAD_IN_SECONDS} s at the same rate, not recorded, comes first: a fresh load client opens
     * its connections and threads in the first second, and the API grows its request threads to match, which is a
     * cold start of the benchmark's own client rather than the steady latency a long-running sender sees.
     */
    private void latency(FastReceiver receiver, Tenant t, int rate) throws Exception {
        String url = apiUrl + "/v1/tenants/" + t.id() + "/messages";
        Map<String, String> headers = Map.of("Authorization", "Bearer " + t.key());
        int total = rate * plan.latencySeconds();
        LatencyRecorder recorder = new LatencyRecorder(total);
        long[] seq = {0};
        LatencyRecorder answers = new LatencyRecorder(total);
        try (LoadClient load = new LoadClient(512, 64)) {
            LongFunction<LoadClient.Post> message = intended -> {
                long s = seq[0]++;
                return new LoadClient.Post(
                        url, headers, bytes(Payloads.message("bench.latency", "e" + (s % ENDPOINTS), intended, s)));
            };
            long receivedBefore = receiver.received();
            load.openLoop(rate, LATENCY_LEAD_IN_SECONDS, message);
            awaitReceived(receiver, receivedBefore, load.ok(), deadline(30));
            long okBefore = load.ok();
            long failedBefore = load.failed();

            receiver.recordLatencies(recorder);
            load.recordAnswers(answers);
            long origin = System.nanoTime();
            long originEpochMillis = System.currentTimeMillis();
            CpuAccount.Snapshot cpuBefore = cpu.take();
            load.openLoop(rate, plan.latencySeconds(), message);
            long deadline = deadline(30);
            while (recorder.count() < load.ok() - okBefore && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            CpuAccount.Snapshot cpuAfter = cpu.take();
            receiver.recordLatencies(null);
            double[] p = recorder.percentilesMillis(50, 99, 99.9);
            results.add(
                    "latency",
                    rate + "/s offered: p50 / p99 / p99.9",
                    p[1],
                    "ms p99",
                    "p50 " + Results.format(p[0]) + " ms, p99.9 " + Results.format(p[2]) + " ms; " + recorder.count()
                            + " of " + total + " received, " + (load.failed() - failedBefore) + " sends failed, "
                            + plan.latencySeconds() + " s after a " + LATENCY_LEAD_IN_SECONDS + " s lead-in");
            double[] a = answers.percentilesMillis(50, 99);
            results.add(
                    "latency",
                    rate + "/s offered: API answer p50 / p99",
                    a[1],
                    "ms p99",
                    "p50 " + Results.format(a[0])
                            + " ms: send → 202 of POST /messages, the part of the above spent in ingest");
            cpuPer(
                    "cpu, " + rate + "/s",
                    "message",
                    cpuBefore,
                    cpuAfter,
                    recorder.count(),
                    "sent, delivered and logged, the load clients and receiver included");
            results.file(
                    "latency" + rate + ".csv",
                    timeline(originEpochMillis, answers.bySecond(origin), recorder.bySecond(origin)));
            results.figure("lat" + rate + "_p50_ms", p[0]);
            results.figure("lat" + rate + "_p99_ms", p[1]);
            results.figure("lat" + rate + "_p999_ms", p[2]);
            if (rate == 500) {
                results.figure("p50_ms", p[0]);
                results.figure("p99_ms", p[1]);
            }
        }
    }

    /** Waits until the receiver has had {@code expected} POSTs since it counted {@code receivedBefore}, or the deadline. */
    private static void awaitReceived(FastReceiver receiver, long receivedBefore, long expected, long deadlineNanos)
            throws InterruptedException {
        while (receiver.received() - receivedBefore < expected && System.nanoTime() < deadlineNanos) {
            Thread.sleep(5);
        }
    }

    /** Attempts logged for a tenant; -1 without a database URL (dev mode's embedded PostgreSQL). */
    private long attempts(String tenantId) throws Exception {
        if (jdbcUrl == null) {
            return -1;
        }
        try (Connection c = DriverManager.getConnection(jdbcUrl);
                PreparedStatement s = c.prepareStatement("SELECT count(*) FROM attempts WHERE tenant_id = ?")) {
            s.setString(1, tenantId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static long deadline(int seconds) {
        return System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * Single sends to a tenant's one endpoint (channel {@code single}) with {@code apiKey}, each tagged with its own
     * sequence number, so its answer and its receipt can be matched.
     */
    private static final class SingleSends implements LongFunction<LoadClient.Post> {
        private final String url;
        private final Map<String, String> headers;
        private final String eventType;
        long next; // the sequence number of the next send

        SingleSends(String apiUrl, String tenantId, String apiKey, String eventType) {
            this.url = apiUrl + "/v1/tenants/" + tenantId + "/messages";
            this.headers = Map.of("Authorization", "Bearer " + apiKey);
            this.eventType = eventType;
        }

        @Override
        public LoadClient.Post apply(long intended) {
            long s = next++;
            return new LoadClient.Post(url, headers, bytes(Payloads.message(eventType, "single", intended, s)), s);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
