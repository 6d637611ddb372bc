package dev.hookline.server;

import dev.hookline.core.db.Cursor;
import dev.hookline.server.errors.ApiException;

/** Checks the {@code limit} and {@code iterator} query parameters every list shares. */
public final class Paging {
    private Paging() {}

    public static int limit(Integer limit) {
        if (limit == null) {
            return Cursor.DEFAULT_LIMIT;
        }
        if (limit < 1 || limit > Cursor.MAX_LIMIT) {
            throw ApiException.invalid("limit", "must be between 1 and " + Cursor.MAX_LIMIT);
        }
        return limit;
    }

    /** The keyset bound: rows below the iterator (an id), or all rows when there is none. */
    public static String before(String iterator) {
        if (iterator == null || iterator.isEmpty()) {
            return Cursor.START;
        }
        if (iterator.length() > 64 || !iterator.matches("[a-z]{2,4}_[0-9A-Z]{26}")) {
            throw ApiException.invalid("iterator", "is not an iterator this API returned");
        }
        return iterator;
    }
}
