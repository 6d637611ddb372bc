package dev.hookline.server.validation;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import dev.hookline.server.errors.ApiException;

/**
 * How deep any JSON request body may nest, message payloads included (they count from the body's root, so a
 * payload gets 62 levels of its own). Jackson's default (500) lets one small body cost deep recursion in every
 * reader; no webhook payload needs more than a few levels.
 */
public final class JsonLimits {
    public static final int MAX_DEPTH = 64;

    private JsonLimits() {}

    public static StreamReadConstraints constraints() {
        return StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build();
    }

    /** Applies the limits to a factory the application reads with. */
    public static void apply(JsonFactory factory) {
        factory.setStreamReadConstraints(constraints());
    }

    /** The 400 naming {@code field} (the body, or the field being read) for a body over one of Jackson's limits: depth, or a number or string beyond its size limits. */
    public static ApiException refusal(StreamConstraintsException e, String field) {
        String message = e.getMessage() != null && e.getMessage().contains("nesting depth")
                ? "must not nest deeper than " + MAX_DEPTH + " levels"
                : "holds a JSON value over the size limits";
        return ApiException.invalid(field, message);
    }
}
