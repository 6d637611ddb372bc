package dev.hookline.sdk.model;

/** The {@code data} of {@code endpoint.created}, {@code endpoint.updated}, {@code endpoint.deleted} and {@code endpoint.enabled}. */
public record EndpointEventData(String tenantId, String tenantUid, String endpointId, String endpointUid) {}
