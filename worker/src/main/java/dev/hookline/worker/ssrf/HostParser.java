package dev.hookline.worker.ssrf;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Parses the host part of a URL the way the most permissive client would, without ever touching DNS.
 *
 * <p>SSRF filters are classically bypassed through parser differentials: the filter sees a "name" such as
 * {@code 0x7f000001} or {@code 2130706433} and lets it through, while the HTTP stack (or inet_aton, or a browser)
 * reads it as {@code 127.0.0.1}. So IPv4 follows the WHATWG URL Standard / inet_aton rules, the superset of what
 * browsers, curl and the JDK accept:
 * <ul>
 *   <li>one to four dot-separated parts ({@code 127.1} = {@code 127.0.0.1}, {@code 2130706433} = {@code 127.0.0.1});
 *       all parts but the last are bytes, the last fills the remaining bytes;</li>
 *   <li>each part is decimal, hexadecimal with {@code 0x}/{@code 0X}, or octal with a leading {@code 0}
 *       ({@code 0177.0.0.1} = {@code 127.0.0.1}; note the JDK's {@code InetAddress.getByName} reads it as decimal
 *       {@code 177.0.0.1} — another reason the guard never lets the JDK parse literals);</li>
 *   <li>a single trailing dot is ignored ({@code 127.0.0.1.}).</li>
 * </ul>
 * As in the WHATWG standard, a host whose last label looks numeric but which is not a valid IPv4 address
 * ({@code 256.0.0.1}, {@code 1.2.3.4.5}) is {@link ParsedHost.Invalid}, not a name to look up.
 *
 * <p>IPv6 must be bracketed in URLs ({@code [::1]}) but is accepted bare too (Jetty and configuration files use both).
 * Zone ids ({@code [fe80::1%25eth0]}) are rejected: they select an interface, which a tenant has no business doing.
 * Percent-encoded and non-ASCII hosts are rejected as well: callers must decode and IDNA-convert first, otherwise the
 * string we check is not the one that gets resolved.
 */
public final class HostParser {

    private HostParser() {}

    /**
     * Classifies {@code host} as an IP literal, a loopback name, a DNS name or invalid. Never performs DNS.
     *
     * @param host a URL host as returned by {@link java.net.URI#getHost()}, brackets included for IPv6
     */
    public static ParsedHost parse(String host) {
        Objects.requireNonNull(host, "host == null");
        if (host.isEmpty()) {
            return new ParsedHost.Invalid(host, "empty host");
        }
        if (host.startsWith("[") || host.endsWith("]")) {
            if (host.length() < 2 || !host.startsWith("[") || !host.endsWith("]")) {
                return new ParsedHost.Invalid(host, "unbalanced brackets");
            }
            return ipv6(host, host.substring(1, host.length() - 1));
        }
        if (host.indexOf(':') >= 0) {
            return ipv6(host, host);
        }
        if (host.indexOf('%') >= 0) {
            return new ParsedHost.Invalid(host, "percent-encoded hosts are not allowed");
        }
        String name = host.toLowerCase(Locale.ROOT);
        if (name.endsWith(".")) {
            name = name.substring(0, name.length() - 1);
        }
        if (name.isEmpty()) {
            return new ParsedHost.Invalid(host, "empty host");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (label.isEmpty()) {
                return new ParsedHost.Invalid(host, "empty label");
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return new ParsedHost.Invalid(host, "illegal character '" + c + "' in host");
                }
            }
        }
        if (looksNumeric(labels[labels.length - 1])) {
            byte[] v4 = ipv4(labels);
            if (v4 == null) {
                return new ParsedHost.Invalid(host, "not a valid IPv4 address");
            }
            return new ParsedHost.Literal(byAddress(v4));
        }
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return new ParsedHost.LoopbackName(name);
        }
        return new ParsedHost.DomainName(name);
    }

    /**
     * The address {@code host} denotes if it is an IP literal in any accepted spelling, otherwise empty (names,
     * {@code localhost}, invalid hosts). Never performs DNS.
     */
    public static Optional<InetAddress> literalAddress(String host) {
        ParsedHost parsed = parse(host);
        return parsed instanceof ParsedHost.Literal
                ? Optional.of(((ParsedHost.Literal) parsed).address())
                : Optional.empty();
    }

    /**
     * Strict parser for configuration (see {@link Cidr}): canonical dotted-quad IPv4 without leading zeros, or an
     * IPv6 literal without brackets or zone id. Never performs DNS.
     *
     * @throws IllegalArgumentException with a message naming the problem
     */
    static InetAddress parseStrictLiteral(String text) {
        if (text.indexOf(':') >= 0) {
            ParsedHost parsed = ipv6(text, text);
            if (parsed instanceof ParsedHost.Invalid) {
                throw new IllegalArgumentException(
                        "invalid IPv6 address '" + text + "': " + ((ParsedHost.Invalid) parsed).reason());
            }
            return ((ParsedHost.Literal) parsed).address();
        }
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(
                    "invalid IPv4 address '" + text + "': expected four dot-separated decimal numbers");
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw new IllegalArgumentException(
                        "invalid IPv4 address '" + text + "': '" + p + "' is not a decimal number");
            }
            if (p.length() > 1 && p.charAt(0) == '0') {
                throw new IllegalArgumentException("invalid IPv4 address '" + text + "': '" + p
                        + "' has a leading zero, which some parsers read as octal");
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                throw new IllegalArgumentException("invalid IPv4 address '" + text + "': " + v + " > 255");
            }
            out[i] = (byte) v;
        }
        return byAddress(out);
    }

    private static ParsedHost ipv6(String host, String inner) {
        if (inner.indexOf('%') >= 0) {
            return new ParsedHost.Invalid(host, "IPv6 zone ids are not allowed");
        }
        if (inner.isEmpty() || inner.indexOf(':') < 0) {
            return new ParsedHost.Invalid(host, "not an IPv6 address");
        }
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            if (!isAsciiHexDigit(c) && c != ':' && c != '.') {
                return new ParsedHost.Invalid(host, "illegal character '" + c + "' in IPv6 address");
            }
        }
        if (inner.charAt(0) == '.') {
            return new ParsedHost.Invalid(host, "not a valid IPv6 address");
        }
        // Safe: the string contains ':', starts with a hex digit or ':' and holds only [0-9a-fA-F:.], so
        // InetAddress treats it as an IPv6 literal and throws rather than falling back to a DNS lookup.
        try {
            return new ParsedHost.Literal(InetAddress.getByName(inner));
        } catch (UnknownHostException e) {
            return new ParsedHost.Invalid(host, "not a valid IPv6 address");
        }
    }

    /** WHATWG "ends in a number": the last label is all decimal digits, or 0x followed by hex digits. */
    private static boolean looksNumeric(String label) {
        if (label.startsWith("0x")) {
            return label.chars().skip(2).allMatch(c -> isAsciiHexDigit((char) c));
        }
        return label.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** WHATWG IPv4 parser over lower-cased, non-empty labels; null when not a valid IPv4 address. */
    private static byte[] ipv4(String[] parts) {
        if (parts.length > 4) {
            return null;
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            values[i] = ipv4Number(parts[i]);
            if (values[i] < 0) {
                return null;
            }
        }
        for (int i = 0; i < parts.length - 1; i++) {
            if (values[i] > 255) {
                return null;
            }
        }
        long last = values[parts.length - 1];
        if (last >= 1L << (8 * (5 - parts.length))) {
            return null;
        }
        long ip = last;
        for (int i = 0; i < parts.length - 1; i++) {
            ip += values[i] << (8 * (3 - i));
        }
        return new byte[] {(byte) (ip >>> 24), (byte) (ip >>> 16), (byte) (ip >>> 8), (byte) ip};
    }

    /** One IPv4 part: hex (0x), octal (leading 0) or decimal; -1 if malformed or above 2^32 - 1. */
    private static long ipv4Number(String part) {
        int radix = 10;
        String digits = part;
        if (part.startsWith("0x")) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = Character.digit(digits.charAt(i), radix);
            if (d < 0) {
                return -1;
            }
            value = value * radix + d;
            if (value > 0xFFFFFFFFL) {
                return -1;
            }
        }
        return value; // "0x" alone is 0, as in the WHATWG standard
    }

    /** ASCII only: {@link Character#digit} would also accept e.g. Arabic-Indic or full-width digits. */
    private static boolean isAsciiHexDigit(char c) {
        return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F';
    }

    private static InetAddress byAddress(byte[] raw) {
        try {
            return InetAddress.getByAddress(raw);
        } catch (UnknownHostException e) {
            throw new AssertionError("4 or 16 bytes are always a valid address", e);
        }
    }
}
