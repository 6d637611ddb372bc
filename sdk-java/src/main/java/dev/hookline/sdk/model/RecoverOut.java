package dev.hookline.sdk.model;

/**
 * Answer to a recovery: how many failed deliveries were queued again.
 *
 * <pre>{@code
 * RecoverOut out = client.endpoints().recover("tnt_1", "ep_1", since, null);
 * log.info("re-queued {} deliveries", out.queued());
 * }</pre>
 */
public record RecoverOut(int queued) {}
