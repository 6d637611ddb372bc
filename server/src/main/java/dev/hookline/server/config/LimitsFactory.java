package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

/** Per-tenant and per-request limits. */
public class LimitsFactory {
    @Min(1)
    @JsonProperty
    public int maxEndpointsPerTenant = 100;

    @Min(1024)
    @Max(64 * 1024 * 1024)
    @JsonProperty
    public int maxPayloadBytes = 1024 * 1024;

    /** The largest body of any request but a message send; bigger ones are refused with 413 before being read. */
    @Min(1024)
    @Max(16 * 1024 * 1024)
    @JsonProperty
    public int maxRequestBytes = 256 * 1024;

    /** Refuse messages whose event type is not in the catalogue (or is archived). */
    @JsonProperty
    public boolean requireKnownEventTypes = false;

    /**
     * Refuse messages whose payload fails their event type's schema, for event types that leave
     * {@code validatePayloads} unset; a type's own setting wins either way.
     */
    @JsonProperty
    public boolean validatePayloads = false;

    /** Steady requests per second of one tenant API key, per API server (429 beyond); 0 turns the limit off. */
    @Min(0)
    @JsonProperty
    public int requestsPerSecondPerKey = 1000;

    /** Requests a tenant key that has been quiet may make at once, above its steady rate. */
    @Min(1)
    @JsonProperty
    public int burstPerKey = 2000;

    /** Requests per second (and burst) of the operator's admin key; 0, the default, leaves it unlimited. */
    @Min(0)
    @JsonProperty
    public int adminRequestsPerSecond = 0;
}
