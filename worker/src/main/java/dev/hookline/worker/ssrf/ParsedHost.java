package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Objects;

/**
 * What {@link HostParser} made of a URL host. A sealed hierarchy rather than an {@code Optional} because "not an IP
 * literal" has three very different meanings for an SSRF guard: a name to resolve, a name that must never be
 * resolved through DNS ({@code localhost}), and garbage that must be refused.
 */
public sealed interface ParsedHost {

    /** An IP literal in any spelling the JDK, curl or a browser would accept; {@code address} is what it means. */
    record Literal(InetAddress address) implements ParsedHost {
        public Literal {
            Objects.requireNonNull(address, "address == null");
        }
    }

    /** {@code localhost} or a {@code *.localhost} name: loopback by definition (RFC 6761 §6.3), never sent to DNS. */
    record LoopbackName(String name) implements ParsedHost {
        private static final List<InetAddress> ADDRESSES = List.of(
                address(new byte[] {127, 0, 0, 1}),
                address(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));

        public LoopbackName {
            Objects.requireNonNull(name, "name == null");
        }

        /** What the name means: {@code 127.0.0.1} then {@code ::1}, in the order a client should try them. */
        public List<InetAddress> addresses() {
            return ADDRESSES;
        }

        private static InetAddress address(byte[] raw) {
            try {
                return InetAddress.getByAddress(raw);
            } catch (UnknownHostException e) {
                throw new AssertionError("4 or 16 bytes are always a valid address", e);
            }
        }
    }

    /** An ordinary DNS name (lower-cased, trailing dot removed); its addresses can only be judged after resolution. */
    record DomainName(String name) implements ParsedHost {
        public DomainName {
            Objects.requireNonNull(name, "name == null");
        }
    }

    /** Something that is neither a valid IP literal nor a valid host name; {@code reason} says why. */
    record Invalid(String host, String reason) implements ParsedHost {
        public Invalid {
            Objects.requireNonNull(host, "host == null");
            Objects.requireNonNull(reason, "reason == null");
        }
    }
}
