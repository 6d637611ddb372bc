/**
 * The Redis delivery queue in N shards, each a stream read by a consumer group for work due now and a sorted set for
 * retries due later, under its own hash tag; a reader thread per shard; pipelines that follow a cluster's MOVED/ASK.
 */
package dev.hookline.core.queue;
