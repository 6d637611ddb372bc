package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * How an endpoint has been doing, in an endpoint read with {@code include=health}: its attempts since
 * {@code since} (24 hours back), their success rate (null without attempts), and its latest failed attempt within
 * attempt retention (null if there is none). Whether and why it is disabled is on the endpoint itself.
 *
 * <pre>{@code
 * EndpointHealth h = client.endpoints().get("acme", "main", true).health();
 * if (h.lastFailure() != null) System.out.println("last failed " + h.lastFailure().at() + ": " + h.lastFailure().error());
 * }</pre>
 */
public record EndpointHealth(
        Instant since, long attempts, long succeeded, long failed, Double successRate, Failure lastFailure) {

    /** One failed attempt: when, which, the HTTP status (null without an answer) and {@code HTTP <code>} or why. */
    public record Failure(Instant at, String attemptId, Integer statusCode, String error) {}
}
