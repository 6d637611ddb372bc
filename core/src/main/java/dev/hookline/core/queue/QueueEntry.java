package dev.hookline.core.queue;

import redis.clients.jedis.StreamEntryID;

/**
 * One stream entry: the shard's stream it was read from and the id Redis gave it there (for acknowledging), and
 * the delivery it carries.
 */
public record QueueEntry(String stream, StreamEntryID entryId, String deliveryId) {}
