package dev.hookline.core.ids;

import java.security.SecureRandom;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Prefixed, time-ordered ids such as {@code msg_01JD5X3M8ZK4Q2W7R9T6B1C0HY}: a UUIDv7 (48-bit millisecond time,
 * then randomness) written in Crockford base32. Lexical order is creation order, so {@code ORDER BY id DESC}
 * is newest first and keyset pagination needs a single column.
 */
public final class Ids {
    public static final String TENANT = "tnt";
    public static final String API_KEY = "key";
    public static final String ENDPOINT = "ep";
    public static final String SECRET = "sec";
    public static final String MESSAGE = "msg";
    public static final String DELIVERY = "dlv";
    public static final String ATTEMPT = "atm";
    public static final String PORTAL_SESSION = "pts";

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final int ENCODED_LENGTH = 26;

    private Ids() {}

    /** A new id with the given prefix, e.g. {@code next("msg")}. */
    public static String next(String prefix) {
        return next(prefix, System.currentTimeMillis());
    }

    /** A new id as if made at {@code epochMillis}; the lowest possible id of that time when used with {@link #floor}. */
    public static String next(String prefix, long epochMillis) {
        Objects.requireNonNull(prefix, "prefix == null");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long msb = (epochMillis << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
        long lsb = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return prefix + "_" + encode(msb, lsb);
    }

    /** The smallest id of {@code prefix} made at or after {@code epochMillis}: a bound for time-range queries. */
    public static String floor(String prefix, long epochMillis) {
        return prefix + "_" + encode(epochMillis << 16, 0L);
    }

    /** Whether {@code id} has the shape of an id with this prefix (cheap check before touching the database). */
    public static boolean looksLike(String prefix, String id) {
        if (id == null || id.length() != prefix.length() + 1 + ENCODED_LENGTH || !id.startsWith(prefix + "_")) {
            return false;
        }
        for (int i = prefix.length() + 1; i < id.length(); i++) {
            if (decodeChar(id.charAt(i)) < 0) {
                return false;
            }
        }
        return true;
    }

    /** Random bytes from a cryptographically strong source, for keys and secrets (never ids). */
    public static byte[] secureRandom(int length) {
        byte[] bytes = new byte[length];
        SecureRandomHolder.RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(long msb, long lsb) {
        // 128 bits as 26 base32 characters: the first character carries the top 3 bits.
        char[] out = new char[ENCODED_LENGTH];
        for (int i = ENCODED_LENGTH - 1; i >= 0; i--) {
            out[i] = ALPHABET[(int) (lsb & 31)];
            lsb = (lsb >>> 5) | (msb << 59);
            msb >>>= 5;
        }
        return new String(out);
    }

    private static int decodeChar(char c) {
        for (int i = 0; i < ALPHABET.length; i++) {
            if (ALPHABET[i] == c) {
                return i;
            }
        }
        return -1;
    }

    private static final class SecureRandomHolder {
        static final SecureRandom RANDOM = new SecureRandom();
    }
}
