package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.Scheduler;

/**
 * The SSRF guard for Jetty's {@code HttpClient}: install with {@code httpClient.setSocketAddressResolver(guard)}
 * before the client is started.
 *
 * <p><b>Why a resolver and not a URL check.</b> Jetty's {@code HttpClient.newConnection} calls the configured
 * {@link SocketAddressResolver} for every new TCP connection, literal IPs included (verified against Jetty 12.1.5),
 * and then connects to exactly the {@link InetSocketAddress}es the resolver returned, in order, with no lookup of its
 * own. This resolver resolves once, checks every resulting address against the {@link SsrfPolicy}, and hands Jetty
 * only the allowed ones. The address that was checked is therefore the address that is connected to, which makes the
 * guard immune to DNS rebinding (a name that resolves to a public address for the check and to {@code 127.0.0.1} for
 * the connect) and to TTL-0 tricks: there is no second lookup to race. Redirects are covered too, since every new
 * destination opens new connections through this resolver.
 *
 * <p><b>Host handling.</b>
 * <ul>
 *   <li>IP literals in any spelling {@link HostParser} recognises ({@code 127.1}, {@code 0x7f000001},
 *       {@code 0177.0.0.1}, {@code [::ffff:127.0.0.1]}, ...) are checked without calling the delegate, using the same
 *       interpretation as {@link SsrfPolicy#checkUrlHost} (the JDK would read {@code 0177.0.0.1} as
 *       {@code 177.0.0.1}, or send {@code 0x7f000001} to DNS).</li>
 *   <li>{@code localhost} and {@code *.localhost} mean {@code 127.0.0.1}/{@code ::1} and never reach DNS.</li>
 *   <li>Invalid hosts (zone ids, {@code 256.0.0.1}, percent-encoding) are refused.</li>
 *   <li>Other names go to the delegate; a name with some allowed and some blocked addresses is connected only via
 *       the allowed ones.</li>
 * </ul>
 * A refusal fails the promise with {@link BlockedAddressException}, which Jetty reports as the request failure.
 *
 * <p><b>Limits.</b> With an HTTP/SOCKS proxy configured on the client, Jetty resolves the <em>proxy</em> here and
 * the proxy resolves the target, so this guard no longer protects; the worker must not configure one. Transports that
 * do not need name resolution (Unix-domain sockets) bypass resolvers entirely.
 */
public final class GuardedSocketAddressResolver implements SocketAddressResolver {

    private final SsrfPolicy policy;
    private final SocketAddressResolver delegate;

    /**
     * @param policy   what may be reached
     * @param delegate performs the actual DNS lookup for names (never called for literals or localhost names)
     */
    public GuardedSocketAddressResolver(SsrfPolicy policy, SocketAddressResolver delegate) {
        this.policy = Objects.requireNonNull(policy, "policy == null");
        this.delegate = Objects.requireNonNull(delegate, "delegate == null");
    }

    /**
     * The production wiring: DNS on {@code executor} (it blocks), bounded by {@code timeoutMillis} via
     * {@code scheduler} — the same resolver Jetty would create by default.
     */
    public static GuardedSocketAddressResolver async(
            SsrfPolicy policy, Executor executor, Scheduler scheduler, long timeoutMillis) {
        Objects.requireNonNull(executor, "executor == null");
        Objects.requireNonNull(scheduler, "scheduler == null");
        return new GuardedSocketAddressResolver(
                policy, new SocketAddressResolver.Async(executor, scheduler, timeoutMillis));
    }

    public SsrfPolicy policy() {
        return policy;
    }

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Objects.requireNonNull(promise, "promise == null");
        try {
            ParsedHost parsed = HostParser.parse(Objects.requireNonNull(host, "host == null"));
            if (parsed instanceof ParsedHost.Literal) {
                InetAddress address = ((ParsedHost.Literal) parsed).address();
                Verdict verdict = policy.check(address);
                if (verdict.allowed()) {
                    promise.succeeded(List.of(new InetSocketAddress(address, port)));
                } else {
                    promise.failed(BlockedAddressException.forHost(host, verdict));
                }
            } else if (parsed instanceof ParsedHost.LoopbackName) {
                ParsedHost.LoopbackName name = (ParsedHost.LoopbackName) parsed;
                List<InetSocketAddress> allowed = new ArrayList<>();
                for (InetAddress address : name.addresses()) {
                    if (policy.check(address).allowed()) {
                        allowed.add(new InetSocketAddress(address, port));
                    }
                }
                if (allowed.isEmpty()) {
                    promise.failed(BlockedAddressException.forHost(host, policy.checkLoopbackName(name)));
                } else {
                    promise.succeeded(allowed);
                }
            } else if (parsed instanceof ParsedHost.Invalid) {
                promise.failed(BlockedAddressException.forHost(
                        host, Verdict.block("invalid host '" + host + "': " + ((ParsedHost.Invalid) parsed).reason())));
            } else {
                delegate.resolve(
                        host,
                        port,
                        context,
                        Promise.from(resolved -> filter(host, resolved, promise), promise::failed));
            }
        } catch (RuntimeException e) {
            promise.failed(e);
        }
    }

    private void filter(String host, List<InetSocketAddress> resolved, Promise<List<InetSocketAddress>> promise) {
        try {
            List<InetSocketAddress> allowed = new ArrayList<>(resolved.size());
            List<Verdict> blocked = new ArrayList<>();
            for (InetSocketAddress socketAddress : resolved) {
                InetAddress address = socketAddress.getAddress();
                if (address == null) { // unresolved: Jetty would look it up again, which we must not allow
                    blocked.add(Verdict.block(socketAddress.getHostString() + " is unresolved"));
                    continue;
                }
                Verdict verdict = policy.check(address);
                if (verdict.allowed()) {
                    allowed.add(socketAddress);
                } else {
                    blocked.add(verdict);
                }
            }
            if (!allowed.isEmpty()) {
                promise.succeeded(allowed);
            } else if (!blocked.isEmpty()) {
                promise.failed(BlockedAddressException.forResolvedName(host, blocked));
            } else {
                promise.failed(new UnknownHostException(host));
            }
        } catch (RuntimeException e) {
            promise.failed(e);
        }
    }
}
