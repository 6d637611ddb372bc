package dev.hookline.sdk.model;

import java.time.Instant;

/**
 * Answer to creating an API key: the only time the full {@code key} is shown.
 *
 * <pre>{@code
 * ApiKeyCreated created = client.apiKeys().create("acme", new ApiKeyIn("ci"));
 * secrets.put("HOOKLINE_API_KEY", created.key());   // toString() redacts it
 * }</pre>
 */
public record ApiKeyCreated(String id, String name, String prefix, String key, Instant createdAt) {
    @Override
    public String toString() {
        return "ApiKeyCreated[id=" + id + ", name=" + name + ", prefix=" + prefix + ", key=<redacted>]";
    }
}
