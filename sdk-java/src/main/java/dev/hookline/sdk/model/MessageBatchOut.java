package dev.hookline.sdk.model;

import java.util.List;

/**
 * Answer to {@code POST /v1/tenants/{t}/messages/batch}: the stored messages, in the order they were sent.
 *
 * <pre>{@code
 * List<Message> sent = client.messages().sendBatch("tnt_1", batch);
 * }</pre>
 */
public record MessageBatchOut(List<Message> data) {
    public MessageBatchOut {
        data = data == null ? List.of() : List.copyOf(data);
    }
}
