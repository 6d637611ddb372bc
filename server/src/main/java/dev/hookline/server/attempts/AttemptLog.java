package dev.hookline.server.attempts;

import dev.hookline.core.attempts.AttemptDao;
import dev.hookline.core.attempts.AttemptQuery;
import dev.hookline.core.attempts.AttemptStats;
import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.LogReads;
import dev.hookline.core.ids.Ids;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointStats;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.endpoints.EndpointService;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.TimeWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Reading the attempt log of one tenant: pages of attempts, one attempt in full, and an endpoint's statistics. The
 * log is read through {@link LogReads}: from a replica when one is configured, so pages and statistics may lag
 * behind by its replication lag, while an attempt asked for by id is found even if it was made a moment ago.
 */
public final class AttemptLog {
    static final Duration DEFAULT_STATS_WINDOW = Duration.ofDays(1);

    private final LogReads reads;
    private final EndpointService endpoints;
    private final Clock clock;

    public AttemptLog(LogReads reads, EndpointService endpoints, Clock clock) {
        this.reads = Objects.requireNonNull(reads, "reads == null");
        this.endpoints = Objects.requireNonNull(endpoints, "endpoints == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /**
     * {@code query.limit()} attempts below {@code query.before()}, newest first. An endpoint filter given as a uid
     * is resolved first (404 if the tenant has no such endpoint); an id is used as it is.
     */
    public Page<Attempt> list(AttemptQuery query) {
        int limit = query.limit();
        String endpointId = query.endpointId() == null || Ids.looksLike(Ids.ENDPOINT, query.endpointId())
                ? query.endpointId()
                : endpoints.get(query.tenantId(), query.endpointId()).id();
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
                limit + 1);
        return Cursor.page(reads.mayLag(h -> h.attach(AttemptDao.class).search(plusOne)), limit, Attempt::id);
    }

    public Attempt get(String tenantId, String attemptId) {
        return reads.byId(h -> h.attach(AttemptDao.class).find(tenantId, attemptId))
                .orElseThrow(() -> ApiException.notFound("attempt"));
    }

    /** The endpoint's attempts over the window; without bounds, the last 24 hours. */
    public EndpointStats stats(String tenantId, String endpointRef, TimeWindow window) {
        Endpoint endpoint = endpoints.get(tenantId, endpointRef);
        Instant until = window.until() != null ? window.until() : clock.instant();
        Instant since = window.since() != null ? window.since() : until.minus(DEFAULT_STATS_WINDOW);
        TimeWindow.of(since, until);
        AttemptStats s = reads.mayLag(h -> h.attach(AttemptDao.class).stats(tenantId, endpoint.id(), since, until));
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
                since, until, s.total(), s.succeeded(), s.total() - s.succeeded(), byClass, rate, s.p50Ms(), s.p99Ms());
    }
}
