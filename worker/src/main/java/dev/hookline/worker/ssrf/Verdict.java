package dev.hookline.worker.ssrf;

import java.util.Objects;

/**
 * The outcome of an {@link SsrfPolicy} check, with a sentence that can be shown to the tenant or logged.
 *
 * @param allowed     whether the destination may be contacted
 * @param explanation why, e.g. {@code "127.0.0.1 is a loopback address"}
 */
public record Verdict(boolean allowed, String explanation) {

    public Verdict {
        Objects.requireNonNull(explanation, "explanation == null");
    }

    static Verdict allow(String explanation) {
        return new Verdict(true, explanation);
    }

    static Verdict block(String explanation) {
        return new Verdict(false, explanation);
    }

    /** {@code "allowed: ..."} or {@code "blocked: ..."}. */
    public String reason() {
        return (allowed ? "allowed: " : "blocked: ") + explanation;
    }

    @Override
    public String toString() {
        return reason();
    }
}
