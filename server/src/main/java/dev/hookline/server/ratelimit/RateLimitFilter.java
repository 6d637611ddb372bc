package dev.hookline.server.ratelimit;

import dev.hookline.server.auth.ApiKeyAuthenticator;
import dev.hookline.server.auth.Caller;
import dev.hookline.server.errors.ErrorResponses;
import io.dropwizard.auth.oauth.OAuthCredentialAuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.List;
import java.util.Objects;

/**
 * The per-key rate limit ({@link RateLimiter}) for requests Jersey serves: over it, a {@code 429 rate_limited} in the
 * error body with {@code Retry-After} (whole seconds, at least 1). Runs right after authentication, so only valid keys
 * get a bucket and an anonymous flood cannot fill the table; before anything reads the body.
 */
@Priority(Priorities.AUTHENTICATION + 1)
public final class RateLimitFilter implements ContainerRequestFilter {
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = Objects.requireNonNull(limiter, "limiter == null");
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (!(request.getSecurityContext().getUserPrincipal() instanceof Caller caller)) {
            return; // public resources (the OpenAPI document); unauthenticated calls ended with a 401 already
        }
        long waitNanos = limiter.tryTake(caller, apiKey(request));
        if (waitNanos > 0) {
            long seconds = Math.max(1, (waitNanos + 999_999_999L) / 1_000_000_000L);
            request.abortWith(ErrorResponses.builder(
                            429,
                            "rate_limited",
                            "too many requests for this API key: at most " + limiter.perSecond(caller)
                                    + " per second, retry after " + seconds + " s",
                            List.of())
                    .header("Retry-After", Long.toString(seconds))
                    .build());
        }
    }

    /**
     * The key the caller authenticated with, found where Dropwizard's filter found it: the Bearer header, else the
     * {@code access_token} query parameter. Each key gets its own bucket whichever way it came.
     */
    private static String apiKey(ContainerRequestContext request) {
        String key = ApiKeyAuthenticator.bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (key == null) {
            key = request.getUriInfo()
                    .getQueryParameters()
                    .getFirst(OAuthCredentialAuthFilter.OAUTH_ACCESS_TOKEN_PARAM);
        }
        return Objects.requireNonNullElse(key, "");
    }
}
