package dev.hookline.server;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.hookline.server.config.DatabaseFactory;
import dev.hookline.server.config.DeliveryFactory;
import dev.hookline.server.config.LimitsFactory;
import dev.hookline.server.config.OperationsFactory;
import dev.hookline.server.config.PortalPageFactory;
import dev.hookline.server.config.RedisFactory;
import dev.hookline.server.config.RetentionFactory;
import dev.hookline.server.config.SecurityFactory;
import io.dropwizard.core.Configuration;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

/** {@code config/hookline.yml}: every setting has a default, and the file reads {@code HOOKLINE_*} variables. */
public class HooklineConfiguration extends Configuration {
    @Valid
    @NotNull
    @JsonProperty
    public DatabaseFactory database = new DatabaseFactory();

    @Valid
    @NotNull
    @JsonProperty
    public RedisFactory redis = new RedisFactory();

    @Valid
    @NotNull
    @JsonProperty
    public SecurityFactory security = new SecurityFactory();

    @Valid
    @NotNull
    @JsonProperty
    public DeliveryFactory delivery = new DeliveryFactory();

    @Valid
    @NotNull
    @JsonProperty
    public LimitsFactory limits = new LimitsFactory();

    @Valid
    @NotNull
    @JsonProperty
    public RetentionFactory retention = new RetentionFactory();

    @Valid
    @NotNull
    @JsonProperty
    public OperationsFactory operations = new OperationsFactory();

    /** The tenant portal page under {@code /portal}: who may frame it. */
    @Valid
    @NotNull
    @JsonProperty
    public PortalPageFactory portal = new PortalPageFactory();

    /**
     * Dropwizard's access log, one line per API request. Off by default: at 3,000 sends a second it costs a fifth
     * of the API's CPU, and every message and attempt is in PostgreSQL anyway; errors are logged either way.
     */
    @JsonProperty
    public boolean requestLog = false;

    /** Set by the {@code dev} command: generated keys are acceptable and loopback endpoints are allowed. */
    @JsonProperty
    public boolean devMode = false;

    /** False for the {@code worker} command: delivery only, no API resources. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    public boolean apiEnabled = true;
}
