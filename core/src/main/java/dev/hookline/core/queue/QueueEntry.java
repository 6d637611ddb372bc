package dev.hookline.core.queue;

import redis.clients.jedis.StreamEntryID;

/** One stream entry: the id Redis gave it (for acknowledging) and the delivery it carries. */
public record QueueEntry(StreamEntryID entryId, String deliveryId) {}
