package dev.hookline.sdk.model;

import java.util.List;

/**
 * Answer to {@code POST /v1/tenants/{t}/messages/batch}: the stored messages, in the order they were sent, and the
 * messages that were refused (their payload failed their event type's schema), each by its index in the batch.
 * {@code 202} when all were stored; {@code 207} when some were refused and the others stored.
 *
 * <pre>{@code
 * MessageBatchOut out = client.messages().sendBatchDetailed("tnt_1", batch);
 * out.errors().forEach(e -> System.out.println(e.index() + ": " + e.message()));
 * }</pre>
 */
public record MessageBatchOut(List<Message> data, List<Refused> errors) {
    public MessageBatchOut {
        data = data == null ? List.of() : List.copyOf(data);
        errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public MessageBatchOut(List<Message> data) {
        this(data, List.of());
    }

    /** A message of the batch that was not stored: its index in the batch and the error a single send would get. */
    public record Refused(int index, int code, String error, String message, List<ErrorBody.FieldError> details) {
        public Refused {
            details = details == null ? List.of() : List.copyOf(details);
        }
    }
}
