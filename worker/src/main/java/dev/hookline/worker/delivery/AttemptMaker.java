package dev.hookline.worker.delivery;

import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.core.security.SecretBox;
import dev.hookline.worker.WorkerSettings;
import dev.hookline.worker.delivery.AttemptResult.ErrorClass;
import dev.hookline.worker.tracing.Tracing;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.client.HttpClient;

/**
 * Makes one attempt of a {@link DeliveryJob}: signs it ({@link WebhookHeaders}), POSTs it ({@link HttpDispatcher})
 * and classifies what came back, or why nothing did, as an {@link AttemptResult}. Scheduled deliveries
 * ({@link DeliverySender}) and manual resends ({@link ManualDelivery}) both make their attempts here, so both send,
 * and log, exactly the same thing.
 */
public final class AttemptMaker {
    /**
     * What a caller does with a finished attempt. {@code context} is whatever the caller passed to
     * {@link #make}, so a handler kept in a field serves every attempt without an object made for each.
     */
    @FunctionalInterface
    public interface Handler<C, T> {
        /**
         * @param requestHeadersJson the request's headers as the attempt log keeps them ({@link WebhookHeaders#forLog});
         *     null when no request was built
         */
        T made(C context, Instant sentAt, String requestHeadersJson, AttemptResult result);
    }

    private final HttpDispatcher dispatcher;
    private final Signer signer;
    private final String userAgent;

    public AttemptMaker(HttpClient client, SecretBox secretBox, WorkerSettings settings) {
        this.dispatcher = new HttpDispatcher(client, settings.requestTimeout(), settings.maxResponseBodyBytes());
        this.signer = new Signer(secretBox);
        this.userAgent = settings.userAgent();
    }

    /**
     * Sends {@code job} now ({@code sentAt}, which also signs it) and answers what {@code handler} makes of the
     * attempt once it is over. The answer completes exceptionally only if {@code handler} throws; when signing fails
     * no request is sent, and the handler runs before this returns.
     */
    public <C, T> CompletableFuture<T> make(DeliveryJob job, Instant sentAt, C context, Handler<C, T> handler) {
        return make(job, sentAt, null, context, handler);
    }

    /** As {@link #make(DeliveryJob, Instant, Object, Handler)}, the request carrying {@code traceparent} unless null. */
    public <C, T> CompletableFuture<T> make(
            DeliveryJob job, Instant sentAt, String traceparent, C context, Handler<C, T> handler) {
        Map<String, String> headers;
        try {
            headers = WebhookHeaders.build(job, signer, sentAt.getEpochSecond());
            if (traceparent != null) {
                headers.put(Tracing.TRACEPARENT, traceparent);
            }
        } catch (RuntimeException e) {
            AttemptResult unsigned = AttemptResult.noAnswer(ErrorClass.SIGNING_FAILED + ": " + e.getMessage());
            return CompletableFuture.completedFuture(handler.made(context, sentAt, null, unsigned));
        }
        return dispatcher
                .post(job.url(), headers, job.payload())
                .handle((result, failure) -> handler.made(
                        context,
                        sentAt,
                        WebhookHeaders.forLog(headers, userAgent),
                        failure == null ? result : AttemptResult.noAnswer(HttpDispatcher.classify(failure))));
    }
}
