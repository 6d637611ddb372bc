package dev.hookline.sdk.model;

/**
 * A message's deliveries by status, in a message listed with {@code include=deliveries}: {@code pending} ones are
 * not attempted yet, {@code retrying} ones wait for their next try.
 */
public record DeliveryCounts(long pending, long retrying, long succeeded, long failed) {}
