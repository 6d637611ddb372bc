package dev.hookline.core.delivery;

import dev.hookline.core.endpoints.StoredSecret;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One attempt to make, with everything needed to sign and send it: the message bytes, the endpoint's URL, custom
 * headers and active signing secrets (in signing order; empty when it has none). {@link DeliverySql#claim} returns
 * these for the worker; a manual resend builds one with no {@code deliveryId} and {@code attemptNumber} 0, since
 * those are known only once the attempt is counted. {@code attemptNumber} is the number this attempt will carry (1
 * for the first). {@code traceparent} is the W3C trace context the message was sent in, or null.
 * {@code maxInFlight} is the endpoint's own ceiling on requests in flight, or null for the installation's.
 */
public record DeliveryJob(
        String deliveryId,
        String tenantId,
        String messageId,
        String endpointId,
        int attemptNumber,
        String eventType,
        byte[] payload,
        Instant messageCreatedAt,
        String url,
        Map<String, String> headers,
        List<StoredSecret> secrets,
        Integer rateLimit,
        boolean endpointDisabled,
        String traceparent,
        Integer maxInFlight) {
    public DeliveryJob {
        headers = Map.copyOf(headers);
        secrets = List.copyOf(secrets);
    }

    /** A job whose message came without a trace context, to an endpoint without a ceiling of its own. */
    public DeliveryJob(
            String deliveryId,
            String tenantId,
            String messageId,
            String endpointId,
            int attemptNumber,
            String eventType,
            byte[] payload,
            Instant messageCreatedAt,
            String url,
            Map<String, String> headers,
            List<StoredSecret> secrets,
            Integer rateLimit,
            boolean endpointDisabled) {
        this(
                deliveryId,
                tenantId,
                messageId,
                endpointId,
                attemptNumber,
                eventType,
                payload,
                messageCreatedAt,
                url,
                headers,
                secrets,
                rateLimit,
                endpointDisabled,
                null,
                null);
    }
}
