package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * One hour or day of an endpoint's attempts, in {@link EndpointStats#buckets()}: attempts that succeeded and
 * failed in {@code [start, start + bucket)}, and their latency percentiles (null when there were none).
 */
public record StatsBucket(Instant start, long succeeded, long failed, Long p50Ms, Long p99Ms) {}
