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
        /** Refused bodies up to this size are read to the end so the client surely gets the 413. */
        static final long DRAIN_LIMIT = 8L * 1024 * 1024;

        private final long limit;

        Filter(long limit) {
            this.limit = limit;
        }

        @Override
        public void filter(ContainerRequestContext request) throws IOException {
            if (request.getLength() > limit) {
                if (request.getLength() <= DRAIN_LIMIT) {
                    drain(request.getEntityStream());
                }
                throw tooLarge();
            }
            if (request.getLength() < 0 && request.hasEntity()) {
                InputStream in = request.getEntityStream();
                byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
                if (body.length > limit) {
                    drain(in);
                    throw tooLarge();
                }
                request.setEntityStream(new ByteArrayInputStream(body));
            }
        }

        /**
         * Reads and discards what is left of a refused body, up to {@link #DRAIN_LIMIT}: closing a connection with
         * unread bytes in it makes TCP reset it, and a reset can destroy the 413 before the client reads it.
         */
        private static void drain(InputStream in) throws IOException {
            byte[] sink = new byte[8192];
            long left = DRAIN_LIMIT;
            int n;
            while (left > 0 && (n = in.read(sink, 0, (int) Math.min(sink.length, left))) > 0) {
                left -= n;
            }
        }

        private ApiException tooLarge() {
            return ApiException.tooLarge("body", "must be at most " + limit + " bytes");
        }
    }
}
