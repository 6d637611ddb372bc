package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.util.Objects;

/**
 * Pure classification of IP addresses into {@link AddressCategory}s, plus the category-level policy.
 *
 * <p>No I/O: only {@link InetAddress#getAddress()} is consulted, so this never triggers DNS (callers must not hand it
 * an address created from a host name they have not already resolved).
 *
 * <p>IPv6 forms that embed an IPv4 address are classified by the embedded address, because that is where the packets
 * end up (or could end up, via a translator): IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-translated
 * {@code ::ffff:0:a.b.c.d}, deprecated IPv4-compatible {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::a.b.c.d} and 6to4
 * {@code 2002:aabb:ccdd::/48}. Thus {@code ::ffff:127.0.0.1} is {@link AddressCategory#LOOPBACK}, not "IPv6".
 *
 * <p>Cloud metadata endpoints are checked before any range, so {@code 169.254.169.254} is
 * {@link AddressCategory#METADATA}, not {@link AddressCategory#LINK_LOCAL}, and {@code 100.100.100.200} is METADATA,
 * not CGNAT. IPv6 outside global unicast {@code 2000::/3} that matches nothing more specific is
 * {@link AddressCategory#RESERVED} (it is unallocated and has no business being a webhook target).
 */
public final class AddressClassifier {

    private AddressClassifier() {}

    /**
     * IPv4 metadata endpoints: AWS/GCP/Azure/OpenStack/DigitalOcean IMDS, AWS ECS task credentials, AWS EKS Pod
     * Identity agent, Alibaba Cloud, Oracle Cloud (legacy), Azure WireServer (a public address that only answers VMs
     * but serves them configuration).
     */
    private static final int[] METADATA_V4 = {
        v4(169, 254, 169, 254),
        v4(169, 254, 170, 2),
        v4(169, 254, 170, 23),
        v4(100, 100, 100, 200),
        v4(192, 0, 0, 192),
        v4(168, 63, 129, 16),
    };

    /** AWS IMDS over IPv6 ({@code fd00:ec2::254}) and the EKS Pod Identity agent ({@code fd00:ec2::23}). */
    private static final byte[][] METADATA_V6 = {
        v6Bytes(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254), v6Bytes(0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0023),
    };

    /**
     * Classifies {@code address}.
     *
     * @param address an already-resolved address (IPv4 or IPv6; scope ids are ignored)
     * @return its category, never null
     */
    public static AddressCategory classify(InetAddress address) {
        Objects.requireNonNull(address, "address == null");
        byte[] b = address.getAddress();
        return b.length == 4 ? classifyV4(toInt(b, 0)) : classifyV6(b);
    }

    /**
     * The category-level policy, before any allow-list is consulted.
     *
     * <ul>
     *   <li>{@link AddressCategory#PUBLIC} is always allowed.</li>
     *   <li>{@link AddressCategory#METADATA} is never allowed here, not even when private networks are allowed:
     *       "deliver to my intranet" is a reasonable self-hosting wish, "hand my cloud credentials to whoever can
     *       register a webhook" never is. Only an exact allow-list entry unlocks it (see {@link SsrfPolicy}).</li>
     *   <li>{@link AddressCategory#MULTICAST}, {@link AddressCategory#BROADCAST} and
     *       {@link AddressCategory#UNSPECIFIED} are never allowed either: none is a legitimate unicast HTTP
     *       destination, and 0.0.0.0 is a well-known obfuscated spelling of "this host".</li>
     *   <li>Everything else (loopback, private, CGNAT, link-local, unique-local, reserved) is allowed exactly when
     *       {@code allowPrivateNetworks} is true.</li>
     * </ul>
     */
    public static boolean isAllowed(AddressCategory category, boolean allowPrivateNetworks) {
        Objects.requireNonNull(category, "category == null");
        switch (category) {
            case PUBLIC:
                return true;
            case METADATA:
            case MULTICAST:
            case BROADCAST:
            case UNSPECIFIED:
                return false;
            default:
                return allowPrivateNetworks;
        }
    }

    static AddressCategory classifyV4(int ip) {
        for (int m : METADATA_V4) {
            if (ip == m) {
                return AddressCategory.METADATA;
            }
        }
        if (ip == 0xFFFFFFFF) {
            return AddressCategory.BROADCAST;
        }
        if (in(ip, 0, 0, 0, 0, 8)) {
            return AddressCategory.UNSPECIFIED;
        }
        if (in(ip, 127, 0, 0, 0, 8)) {
            return AddressCategory.LOOPBACK;
        }
        if (in(ip, 10, 0, 0, 0, 8)
                || in(ip, 172, 16, 0, 0, 12)
                || in(ip, 192, 168, 0, 0, 16)
                || in(ip, 100, 64, 0, 0, 10)) {
            return AddressCategory.PRIVATE;
        }
        if (in(ip, 169, 254, 0, 0, 16)) {
            return AddressCategory.LINK_LOCAL;
        }
        if (in(ip, 224, 0, 0, 0, 4)) {
            return AddressCategory.MULTICAST;
        }
        if (in(ip, 240, 0, 0, 0, 4) // former class E
                || in(ip, 192, 0, 0, 0, 24) // IETF protocol assignments
                || in(ip, 192, 0, 2, 0, 24) // TEST-NET-1
                || in(ip, 192, 88, 99, 0, 24) // deprecated 6to4 relay anycast
                || in(ip, 198, 18, 0, 0, 15) // benchmarking
                || in(ip, 198, 51, 100, 0, 24) // TEST-NET-2
                || in(ip, 203, 0, 113, 0, 24)) { // TEST-NET-3
            return AddressCategory.RESERVED;
        }
        return AddressCategory.PUBLIC;
    }

    private static AddressCategory classifyV6(byte[] b) {
        if (isZero(b, 0, 16)) {
            return AddressCategory.UNSPECIFIED;
        }
        if (isZero(b, 0, 15) && b[15] == 1) {
            return AddressCategory.LOOPBACK;
        }
        for (byte[] m : METADATA_V6) {
            if (java.util.Arrays.equals(b, m)) {
                return AddressCategory.METADATA;
            }
        }
        // ::ffff:a.b.c.d (mapped), ::ffff:0:a.b.c.d (translated), ::a.b.c.d (compatible)
        if (isZero(b, 0, 10) && u8(b[10]) == 0xff && u8(b[11]) == 0xff
                || isZero(b, 0, 8) && u8(b[8]) == 0xff && u8(b[9]) == 0xff && isZero(b, 10, 2)
                || isZero(b, 0, 12)) {
            return classifyV4(toInt(b, 12));
        }
        int w0 = u16(b, 0);
        int w1 = u16(b, 2);
        // 64:ff9b::/96 well-known NAT64 prefix
        if (w0 == 0x0064 && w1 == 0xff9b && isZero(b, 4, 8)) {
            return classifyV4(toInt(b, 12));
        }
        // 2002::/16 6to4: the IPv4 address of the tunnel endpoint follows the prefix
        if (w0 == 0x2002) {
            return classifyV4(toInt(b, 2));
        }
        if ((w0 & 0xfe00) == 0xfc00) {
            return AddressCategory.UNIQUE_LOCAL;
        }
        if ((w0 & 0xffc0) == 0xfe80) {
            return AddressCategory.LINK_LOCAL;
        }
        if ((w0 & 0xff00) == 0xff00) {
            return AddressCategory.MULTICAST;
        }
        if ((w0 & 0xffc0) == 0xfec0 // deprecated site-local
                || w0 == 0x2001 && w1 == 0x0db8 // documentation
                || w0 == 0x0064 && w1 == 0xff9b // 64:ff9b:1::/48 local-use NAT64 and rest
                || w0 == 0x0100 && isZero(b, 2, 6) // 100::/64 discard-only
                || (w0 & 0xe000) != 0x2000) { // outside global unicast 2000::/3
            return AddressCategory.RESERVED;
        }
        return AddressCategory.PUBLIC;
    }

    private static boolean in(int ip, int a, int b, int c, int d, int prefix) {
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        return (ip & mask) == (v4(a, b, c, d) & mask);
    }

    private static int v4(int a, int b, int c, int d) {
        return a << 24 | b << 16 | c << 8 | d;
    }

    private static byte[] v6Bytes(int... words) {
        byte[] out = new byte[16];
        for (int i = 0; i < 8; i++) {
            out[2 * i] = (byte) (words[i] >>> 8);
            out[2 * i + 1] = (byte) words[i];
        }
        return out;
    }

    private static int toInt(byte[] b, int off) {
        return u8(b[off]) << 24 | u8(b[off + 1]) << 16 | u8(b[off + 2]) << 8 | u8(b[off + 3]);
    }

    private static int u8(byte b) {
        return b & 0xff;
    }

    private static int u16(byte[] b, int off) {
        return u8(b[off]) << 8 | u8(b[off + 1]);
    }

    private static boolean isZero(byte[] b, int off, int len) {
        for (int i = off; i < off + len; i++) {
            if (b[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
