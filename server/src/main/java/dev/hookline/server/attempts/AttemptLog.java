package dev.hookline.server.attempts;

import dev.hookline.core.attempts.AttemptDao;
import dev.hookline.core.attempts.AttemptQuery;
import dev.hookline.core.attempts.AttemptStats;
import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.LogReads;
import dev.hookline.core.ids.Ids;
import dev.hookline.core.queue.EndpointLimits;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.Page;
import dev.hookline.sdk.model.StatsBucket;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading the attempt log of one tenant: pages of attempts, one attempt in full, and an endpoint's statistics. The
 * log is read through {@link LogReads}: from a replica when one is configured, so pages and statistics may lag
 * behind by its replication lag, while an attempt asked for by id is found even if it was made a moment ago.
 */
public final class AttemptLog {
    static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(1);
    static final int MAX_BUCKETS = 800;

    private static final Logger LOG = LoggerFactory.getLogger(AttemptLog.class);

    private final LogReads reads;
    private final EndpointService endpoints;
    private final Clock clock;
    private final EndpointLimits limits;

    /** @param limits the endpoints' current in-flight limits, as the workers publish them */
    public AttemptLog(LogReads reads, EndpointService endpoints, EndpointLimits limits, Clock clock) {
        this.limits = Objects.requireNonNull(limits, "limits == null");
        this.reads = Objects.requireNonNull(reads, "reads == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * {@code query.limit()} attempts below {@code query.before()}, newest first. An endpoint filter given as a uid
     * is resolved first (404 if the tenant has no such endpoint); an id is used as it is.
     */
    public Page<Attempt> list(AttemptQuery query) {
        String endpointId = query.endpointId() == null || Ids.looksLike(Ids.ENDPOINT, query.endpointId())
                ? query.endpointId()
                : endpoints.get(query.tenantId(), query.endpointId()).id();
        return page(query, endpointId);
    }

    /** As {@link #list}, for the endpoint {@code query.endpointId()} names (id or uid), which must exist: else 404. */
    public Page<Attempt> listOfEndpoint(AttemptQuery query) {
        return page(query, endpoints.get(query.tenantId(), query.endpointId()).id());
    }

    /** The page {@code query} asks for, filtered by the endpoint id {@code endpointId} (null: every endpoint). */
    private Page<Attempt> page(AttemptQuery query, String endpointId) {
        int limit = query.limit();
        AttemptQuery plusOne = new AttemptQuery(
                query.tenantId(),
                endpointId,
                query.messageId(),
                query.status(),
                query.statusCodeClass(),
                query.eventType(),
                query.since(),
                query.until(),
                query.before(),
                limit + 1,
                query.scope());
        return Cursor.page(reads.mayLag(h -> h.attach(AttemptDao.class).search(plusOne)), limit, Attempt::id);
    }

    /** One attempt; for a caller limited to some endpoints ({@code scope} not null), only one of theirs. */
    public Attempt get(String tenantId, String attemptId, Set<String> scope) {
        return reads.byId(h -> h.attach(AttemptDao.class).find(tenantId, attemptId))
                .filter(a -> scope == null || scope.contains(a.endpointId()))
                .orElseThrow(() -> ApiException.notFound("attempt"));
    }

    /**
     * The endpoint's attempts over the window; without bounds, the last 24 hours. With a {@code bucket}
     * ({@code 1h} or {@code 1d}), also per UTC hour or day, from the one holding {@code since} on, empty ones
     * included.
     */
    public EndpointStats stats(String tenantId, String endpointRef, TimeWindow window, String bucket) {
        Duration size = bucketSize(bucket);
        Endpoint endpoint = endpoints.get(tenantId, endpointRef);
        Instant until = window.until() != null ? window.until() : clock.instant();
        Instant since = window.since() != null ? window.since() : until.minus(DEFAULT_STATS_WINDOW);
        TimeWindow.of(since, until);
        if (size != null && Duration.between(since, until).dividedBy(size) >= MAX_BUCKETS) {
            throw ApiException.invalid(
                    "bucket", "gives more than " + MAX_BUCKETS + " buckets over this window; use 1d or a shorter one");
        }
        record Read(AttemptStats totals, List<StatsBucket> buckets) {}
        String sinceId = Ids.floor(Ids.ATTEMPT, since.toEpochMilli());
        Read read = reads.mayLag(h -> {
            AttemptDao dao = h.attach(AttemptDao.class);
            return new Read(
                    dao.stats(tenantId, endpoint.id(), since, until, sinceId),
                    size == null
                            ? null
                            : dao.statsBuckets(
                                    tenantId,
                                    endpoint.id(),
                                    size.toHours() == 1 ? "hour" : "day",
                                    since,
                                    until,
                                    sinceId));
        });
        AttemptStats s = read.totals();
        Map<String, Long> byClass = new LinkedHashMap<>();
        byClass.put("2xx", s.c2xx());
        byClass.put("3xx", s.c3xx());
        byClass.put("4xx", s.c4xx());
        byClass.put("5xx", s.c5xx());
        byClass.put("none", s.none());
        if (s.c1xx() > 0) {
            byClass.put("1xx", s.c1xx());
        }
        double rate = s.total() == 0 ? 0 : (double) s.succeeded() / s.total();
        return new EndpointStats(
                since,
                until,
                s.total(),
                s.succeeded(),
                s.total() - s.succeeded(),
                byClass,
                rate,
                s.p50Ms(),
                s.p99Ms(),
                size == null ? null : bucket,
                size == null ? null : everyBucket(read.buckets(), since, until, size),
                currentLimit(endpoint.id()));
    }

    /** The endpoint's in-flight limit as last published; null when unknown, also when Redis cannot say. */
    private Integer currentLimit(String endpointId) {
        try {
            return limits.current(endpointId, clock.millis());
        } catch (RuntimeException e) {
            LOG.debug("no current in-flight limit for {}: {}", endpointId, e.toString());
            return null;
        }
    }

    private static Duration bucketSize(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            return null;
        }
        return switch (bucket) {
            case "1h" -> Duration.ofHours(1);
            case "1d" -> Duration.ofDays(1);
            default -> throw ApiException.invalid("bucket", "must be 1h or 1d");
        };
    }

    /** The buckets that had attempts, with the empty ones between them filled in: one per hour or day, oldest first. */
    private static List<StatsBucket> everyBucket(List<StatsBucket> found, Instant since, Instant until, Duration size) {
        Map<Instant, StatsBucket> byStart = new HashMap<>();
        found.forEach(b -> byStart.put(b.start(), b));
        List<StatsBucket> all = new ArrayList<>();
        ChronoUnit unit = size.toHours() == 1 ? ChronoUnit.HOURS : ChronoUnit.DAYS;
        for (Instant start = since.truncatedTo(unit); start.isBefore(until); start = start.plus(size)) {
            all.add(byStart.getOrDefault(start, new StatsBucket(start, 0, 0, null, null)));
        }
        return all;
    }
}
