package dev.hookline.server.validation;

import dev.hookline.server.errors.ApiException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A {@code [since, until)} window from query parameters or a body; either bound may be absent (null). Bad input is
 * a 400 naming the field, never a 500.
 */
public record TimeWindow(Instant since, Instant until) {

    public static TimeWindow parse(String since, String until) {
        return of(instant("since", since), instant("until", until));
    }

    public static TimeWindow of(Instant since, Instant until) {
        if (since != null && until != null && !since.isBefore(until)) {
            throw ApiException.invalid("until", "must be after since");
        }
        return new TimeWindow(since, until);
    }

    /** An ISO-8601 instant such as {@code 2025-05-01T12:00:00Z}, or null when absent. */
    public static Instant instant(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.invalid(field, "must be an ISO-8601 instant such as 2025-05-01T12:00:00Z");
        }
    }
}
