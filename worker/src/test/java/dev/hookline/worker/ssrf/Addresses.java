package dev.hookline.worker.ssrf;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Test helper: builds addresses from literal text by hand, so tests neither touch DNS nor depend on the production
 * parsers they are checking. IPv6 results are always {@link Inet6Address}, even for {@code ::ffff:a.b.c.d}
 * (which {@link InetAddress#getByAddress(byte[])} would silently turn into an {@code Inet4Address}).
 */
final class Addresses {

    private Addresses() {}

    static InetAddress ip(String text) {
        try {
            if (text.indexOf(':') < 0) {
                return InetAddress.getByAddress(v4Bytes(text));
            }
            return Inet6Address.getByAddress(null, v6Bytes(text), null);
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] v4Bytes(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            throw new IllegalArgumentException(text);
        }
        byte[] out = new byte[4];
        for (int i = 0; i < 4; i++) {
            int v = Integer.parseInt(parts[i]);
            if (v < 0 || v > 255) {
                throw new IllegalArgumentException(text);
            }
            out[i] = (byte) v;
        }
        return out;
    }

    private static byte[] v6Bytes(String text) {
        String s = text;
        byte[] tail = new byte[0];
        int lastColon = s.lastIndexOf(':');
        if (s.indexOf('.', lastColon) >= 0) { // embedded dotted quad
            tail = v4Bytes(s.substring(lastColon + 1));
            s = s.substring(0, lastColon + 1) + "0:0";
        }
        String[] halves = s.split("::", -1);
        String[] head = words(halves[0]);
        String[] rest = halves.length == 2 ? words(halves[1]) : new String[0];
        int fill = 8 - head.length - rest.length;
        if (halves.length > 2 || halves.length == 1 && fill != 0 || fill < 0) {
            throw new IllegalArgumentException(text);
        }
        byte[] out = new byte[16];
        int w = 0;
        for (String h : head) {
            put(out, w++, h);
        }
        w += fill;
        for (String h : rest) {
            put(out, w++, h);
        }
        System.arraycopy(tail, 0, out, 16 - tail.length, tail.length);
        return out;
    }

    private static String[] words(String s) {
        return s.isEmpty() ? new String[0] : s.split(":", -1);
    }

    private static void put(byte[] out, int word, String hex) {
        int v = Integer.parseInt(hex, 16);
        out[2 * word] = (byte) (v >>> 8);
        out[2 * word + 1] = (byte) v;
    }
}
