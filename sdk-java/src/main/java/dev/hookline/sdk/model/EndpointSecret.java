package dev.hookline.sdk.model;

/** The signing secret of an endpoint ({@code whsec_…}). */
public record EndpointSecret(String key) {
    @Override
    public String toString() {
        return "EndpointSecret[key=<redacted>]";
    }
}
