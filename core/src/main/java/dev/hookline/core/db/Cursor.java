package dev.hookline.core.db;

import java.util.List;
import java.util.function.Function;

/**
 * Keyset pagination over time-ordered ids: a page asks for {@code limit + 1} rows below the iterator and the
 * extra row, if any, says there is more.
 */
public final class Cursor {
    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 250;
    /** Sorts after every id, so "below the iterator" from the first page means "everything". */
    public static final String START = "~";

    private Cursor() {}

    public static <T> dev.hookline.sdk.model.Page<T> page(List<T> rowsPlusOne, int limit, Function<T, String> id) {
        boolean more = rowsPlusOne.size() > limit;
        List<T> data = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        String iterator = data.isEmpty() ? null : id.apply(data.get(data.size() - 1));
        return new dev.hookline.sdk.model.Page<>(data, more ? iterator : null, !more);
    }
}
