package dev.hookline.sdk.model;

import java.util.List;

/**
 * One page of a list, newest first; pass {@code iterator} back to get the next page until {@code done}.
 *
 * <pre>{@code
 * Page<Tenant> first = client.tenants().list(100, null);
 * Page<Tenant> second = first.done() ? null : client.tenants().list(100, first.iterator());
 * }</pre>
 */
public record Page<T>(List<T> data, String iterator, boolean done) {
    public Page {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
