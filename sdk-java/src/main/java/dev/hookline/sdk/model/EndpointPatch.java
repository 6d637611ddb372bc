package dev.hookline.sdk.model;

import java.util.List;
import java.util.Map;

/**
 * Body of {@code PATCH /v1/tenants/{t}/endpoints/{e}}: {@code null} leaves a field unchanged.
 * Setting {@code disabled} to false re-enables the endpoint and clears its {@code disabledReason}; {@code rateLimit}
 * or {@code maxInFlight} of 0 removes the endpoint's own limit.
 *
 * <pre>{@code
 * EndpointPatch reEnable = new EndpointPatch(null, null, null, null, null, false, null, null, null);
 * client.endpoints().update("acme", "ep_1", reEnable);
 * }</pre>
 */
public record EndpointPatch(
        String url,
        String uid,
        String description,
        List<String> eventTypes,
        List<String> channels,
        Boolean disabled,
        Integer rateLimit,
        Map<String, String> headers,
        Map<String, String> metadata,
        Integer maxInFlight) {

    /** A patch that leaves {@code maxInFlight} as it is. */
    public EndpointPatch(
            String url,
            String uid,
            String description,
            List<String> eventTypes,
            List<String> channels,
            Boolean disabled,
            Integer rateLimit,
            Map<String, String> headers,
            Map<String, String> metadata) {
        this(url, uid, description, eventTypes, channels, disabled, rateLimit, headers, metadata, null);
    }
}
