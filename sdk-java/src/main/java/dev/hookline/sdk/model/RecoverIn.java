package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * Body of {@code POST /v1/tenants/{t}/endpoints/{e}/recover}: re-queue every failed delivery of the endpoint whose
 * message was created in {@code [since, until)}; {@code until} is optional (now).
 *
 * <pre>{@code
 * RecoverIn in = RecoverIn.since(Instant.now().minus(Duration.ofHours(6)));
 * }</pre>
 */
public record RecoverIn(Instant since, Instant until) {
    // No null checks here: the server binds this record too and reports a missing since as a field error.

    /** Recover everything that failed from {@code since} until now. */
    public static RecoverIn since(Instant since) {
        return new RecoverIn(since, null);
    }
}
