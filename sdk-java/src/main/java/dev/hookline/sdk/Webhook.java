package dev.hookline.sdk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs and verifies webhooks the Standard Webhooks way.
 *
 * <pre>{@code
 * Webhook webhook = new Webhook("whsec_...");
 * webhook.verify(body, headers);   // throws WebhookVerificationException unless genuine and fresh
 * }</pre>
 *
 * The signed content is {@code "<webhook-id>.<webhook-timestamp>.<body>"}; the {@code webhook-signature} header
 * holds one or more space-separated {@code v1,<base64 HMAC-SHA256>} entries, one per active secret.
 */
public final class Webhook {
    public static final String SECRET_PREFIX = "whsec_";
    public static final String HEADER_ID = "webhook-id";
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_SIGNATURE = "webhook-signature";
    static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

    private final byte[] key;
    private final Duration tolerance;
    private final Clock clock;

    /** @param secret {@code whsec_} followed by base64; a bare base64 secret is accepted too */
    public Webhook(String secret) {
        this(decodeSecret(secret), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** @param key the raw secret bytes */
    public Webhook(byte[] key) {
        this(key, DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    private Webhook(byte[] key, Duration tolerance, Clock clock) {
        Objects.requireNonNull(key, "key == null");
        if (key.length == 0) {
            throw new IllegalArgumentException("secret is empty");
        }
        this.key = key.clone();
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** A verifier that accepts timestamps within {@code tolerance} of now (default five minutes). */
    public Webhook withTolerance(Duration tolerance) {
        return new Webhook(key, tolerance, clock);
    }

    /** A verifier that reads the time from {@code clock}: for tests. */
    public Webhook withClock(Clock clock) {
        return new Webhook(key, tolerance, clock);
    }

    /** Decodes {@code whsec_<base64>} (or bare base64) into the raw key bytes. */
    public static byte[] decodeSecret(String secret) {
        Objects.requireNonNull(secret, "secret == null");
        String b64 = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        try {
            return Base64.getDecoder().decode(b64);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("secret is not valid base64 after the whsec_ prefix");
        }
    }

    /** The signature header value for one message: {@code v1,<base64>}. */
    public String sign(String msgId, long timestampSeconds, String payload) {
        return sign(msgId, timestampSeconds, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature header value for one message whose body is {@code payload}. */
    public String sign(String msgId, long timestampSeconds, byte[] payload) {
        return "v1," + Base64.getEncoder().encodeToString(hmac(msgId, timestampSeconds, payload));
    }

    /** Verifies a request whose body is {@code payload} (UTF-8); header names are case-insensitive. */
    public void verify(String payload, Map<String, List<String>> headers) throws WebhookVerificationException {
        verify(payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Verifies a request whose body is the raw bytes {@code payload}; header names are case-insensitive. */
    public void verify(byte[] payload, Map<String, List<String>> headers) throws WebhookVerificationException {
        Objects.requireNonNull(payload, "payload == null");
        Objects.requireNonNull(headers, "headers == null");
        String msgId = header(headers, HEADER_ID);
        String timestampText = header(headers, HEADER_TIMESTAMP);
        String signatures = header(headers, HEADER_SIGNATURE);

        long timestamp;
        try {
            timestamp = Long.parseLong(timestampText.trim());
        } catch (NumberFormatException e) {
            throw new WebhookVerificationException("invalid webhook-timestamp header: not a number of seconds");
        }
        long now = clock.instant().getEpochSecond();
        if (timestamp < now - tolerance.getSeconds()) {
            throw new WebhookVerificationException("message timestamp too old");
        }
        if (timestamp > now + tolerance.getSeconds()) {
            throw new WebhookVerificationException("message timestamp too new");
        }

        byte[] expected = hmac(msgId, timestamp, payload);
        for (String entry : signatures.trim().split(" +")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue;
            }
            byte[] given;
            try {
                given = Base64.getDecoder().decode(entry.substring(comma + 1));
            } catch (IllegalArgumentException e) {
                continue;
            }
            if (MessageDigest.isEqual(expected, given)) {
                return;
            }
        }
        throw new WebhookVerificationException("no matching signature found");
    }

    private static String header(Map<String, List<String>> headers, String name) throws WebhookVerificationException {
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null && !e.getValue().isEmpty()) {
                return e.getValue().get(0);
            }
        }
        throw new WebhookVerificationException("missing required header " + name);
    }

    private byte[] hmac(String msgId, long timestamp, byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
