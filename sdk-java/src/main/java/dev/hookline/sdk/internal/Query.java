package dev.hookline.sdk.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/** Builds a query-parameter map for Feign's {@code @QueryMap}, leaving out absent values. Internal. */
public final class Query {
    private final Map<String, Object> params = new LinkedHashMap<>();

    public static Query of() {
        return new Query();
    }

    /** Adds {@code name=value} unless {@code value} is null; Instants become ISO-8601 strings. */
    public Query put(String name, Object value) {
        if (value != null) {
            params.put(name, value.toString());
        }
        return this;
    }

    public Map<String, Object> toMap() {
        return params;
    }
}
