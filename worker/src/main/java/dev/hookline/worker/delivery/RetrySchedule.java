package dev.hookline.worker.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When each attempt of a delivery is due, counted from the previous one: entry {@code i} is the delay before
 * attempt {@code i + 1}, so the first entry (normally {@code 0s}) is the first attempt and the schedule's length
 * is the number of attempts. Parsed from text such as {@code 0s,5s,5m,30m,2h,5h,10h,10h}.
 */
public record RetrySchedule(List<Duration> delays, double jitter) {
    public static final String DEFAULT = "0s,5s,5m,30m,2h,5h,10h,10h";

    public RetrySchedule {
        delays = List.copyOf(delays);
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("retry schedule needs at least one entry");
        }
        if (jitter < 0 || jitter >= 1) {
            throw new IllegalArgumentException("jitter must be in [0, 1)");
        }
    }

    public static RetrySchedule parse(String text) {
        return parse(text, 0.2);
    }

    /** @throws IllegalArgumentException naming the entry that is not a duration such as 500ms, 5s, 5m, 2h, 1d */
    public static RetrySchedule parse(String text, double jitter) {
        Objects.requireNonNull(text, "text == null");
        List<Duration> delays = new ArrayList<>();
        for (String part : text.split(",")) {
            delays.add(parseDuration(part.trim()));
        }
        return new RetrySchedule(delays, jitter);
    }

    static Duration parseDuration(String s) {
        try {
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            if (n < 0) {
                throw new NumberFormatException();
            }
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException(
                    "retry schedule entry '" + s + "' is not a duration like 500ms, 5s, 5m, 2h or 1d");
        }
    }

    public int maxAttempts() {
        return delays.size();
    }

    /**
     * The delay before attempt {@code nextAttemptNumber} (2 for the first retry), with ±jitter, or null when the
     * schedule has no such attempt.
     */
    public Duration delayBefore(int nextAttemptNumber) {
        if (nextAttemptNumber < 1 || nextAttemptNumber > delays.size()) {
            return null;
        }
        Duration base = delays.get(nextAttemptNumber - 1);
        if (jitter == 0 || base.isZero()) {
            return base;
        }
        double factor = 1 + ThreadLocalRandom.current().nextDouble(-jitter, jitter);
        return Duration.ofMillis(Math.round(base.toMillis() * factor));
    }

    /** The unjittered delay before attempt {@code nextAttemptNumber}, for bounding {@code Retry-After}. */
    public Duration nominalDelayBefore(int nextAttemptNumber) {
        return delays.get(nextAttemptNumber - 1);
    }
}
