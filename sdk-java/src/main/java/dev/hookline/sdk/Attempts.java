package dev.hookline.sdk;

import static java.util.Objects.requireNonNull;

import dev.hookline.sdk.internal.AttemptsApi;
import dev.hookline.sdk.internal.Query;
import dev.hookline.sdk.internal.Retrier;
import dev.hookline.sdk.model.Attempt;
import dev.hookline.sdk.model.Page;
import java.util.Map;

/**
 * The attempt log ({@code /v1/tenants/{t}/attempts}): every HTTP request Hookline made, with its answer.
 *
 * <pre>{@code
 * client.attempts().listAll("acme", AttemptListParams.builder().endpointId("ep_1").status("failed").build())
 *         .stream().limit(20)
 *         .forEach(a -> System.out.println(a.responseStatusCode() + " " + a.error()));
 * }</pre>
 */
public final class Attempts {
    private final AttemptsApi api;
    private final Retrier retrier;

    Attempts(AttemptsApi api, Retrier retrier) {
        this.api = api;
        this.retrier = retrier;
    }

    public Page<Attempt> list(String tenant, AttemptListParams params) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(params, "params == null");
        return retrier.call(() -> api.list(tenant, query(params, true)));
    }

    /**
     * The query parameters of an attempt list, a tenant's or an operational endpoint's; the latter's path names the
     * endpoint, so it leaves {@code endpointId} out ({@code withEndpointId} false).
     */
    static Map<String, Object> query(AttemptListParams params, boolean withEndpointId) {
        return Query.of()
                .put("endpointId", withEndpointId ? params.endpointId() : null)
                .put("messageId", params.messageId())
                .put("status", params.status())
                .put("statusCodeClass", params.statusCodeClass())
                .put("eventType", params.eventType())
                .put("since", params.since())
                .put("until", params.until())
                .put("limit", params.limit())
                .put("iterator", params.iterator())
                .toMap();
    }

    /** Every attempt matching {@code params} (its iterator ignored), page by page. */
    public AutoPagingIterable<Attempt> listAll(String tenant, AttemptListParams params) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(params, "params == null");
        return new AutoPagingIterable<>(iterator -> list(tenant, params.withIterator(iterator)));
    }

    public Attempt get(String tenant, String attempt) {
        requireNonNull(tenant, "tenant == null");
        requireNonNull(attempt, "attempt == null");
        return retrier.call(() -> api.get(tenant, attempt));
    }
}
