package dev.hookline.sdk.model;

import java.util.List;

/**
 * Body of {@code POST /v1/tenants/{t}/messages/batch}: several messages accepted in one transaction.
 *
 * <pre>{@code
 * new MessageBatchIn(List.of(MessageIn.of("invoice.paid", a), MessageIn.of("invoice.paid", b)));
 * }</pre>
 */
public record MessageBatchIn(List<MessageIn> messages) {
    public MessageBatchIn {
        messages = messages == null ? List.of() : List.copyOf(messages); // the server reports an empty batch
    }
}
