package dev.hookline.server.endpoints;

import dev.hookline.server.validation.Checks;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/** The rules an endpoint's fields obey, shared by create and update so the two can never disagree. */
final class EndpointRules {
    static final int MAX_URL = 2048;
    static final int MAX_DESCRIPTION = 1024;
    static final int MAX_HEADERS = 20;
    static final int MAX_EVENT_TYPES = 50;
    static final int MAX_CHANNELS = 10;
    static final int MAX_RATE_LIMIT = 100_000;
    /** The most requests in flight an endpoint may ask for; the database holds the same bound (V12). */
    static final int MAX_IN_FLIGHT = 1000;

    static final Pattern EVENT_TYPE = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    private static final Pattern CHANNEL = Pattern.compile("[a-zA-Z0-9_.:\\-]{1,128}");
    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9a-zA-Z\\-]{1,256}");
    /** Headers Hookline sets itself, or that belong to the connection rather than the message. */
    private static final Set<String> RESERVED_HEADERS = Set.of(
            "host",
            "content-length",
            "content-type",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "upgrade",
            "user-agent",
            "expect");

    private final boolean allowInsecureUrls;
    private final Function<String, String> hostCheck;

    /** @param hostCheck answers why a URL host is refused (literal private address, say), or null when allowed */
    EndpointRules(boolean allowInsecureUrls, Function<String, String> hostCheck) {
        this.allowInsecureUrls = allowInsecureUrls;
        this.hostCheck = hostCheck;
    }

    void url(Checks checks, String url) {
        if (url == null) {
            checks.fail("url", "is required");
            return;
        }
        if (url.length() > MAX_URL) {
            checks.fail("url", "must be at most " + MAX_URL + " characters");
            return;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            checks.fail("url", "is not a valid URL");
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isEmpty()) {
            checks.fail("url", "must be an absolute http(s) URL with a host");
        } else if (!scheme.equals("https") && !(scheme.equals("http") && allowInsecureUrls)) {
            checks.fail(
                    "url", allowInsecureUrls ? "must use http or https" : "must use https (plain http is disabled)");
        } else if (uri.getRawUserInfo() != null) {
            checks.fail("url", "must not contain credentials");
        } else if (uri.getRawFragment() != null) {
            checks.fail("url", "must not contain a fragment");
        } else {
            String refused = hostCheck.apply(uri.getHost());
            if (refused != null) {
                checks.fail("url", refused);
            }
        }
    }

    void description(Checks checks, String description) {
        if (description != null && description.length() > MAX_DESCRIPTION) {
            checks.fail("description", "must be at most " + MAX_DESCRIPTION + " characters");
        } else {
            checks.noNul("description", description);
        }
    }

    void eventTypes(Checks checks, List<String> eventTypes) {
        if (eventTypes == null) {
            return;
        }
        if (eventTypes.size() > MAX_EVENT_TYPES) {
            checks.fail("eventTypes", "must have at most " + MAX_EVENT_TYPES + " entries");
            return;
        }
        for (int i = 0; i < eventTypes.size(); i++) {
            String t = eventTypes.get(i);
            if (t == null || !EVENT_TYPE.matcher(t).matches()) {
                checks.fail("eventTypes." + i, "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
            }
        }
    }

    void channels(Checks checks, List<String> channels) {
        if (channels == null) {
            return;
        }
        if (channels.size() > MAX_CHANNELS) {
            checks.fail("channels", "must have at most " + MAX_CHANNELS + " entries");
            return;
        }
        for (int i = 0; i < channels.size(); i++) {
            String c = channels.get(i);
            if (c == null || !CHANNEL.matcher(c).matches()) {
                checks.fail("channels." + i, "must be 1 to 128 characters of letters, digits, '_', '.', ':' or '-'");
            }
        }
    }

    void rateLimit(Checks checks, Integer rateLimit) {
        ownLimit(checks, "rateLimit", rateLimit, MAX_RATE_LIMIT, " messages per second (0 removes the limit)");
    }

    void maxInFlight(Checks checks, Integer maxInFlight) {
        ownLimit(
                checks,
                "maxInFlight",
                maxInFlight,
                MAX_IN_FLIGHT,
                " requests at once (0 removes the endpoint's own limit)");
    }

    /** An endpoint's own limit: absent, 0 (none) or 1 to {@code max}. */
    private static void ownLimit(Checks checks, String field, Integer value, int max, String unit) {
        if (value != null && (value < 0 || value > max)) {
            checks.fail(field, "must be between 1 and " + max + unit);
        }
    }

    /** An endpoint's own limit as stored: 0 (none) and absent are both null. */
    static Integer storedLimit(Integer value) {
        return value == null || value == 0 ? null : value;
    }

    /** Whether a patch removes an endpoint's own limit (sets it to 0). */
    static boolean removesLimit(Integer value) {
        return value != null && value == 0;
    }

    void headers(Checks checks, Map<String, String> headers) {
        if (headers == null) {
            return;
        }
        if (headers.size() > MAX_HEADERS) {
            checks.fail("headers", "must have at most " + MAX_HEADERS + " entries");
            return;
        }
        Set<String> seen = new HashSet<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            String field = "headers." + name;
            if (!HEADER_NAME.matcher(name).matches()) {
                checks.fail(field, "is not a valid header name");
            } else if (lower.startsWith("webhook-") || RESERVED_HEADERS.contains(lower)) {
                checks.fail(field, "is set by Hookline and cannot be overridden");
            } else if (!seen.add(lower)) {
                checks.fail(field, "is given twice (header names are case-insensitive)");
            } else if (value == null) {
                checks.fail(field, "must not be null");
            } else if (value.length() > 4096) {
                checks.fail(field, "must be at most 4096 characters");
            } else if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || Checks.hasControlCharacters(value)) {
                checks.fail(field, "must not contain CR, LF or other control characters");
            }
        });
    }
}
