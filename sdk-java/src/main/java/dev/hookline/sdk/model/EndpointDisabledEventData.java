package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * The {@code data} of {@code endpoint.disabled}. {@code trigger}: {@code manual} (an API call set {@code disabled})
 * or {@code automatic} (the worker: a {@code 410 Gone}, or failures without a success for {@code disableAfter});
 * {@code failSince}: the start of the endpoint's run of failures, null when it had none.
 */
public record EndpointDisabledEventData(
        String tenantId,
        String tenantUid,
        String endpointId,
        String endpointUid,
        String trigger,
        String reason,
        Instant failSince) {
    public static final String MANUAL = "manual";
    public static final String AUTOMATIC = "automatic";
}
