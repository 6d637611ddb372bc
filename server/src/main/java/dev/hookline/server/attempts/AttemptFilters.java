package dev.hookline.server.attempts;

import dev.hookline.core.attempts.AttemptQuery;
import dev.hookline.server.Paging;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.TimeWindow;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The spellings the attempt filters accept, turned into what {@code AttemptQuery} expects. */
final class AttemptFilters {
    private static final Map<String, Integer> CLASSES = Map.ofEntries(
            Map.entry("0", 0), Map.entry("none", 0),
            Map.entry("100", 100), Map.entry("1xx", 100),
            Map.entry("200", 200), Map.entry("2xx", 200),
            Map.entry("300", 300), Map.entry("3xx", 300),
            Map.entry("400", 400), Map.entry("4xx", 400),
            Map.entry("500", 500), Map.entry("5xx", 500));

    private AttemptFilters() {}

    /**
     * The page of the log that an attempt list's query parameters ask for, the same for a tenant's list and an
     * operational endpoint's. Each parameter is checked, the first bad one answered with a 400 naming it, in this
     * order: since/until, status, statusCodeClass, iterator, limit. {@code scope} null: every endpoint.
     */
    static AttemptQuery query(
            String tenantId,
            String endpointId,
            String messageId,
            String status,
            String statusCodeClass,
            String eventType,
            String since,
            String until,
            Integer limit,
            String iterator,
            List<String> scope) {
        TimeWindow window = TimeWindow.parse(since, until);
        return new AttemptQuery(
                tenantId,
                endpointId,
                messageId,
                status(status),
                statusCodeClass(statusCodeClass),
                eventType,
                window.since(),
                window.until(),
                Paging.before(iterator),
                Paging.limit(limit),
                scope);
    }

    static String status(String status) {
        if (status != null && !status.equals("succeeded") && !status.equals("failed")) {
            throw ApiException.invalid("status", "must be succeeded or failed");
        }
        return status;
    }

    /** {@code 200}/{@code 2xx} … {@code 500}/{@code 5xx}, and {@code 0}/{@code none} for no HTTP answer. */
    static Integer statusCodeClass(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        Integer codeClass = CLASSES.get(text.toLowerCase(Locale.ROOT));
        if (codeClass == null) {
            throw ApiException.invalid(
                    "statusCodeClass",
                    "must be 200, 300, 400, 500 (or 2xx … 5xx), or 0/none for " + "attempts without an HTTP answer");
        }
        return codeClass;
    }
}
