package dev.hookline.server.attempts;

import dev.hookline.server.errors.ApiException;
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
