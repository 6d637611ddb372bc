package dev.hookline.sdk;

import dev.hookline.sdk.model.Page;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every item of a list, fetching the next page only when the previous one is used up and stopping at the page
 * marked {@code done}. Each {@link #iterator()} starts again from the first page.
 *
 * <pre>{@code
 * for (Endpoint e : client.endpoints().listAll("tnt_1")) {
 *     ...
 * }
 * long failing = client.endpoints().listAll("tnt_1").stream().filter(Endpoint::disabled).count();
 * }</pre>
 *
 * A page request that fails throws its {@link HooklineException} from {@code hasNext()}.
 */
public final class AutoPagingIterable<T> implements Iterable<T> {
    private final Function<String, Page<T>> fetch;

    /** @param fetch fetches the page after {@code iterator} (null: the first page) */
    AutoPagingIterable(Function<String, Page<T>> fetch) {
        this.fetch = Objects.requireNonNull(fetch, "fetch == null");
    }

    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private Iterator<T> current;
            private Page<T> page;

            @Override
            public boolean hasNext() {
                while (current == null || !current.hasNext()) {
                    // The page is the last when the server says so, or (defensively) gives no iterator to go on with.
                    if (page != null && (page.done() || page.iterator() == null)) {
                        return false;
                    }
                    page = fetch.apply(page == null ? null : page.iterator());
                    current = page.data().iterator();
                }
                return true;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    /** A sequential, lazy stream over every item. */
    public Stream<T> stream() {
        return StreamSupport.stream(
                Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED | Spliterator.NONNULL), false);
    }
}
