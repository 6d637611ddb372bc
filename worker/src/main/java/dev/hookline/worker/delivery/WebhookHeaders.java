package dev.hookline.worker.delivery;

import dev.hookline.core.attempts.SentHeaders;
import dev.hookline.core.delivery.DeliveryJob;
import dev.hookline.sdk.Webhook;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headers of one webhook request (Standard Webhooks): the endpoint's custom headers, then {@code webhook-id}
 * (the message id), {@code webhook-timestamp} and {@code webhook-signature}, which win over custom headers of the
 * same name. {@link AttemptMaker} builds them for scheduled deliveries and manual resends alike.
 */
public final class WebhookHeaders {
    private WebhookHeaders() {}

    /** @throws RuntimeException when the endpoint has no secret that can sign */
    public static Map<String, String> build(DeliveryJob job, Signer signer, long timestampSeconds) {
        Map<String, String> headers = new LinkedHashMap<>(job.headers());
        headers.put(Webhook.HEADER_ID, job.messageId());
        headers.put(Webhook.HEADER_TIMESTAMP, Long.toString(timestampSeconds));
        headers.put(
                Webhook.HEADER_SIGNATURE,
                signer.signatureHeader(job.secrets(), job.messageId(), timestampSeconds, job.payload()));
        return headers;
    }

    /**
     * What the attempt log keeps of a request: every header that went out, including the two the HTTP client
     * adds itself, with signatures and credentials redacted ({@link SentHeaders}).
     */
    public static String forLog(Map<String, String> headers, String userAgent) {
        Map<String, String> sent = new LinkedHashMap<>();
        sent.put("content-type", "application/json");
        sent.put("user-agent", userAgent);
        sent.putAll(headers);
        return SentHeaders.json(sent);
    }
}
