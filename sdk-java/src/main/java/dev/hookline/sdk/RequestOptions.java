package dev.hookline.sdk;

/**
 * Per-call options of a POST. Today only the {@code Idempotency-Key}: set your own to make a send safe to repeat
 * across process restarts (for example the id of the row that triggered it); without one the client generates a
 * random key per call, reused on each of its retries.
 *
 * <pre>{@code
 * client.messages().send("tnt_1", message, RequestOptions.idempotencyKey("order-1234-paid"));
 * }</pre>
 *
 * @param idempotencyKey sent as the {@code Idempotency-Key} header; null for a generated one
 */
public record RequestOptions(String idempotencyKey) {
    private static final RequestOptions NONE = new RequestOptions(null);

    public RequestOptions {
        if (idempotencyKey != null
                && (idempotencyKey.isBlank()
                        || idempotencyKey.length() > 255
                        || idempotencyKey.chars().anyMatch(c -> c < 0x20 || c > 0x7e))) {
            throw new IllegalArgumentException("idempotencyKey must be 1 to 255 printable ASCII characters");
        }
    }

    /** No options: a generated idempotency key. */
    public static RequestOptions none() {
        return NONE;
    }

    /** Options with the caller's own idempotency key. */
    public static RequestOptions idempotencyKey(String key) {
        return new RequestOptions(java.util.Objects.requireNonNull(key, "key == null"));
    }
}
