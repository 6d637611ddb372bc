package dev.hookline.core.attempts;

import dev.hookline.core.db.Json;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The request headers of an attempt as the log keeps them. Signatures are replaced by {@code v1,<redacted>} (one
 * per signature, so the log still shows how many secrets signed), and credentials a tenant put in its custom
 * headers by {@code <redacted>}: the log is readable by anyone with the tenant's key, and a signature or a
 * bearer token in it could be replayed.
 */
public final class SentHeaders {
    public static final String REDACTED = "<redacted>";
    private static final String SIGNATURE = "webhook-signature";
    private static final Set<String> CREDENTIALS =
            Set.of("authorization", "proxy-authorization", "cookie", "x-api-key", "api-key", "x-auth-token");

    private SentHeaders() {}

    public static Map<String, String> redact(Map<String, String> sent) {
        Map<String, String> kept = new LinkedHashMap<>();
        sent.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals(SIGNATURE)) {
                kept.put(name, redactSignatures(value));
            } else if (CREDENTIALS.contains(lower)) {
                kept.put(name, REDACTED);
            } else {
                kept.put(name, value);
            }
        });
        return kept;
    }

    /** {@link #redact} as the JSON object stored in {@code attempts.request_headers}. */
    public static String json(Map<String, String> sent) {
        return Json.write(redact(sent));
    }

    /** Each space-separated {@code version,signature} becomes {@code version,<redacted>}; no regex, it runs per attempt. */
    private static String redactSignatures(String header) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        int n = header.length();
        while (i < n) {
            while (i < n && Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < n && !Character.isWhitespace(header.charAt(i))) {
                i++;
            }
            if (start == i) {
                break;
            }
            int comma = header.indexOf(',', start);
            if (out.length() > 0) {
                out.append(' ');
            }
            out.append(comma > start && comma < i ? header.substring(start, comma) : "v1")
                    .append(',')
                    .append(REDACTED);
        }
        return out.length() == 0 ? "v1," + REDACTED : out.toString();
    }
}
