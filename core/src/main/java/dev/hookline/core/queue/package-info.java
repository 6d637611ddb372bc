/**
 * The Redis delivery queue: a stream read by a consumer group for work due now, a sorted set for retries due later.
 */
package dev.hookline.core.queue;
