package dev.hookline.server;

import dev.hookline.sdk.model.Page;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.UriBuilder;
import java.util.Objects;

/**
 * Seals and opens iterators at the edge, for every list at once: a {@link Page} leaving the server has its
 * iterator (the last id) sealed by {@link IteratorSeal} for the request's path, and an {@code iterator} query
 * parameter arriving is opened back into that id before any resource sees it. Resources and services therefore
 * page on plain ids ({@link Paging#before}) and cannot forget the check.
 */
@PreMatching
@Priority(Priorities.AUTHENTICATION - 100)
public final class SealedIterators implements ContainerRequestFilter, ContainerResponseFilter {
    static final String PARAM = "iterator";
    private final IteratorSeal seal;

    public SealedIterators(IteratorSeal seal) {
        this.seal = Objects.requireNonNull(seal, "seal == null");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String iterator = request.getUriInfo().getQueryParameters().getFirst(PARAM);
        if (iterator == null || iterator.isEmpty()) {
            return;
        }
        String id = seal.open(scope(request), iterator);
        request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                .replaceQueryParam(PARAM, id)
                .build());
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (response.getEntity() instanceof Page<?> page && page.iterator() != null) {
            response.setEntity(new Page<>(page.data(), seal.seal(scope(request), page.iterator()), page.done()));
        }
    }

    /** The list an iterator belongs to: the request path without a trailing slash. */
    private static String scope(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
