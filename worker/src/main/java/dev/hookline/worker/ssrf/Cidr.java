package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/**
 * An IPv4 or IPv6 network such as {@code 10.0.0.0/8} or {@code fd00::/8}; used for the operator's SSRF allow-list.
 *
 * <p>Parsing is deliberately strict, because an allow-list typo silently widens what tenants can reach: the network
 * address must be canonical dotted-quad IPv4 (no {@code 0x}, no leading zeros, no short forms) or an IPv6 literal
 * (no zone id), and must have no host bits set ({@code 10.0.0.1/8} is refused rather than guessed at). A bare address
 * means a single host ({@code /32} or {@code /128}). An IPv4-mapped IPv6 network such as {@code ::ffff:10.0.0.0/104}
 * is stored as its IPv4 equivalent ({@code 10.0.0.0/8}).
 *
 * <p>{@link #contains} treats IPv4-mapped IPv6 addresses ({@code ::ffff:a.b.c.d}) as the IPv4 address they map, in
 * both directions, because a socket connected to one reaches the other.
 *
 * @param network      the network address, host bits zero
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 */
public record Cidr(InetAddress network, int prefixLength) {

    public Cidr {
        Objects.requireNonNull(network, "network == null");
        int bits = network.getAddress().length * 8;
        if (prefixLength < 0 || prefixLength > bits) {
            throw new IllegalArgumentException(
                    "prefix length " + prefixLength + " out of range 0.." + bits + " for " + IpText.format(network));
        }
        byte[] raw = network.getAddress();
        if (!equalsMasked(raw, mask(raw, prefixLength), raw.length * 8)) {
            throw new IllegalArgumentException("host bits set in " + IpText.format(network) + "/" + prefixLength
                    + "; did you mean " + IpText.format(address(mask(raw, prefixLength))) + "/" + prefixLength + "?");
        }
    }

    /**
     * Parses {@code "10.0.0.0/8"}, {@code "fd00::/8"}, {@code "192.168.1.10"} or {@code "::1"}. Never performs DNS.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    public static Cidr parse(String text) {
        Objects.requireNonNull(text, "text == null");
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty CIDR");
        }
        int slash = s.indexOf('/');
        String addressPart = slash < 0 ? s : s.substring(0, slash);
        InetAddress address;
        try {
            address = HostParser.parseStrictLiteral(addressPart);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': " + e.getMessage(), e);
        }
        boolean writtenAsV6 = addressPart.indexOf(':') >= 0;
        int bits = address.getAddress().length * 8;
        int prefix = writtenAsV6 ? 128 : bits;
        if (slash >= 0) {
            String prefixPart = s.substring(slash + 1);
            if (prefixPart.isEmpty()
                    || prefixPart.length() > 3
                    || !prefixPart.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(
                        "invalid CIDR '" + text + "': prefix length '" + prefixPart + "' is not a number");
            }
            prefix = Integer.parseInt(prefixPart);
        }
        if (writtenAsV6 && bits == 32) { // the JDK turned ::ffff:a.b.c.d into an Inet4Address
            if (prefix < 96 || prefix > 128) {
                throw new IllegalArgumentException(
                        "invalid CIDR '" + text + "': prefix length of an IPv4-mapped network must be 96..128");
            }
            prefix -= 96;
        }
        try {
            return new Cidr(address, prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid CIDR '" + text + "': " + e.getMessage(), e);
        }
    }

    /** Whether {@code address} lies in this network; IPv4-mapped IPv6 is compared as IPv4. */
    public boolean contains(InetAddress address) {
        Objects.requireNonNull(address, "address == null");
        byte[] net = network.getAddress();
        byte[] candidate = address.getAddress();
        if (net.length == 4 && candidate.length == 16) {
            if (!isV4Mapped(candidate)) {
                return false;
            }
            candidate = java.util.Arrays.copyOfRange(candidate, 12, 16);
        } else if (net.length == 16 && candidate.length == 4) {
            byte[] mapped = new byte[16];
            mapped[10] = (byte) 0xff;
            mapped[11] = (byte) 0xff;
            System.arraycopy(candidate, 0, mapped, 12, 4);
            candidate = mapped;
        }
        return equalsMasked(net, candidate, prefixLength);
    }

    /** Whether this network is a single address ({@code /32} or {@code /128}). */
    public boolean isSingleAddress() {
        return prefixLength == network.getAddress().length * 8;
    }

    @Override
    public String toString() {
        return IpText.format(network) + "/" + prefixLength;
    }

    private static boolean isV4Mapped(byte[] b) {
        for (int i = 0; i < 10; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff;
    }

    private static byte[] mask(byte[] raw, int prefix) {
        byte[] out = raw.clone();
        for (int i = 0; i < out.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            out[i] &= (byte) (0xff << (8 - keep));
        }
        return out;
    }

    private static boolean equalsMasked(byte[] a, byte[] b, int prefix) {
        byte[] ma = mask(a, prefix);
        byte[] mb = mask(b, prefix);
        return java.util.Arrays.equals(ma, mb);
    }

    private static InetAddress address(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always a valid address", e);
        }
    }
}
