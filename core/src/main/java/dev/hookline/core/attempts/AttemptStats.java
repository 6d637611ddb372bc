package dev.hookline.core.attempts;

/** Counts and latency percentiles of one endpoint's attempts over a window; percentiles null without attempts. */
public record AttemptStats(
        long total,
        long succeeded,
        long none,
        long c1xx,
        long c2xx,
        long c3xx,
        long c4xx,
        long c5xx,
        Long p50Ms,
        Long p99Ms) {}
