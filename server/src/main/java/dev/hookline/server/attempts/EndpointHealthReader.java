package dev.hookline.server.attempts;

import dev.hookline.core.attempts.AttemptDao;
import dev.hookline.core.db.LogReads;
import dev.hookline.core.ids.Ids;
import dev.hookline.sdk.model.Endpoint;
import dev.hookline.sdk.model.EndpointHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The health a list of endpoints shows ({@code include=health}): each one's attempts that ended in the last 24
 * hours and its latest failure. Two queries for a whole page, read where the rest of the log is
 * ({@link LogReads#mayLag}): counts from two range probes per endpoint on its (endpoint, status, id) index, and one
 * index probe per endpoint for its latest failure.
 */
public final class EndpointHealthReader {
    static final Duration WINDOW = Duration.ofHours(24);

    private final LogReads reads;
    private final Clock clock;

    public EndpointHealthReader(LogReads reads, Clock clock) {
        this.reads = Objects.requireNonNull(reads, "reads == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** The endpoints, each with its health. */
    public List<Endpoint> withHealth(String tenantId, List<Endpoint> endpoints) {
        if (endpoints.isEmpty()) {
            return endpoints;
        }
        Instant since = clock.instant().minus(WINDOW);
        String[] ids = endpoints.stream().map(Endpoint::id).toArray(String[]::new);
        record Read(List<AttemptDao.EndpointCounts> counts, List<AttemptDao.LastFailure> failures) {}
        Read read = reads.mayLag(h -> {
            AttemptDao dao = h.attach(AttemptDao.class);
            return new Read(
                    dao.counts(ids, Ids.floor(Ids.ATTEMPT, since.toEpochMilli())), dao.lastFailures(tenantId, ids));
        });
        Map<String, AttemptDao.EndpointCounts> counts = read.counts().stream()
                .collect(Collectors.toMap(AttemptDao.EndpointCounts::endpointId, Function.identity()));
        Map<String, AttemptDao.LastFailure> failures = read.failures().stream()
                .collect(Collectors.toMap(AttemptDao.LastFailure::endpointId, Function.identity()));
        return endpoints.stream()
                .map(e -> e.withHealth(health(since, counts.get(e.id()), failures.get(e.id()))))
                .toList();
    }

    private static EndpointHealth health(Instant since, AttemptDao.EndpointCounts counts, AttemptDao.LastFailure last) {
        long succeeded = counts == null ? 0 : counts.succeeded();
        long attempts = succeeded + (counts == null ? 0 : counts.failed());
        EndpointHealth.Failure failure = last == null
                ? null
                : new EndpointHealth.Failure(
                        last.createdAt(),
                        last.id(),
                        last.responseStatusCode(),
                        last.responseStatusCode() != null ? "HTTP " + last.responseStatusCode() : last.error());
        return new EndpointHealth(
                since,
                attempts,
                succeeded,
                attempts - succeeded,
                attempts == 0 ? null : (double) succeeded / attempts,
                failure);
    }
}
