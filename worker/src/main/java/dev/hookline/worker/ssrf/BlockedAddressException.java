package dev.hookline.worker.ssrf;

import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A delivery was refused by the SSRF guard: the destination host is, or resolved only to, addresses the
 * {@link SsrfPolicy} forbids. Jetty fails the request with this exception somewhere in the cause chain.
 *
 * <p>The worker should record the attempt as {@code ssrf_blocked} and not retry: unlike a network error, waiting will
 * not help, and retrying would hammer the internal resolver on a tenant's behalf. The message is safe to show to
 * the tenant (it names only the host they gave us and the addresses it resolved to).
 */
public final class BlockedAddressException extends IOException {
    private static final long serialVersionUID = 1L;

    private final String host;
    private final transient List<Verdict> verdicts;

    private BlockedAddressException(String message, String host, List<Verdict> verdicts) {
        super(message);
        this.host = Objects.requireNonNull(host, "host == null");
        this.verdicts = List.copyOf(verdicts);
        if (this.verdicts.isEmpty()) {
            throw new IllegalArgumentException("verdicts is empty");
        }
    }

    /** An IP literal, invalid host or loopback name refused without any DNS lookup. */
    static BlockedAddressException forHost(String host, Verdict verdict) {
        Objects.requireNonNull(verdict, "verdict == null");
        return new BlockedAddressException("blocked by SSRF guard: " + verdict.explanation(), host, List.of(verdict));
    }

    /** A name whose every resolved address was refused. */
    static BlockedAddressException forResolvedName(String host, List<Verdict> verdicts) {
        Objects.requireNonNull(verdicts, "verdicts == null");
        String reasons = verdicts.stream().map(Verdict::explanation).collect(Collectors.joining("; "));
        return new BlockedAddressException(
                "blocked by SSRF guard: " + host + " resolved only to blocked addresses: " + reasons, host, verdicts);
    }

    /** The host as Jetty asked for it. */
    public String host() {
        return host;
    }

    /** The blocked verdicts behind the refusal; never empty. */
    public List<Verdict> verdicts() {
        return verdicts;
    }
}
