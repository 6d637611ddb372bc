package dev.hookline.server.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;

/**
 * How the tenant portal page ({@code /portal}) may be embedded: the sources allowed to frame it, as the value of the
 * Content-Security-Policy {@code frame-ancestors} directive (HOOKLINE_PORTAL_FRAME_ANCESTORS), for example
 * {@code 'self' https://app.example.com}. No separators, so the value cannot open another directive or header.
 */
public class PortalPageFactory {
    @NotBlank
    @Pattern(regexp = "[^;,\\r\\n\\x00-\\x1f]*", message = "must be CSP sources separated by spaces, without ; or ,")
    @JsonProperty
    public String frameAncestors = "'self'";
}
