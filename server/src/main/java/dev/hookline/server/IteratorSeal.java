package dev.hookline.server;

import dev.hookline.server.errors.ApiException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The iterator format: {@code base64url(lastId ‖ mac)}, where {@code mac} is the first 16 bytes of
 * HMAC-SHA256 over the list's path and the id, under a key derived from the server's encryption key. Clients
 * treat it as opaque; the server can tell an iterator it issued for this list from a forged, edited or borrowed
 * one (another list's, another tenant's) and answers those with a 400 naming {@code iterator}, never a 500 or
 * someone else's rows.
 */
public final class IteratorSeal {
    private static final int MAC_BYTES = 16;
    private static final int MAX_ID_BYTES = 64;
    private static final String MESSAGE = "is not an iterator this list returned";
    private final SecretKeySpec key;

    public IteratorSeal(byte[] encryptionKey) {
        // A key of its own, so an iterator's MAC can never double as anything made with the encryption key.
        this.key = new SecretKeySpec(
                hmac(
                        new SecretKeySpec(encryptionKey, "HmacSHA256"),
                        "hookline iterator key v1".getBytes(StandardCharsets.UTF_8)),
                "HmacSHA256");
    }

    public String seal(String scope, String lastId) {
        byte[] id = lastId.getBytes(StandardCharsets.US_ASCII);
        byte[] out = Arrays.copyOf(id, id.length + MAC_BYTES);
        System.arraycopy(mac(scope, id), 0, out, id.length, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    }

    /** The id inside an iterator issued for {@code scope}; a 400 for anything else. */
    public String open(String scope, String iterator) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(iterator);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("iterator", MESSAGE);
        }
        if (raw.length <= MAC_BYTES || raw.length > MAX_ID_BYTES + MAC_BYTES) {
            throw ApiException.invalid("iterator", MESSAGE);
        }
        byte[] id = Arrays.copyOf(raw, raw.length - MAC_BYTES);
        byte[] given = Arrays.copyOfRange(raw, raw.length - MAC_BYTES, raw.length);
        if (!MessageDigest.isEqual(given, Arrays.copyOf(mac(scope, id), MAC_BYTES))) {
            throw ApiException.invalid("iterator", MESSAGE);
        }
        return new String(id, StandardCharsets.US_ASCII);
    }

    private byte[] mac(String scope, byte[] id) {
        byte[] s = scope.getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(s, s.length + 1 + id.length);
        input[s.length] = '\n';
        System.arraycopy(id, 0, input, s.length + 1, id.length);
        return hmac(key, input);
    }

    private static byte[] hmac(SecretKeySpec key, byte[] input) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
