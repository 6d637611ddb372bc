package dev.hookline.worker.retention;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the delivery log is kept. Attempts and messages live in weekly partitions and go a whole week at a
 * time, so a row is kept at least its retention and at most a week longer. Payloads can be expired earlier than
 * their messages: the row stays (listed, with {@code payloadExpired}), only the bytes go.
 *
 * @param weeksAhead how many weeks of empty partitions to keep ready, so inserts never find their week missing
 * @param interval   how often the job runs
 */
public record RetentionSettings(
        Duration attempts, Duration messages, Duration payloads, int weeksAhead, Duration interval) {
    public RetentionSettings {
        Objects.requireNonNull(attempts, "attempts == null");
        Objects.requireNonNull(messages, "messages == null");
        Objects.requireNonNull(payloads, "payloads == null");
        Objects.requireNonNull(interval, "interval == null");
        if (attempts.toDays() < 1 || messages.toDays() < 1 || payloads.toDays() < 1) {
            throw new IllegalArgumentException("retention periods must be at least one day");
        }
        if (payloads.compareTo(messages) > 0) {
            throw new IllegalArgumentException("payload retention cannot exceed message retention");
        }
        if (weeksAhead < 1) {
            throw new IllegalArgumentException("weeksAhead must be at least 1");
        }
    }

    public static RetentionSettings defaults() {
        return new RetentionSettings(
                Duration.ofDays(30), Duration.ofDays(90), Duration.ofDays(90), 4, Duration.ofHours(1));
    }
}
