package dev.hookline.server.validation;

import dev.hookline.server.errors.ApiException;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Objects;

/**
 * A ceiling on request bodies, enforced before anything reads them into memory: a declared
 * {@code Content-Length} above it is refused unread, and a body without one (chunked) is read only up to the
 * ceiling. Either way the answer is a 413 in the error body. Resources with larger bodies (messages) get their own
 * ceiling and may check finer limits themselves.
 */
public final class BodySizeLimit implements DynamicFeature {
    private final long defaultLimit;
    private final Map<Class<?>, Long> limitByResource;

    public BodySizeLimit(long defaultLimit, Map<Class<?>, Long> limitByResource) {
        this.defaultLimit = defaultLimit;
        this.limitByResource = Map.copyOf(Objects.requireNonNull(limitByResource, "limitByResource == null"));
    }

    @Override
    public void configure(ResourceInfo resource, FeatureContext context) {
        context.register(new Filter(limitByResource.getOrDefault(resource.getResourceClass(), defaultLimit)));
    }

    /** After authentication, so an anonymous caller cannot make the server read anything at all. */
    @Priority(Priorities.AUTHORIZATION + 1)
    static final class Filter implements ContainerRequestFilter {
        private final long limit;

        Filter(long limit) {
            this.limit = limit;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            if (request.getLength() > limit) {
                throw tooLarge();
            }
            if (request.getLength() < 0 && request.hasEntity()) {
                InputStream in = request.getEntityStream();
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (body.length > limit) {
                    throw tooLarge();
                }
                request.setEntityStream(new ByteArrayInputStream(body));
            }
        }

        private ApiException tooLarge() {
            return ApiException.tooLarge("body", "must be at most " + limit + " bytes");
        }
    }
}
