package dev.hookline.sdk;

import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.EdECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Signs and verifies webhooks the <a href="https://www.standardwebhooks.com">Standard Webhooks</a> way, so it also
 * accepts what Svix sends.
 *
 * <pre>{@code
 * Webhook webhook = new Webhook(System.getenv("HOOKLINE_WEBHOOK_SECRET"));   // whsec_… or whpk_…
 * webhook.verify(rawBody, headers);   // throws WebhookVerificationException unless genuine and fresh
 * }</pre>
 *
 * The signed content is {@code "<webhook-id>.<webhook-timestamp>.<body>"}; the {@code webhook-signature} header
 * holds one or more space-separated signatures, one per active key: {@code v1,<base64 HMAC-SHA256>} for a
 * {@code whsec_} secret and {@code v1a,<base64 Ed25519>} for a {@code whsk_}/{@code whpk_} key pair. Verification
 * succeeds when any one of them matches, which is what lets a sender rotate secrets without downtime.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class Webhook {
    /** Prefix of a symmetric (HMAC) secret. */
    public static final String SECRET_PREFIX = SigningKey.SECRET_PREFIX;
    /** Prefix of an Ed25519 secret (signing) key. */
    public static final String ED25519_SECRET_PREFIX = SigningKey.ED25519_SECRET_PREFIX;
    /** Prefix of an Ed25519 public (verify-only) key. */
    public static final String ED25519_PUBLIC_PREFIX = SigningKey.ED25519_PUBLIC_PREFIX;

    public static final String HEADER_ID = "webhook-id";
    public static final String HEADER_TIMESTAMP = "webhook-timestamp";
    public static final String HEADER_SIGNATURE = "webhook-signature";
    static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SigningKey key;
    private final Duration tolerance;
    private final Clock clock;

    /**
     * @param secret {@code whsec_<base64>} (HMAC), {@code whsk_<base64>} (Ed25519, signs and verifies),
     *               {@code whpk_<base64>} (Ed25519, verifies only) or bare base64 (HMAC)
     * @throws IllegalArgumentException if the secret cannot be decoded (the message never contains it)
     */
    public Webhook(String secret) {
        this(SigningKey.parse(Objects.requireNonNull(secret, "secret == null")), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    /** @param key the raw HMAC secret bytes */
    public Webhook(byte[] key) {
        this(new SigningKey.Hmac(Objects.requireNonNull(key, "key == null")), DEFAULT_TOLERANCE, Clock.systemUTC());
    }

    private Webhook(SigningKey key, Duration tolerance, Clock clock) {
        this.key = key;
        this.tolerance = Objects.requireNonNull(tolerance, "tolerance == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
        if (tolerance.isNegative()) {
            throw new IllegalArgumentException("tolerance < 0: " + tolerance);
        }
    }

    /** A verifier that accepts timestamps within {@code tolerance} of now, in either direction (default five minutes). */
    public Webhook withTolerance(Duration tolerance) {
        return new Webhook(key, tolerance, clock);
    }

    /** A verifier that reads the time from {@code clock}: for tests. */
    public Webhook withClock(Clock clock) {
        return new Webhook(key, tolerance, clock);
    }

    /** A new random symmetric secret: {@code whsec_} and the base64 of 24 bytes from a {@link SecureRandom}. */
    public static String generateSecret() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return SECRET_PREFIX + Base64.getEncoder().encodeToString(bytes);
    }

    /** A new random Ed25519 key pair: give {@code secretKey} to the sender and {@code publicKey} to receivers. */
    public static Ed25519KeyPair generateEd25519KeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
            EdECPrivateKey privateKey =
                    (EdECPrivateKey) generator.generateKeyPair().getPrivate();
            byte[] seed =
                    privateKey.getBytes().orElseThrow(() -> new IllegalStateException("Ed25519 key without bytes"));
            return Ed25519KeyPair.fromSecretKey(
                    ED25519_SECRET_PREFIX + Base64.getEncoder().encodeToString(seed));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 unavailable", e);
        }
    }

    /** Decodes {@code whsec_<base64>} (or bare base64) into the raw key bytes. */
    public static byte[] decodeSecret(String secret) {
        Objects.requireNonNull(secret, "secret == null");
        return SigningKey.decode(secret, secret.startsWith(SECRET_PREFIX) ? SECRET_PREFIX : "");
    }

    /**
     * The signature header entry for one message: {@code v1,<base64>} for an HMAC secret, {@code v1a,<base64>}
     * for an Ed25519 secret key.
     *
     * @throws IllegalStateException if this webhook only holds a {@code whpk_} public key
     */
    public String sign(String msgId, long timestampSeconds, String payload) {
        return sign(msgId, timestampSeconds, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** The signature header entry for one message whose body is {@code payload}. */
    public String sign(String msgId, long timestampSeconds, byte[] payload) {
        Objects.requireNonNull(msgId, "msgId == null");
        Objects.requireNonNull(payload, "payload == null");
        return key.version() + ","
                + Base64.getEncoder().encodeToString(key.sign(signedContent(msgId, timestampSeconds, payload)));
    }

    /** Verifies a request whose body is {@code payload} (UTF-8); header names are case-insensitive. */
    public void verify(String payload, Map<String, List<String>> headers) throws WebhookVerificationException {
        Objects.requireNonNull(payload, "payload == null");
        verify(payload.getBytes(StandardCharsets.UTF_8), headers);
    }

    /** Verifies a request received with {@link java.net.http} or anything else that exposes {@link HttpHeaders}. */
    public void verify(String payload, HttpHeaders headers) throws WebhookVerificationException {
        Objects.requireNonNull(headers, "headers == null");
        verify(payload, headers.map());
    }

    /**
     * Verifies a request whose body is the raw bytes {@code payload}; header names are case-insensitive, and the
     * {@code svix-*} names are accepted when the {@code webhook-*} ones are absent.
     *
     * @throws WebhookVerificationException naming what is wrong: a missing header, a bad or stale timestamp, or
     *                                      no matching signature
     */
    public void verify(byte[] payload, Map<String, List<String>> headers) throws WebhookVerificationException {
        Objects.requireNonNull(payload, "payload == null");
        Objects.requireNonNull(headers, "headers == null");
        String msgId = firstHeader(headers, HEADER_ID);
        String timestampText = firstHeader(headers, HEADER_TIMESTAMP);
        List<String> signatures = allHeaders(headers, HEADER_SIGNATURE);

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

        byte[] content = signedContent(msgId, timestamp, payload);
        for (String value : signatures) {
            for (String entry : value.trim().split(" +")) {
                int comma = entry.indexOf(',');
                // Entries of other schemes (v1 for an Ed25519 key, v1a for an HMAC secret, future v2…) are skipped.
                if (comma < 0 || !entry.substring(0, comma).equals(key.version())) {
                    continue;
                }
                byte[] given;
                try {
                    given = Base64.getDecoder().decode(entry.substring(comma + 1));
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (key.verify(content, given)) {
                    return;
                }
            }
        }
        throw new WebhookVerificationException("no matching signature found");
    }

    private static byte[] signedContent(String msgId, long timestamp, byte[] payload) {
        byte[] prefix = (msgId + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] content = new byte[prefix.length + payload.length];
        System.arraycopy(prefix, 0, content, 0, prefix.length);
        System.arraycopy(payload, 0, content, prefix.length, payload.length);
        return content;
    }

    private static String firstHeader(Map<String, List<String>> headers, String name)
            throws WebhookVerificationException {
        return allHeaders(headers, name).get(0);
    }

    /** Every value of {@code name}, or of its Svix alias; a proxy may split one header into several lines. */
    private static List<String> allHeaders(Map<String, List<String>> headers, String name)
            throws WebhookVerificationException {
        List<String> values = valuesOf(headers, name);
        if (values.isEmpty()) {
            values = valuesOf(headers, "svix-" + name.substring("webhook-".length()));
        }
        if (values.isEmpty()) {
            throw new WebhookVerificationException("missing required header " + name);
        }
        return values;
    }

    private static List<String> valuesOf(Map<String, List<String>> headers, String name) {
        List<String> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && e.getValue() != null) {
                for (String v : e.getValue()) {
                    if (v != null && !v.isBlank()) {
                        values.add(v);
                    }
                }
            }
        }
        return values;
    }

    @Override
    public String toString() {
        return "Webhook[" + key.version() + ", tolerance=" + tolerance + "]";
    }

    /**
     * An Ed25519 key pair in Standard Webhooks form.
     *
     * <pre>{@code
     * Webhook.Ed25519KeyPair pair = Webhook.generateEd25519KeyPair();
     * String header = new Webhook(pair.secretKey()).sign(msgId, timestamp, body);   // sender
     * new Webhook(pair.publicKey()).verify(body, headers);                           // receiver
     * }</pre>
     *
     * @param secretKey {@code whsk_} and the base64 of the 32-byte seed; keep it on the sending side only
     * @param publicKey {@code whpk_} and the base64 of the 32-byte public key; safe to share
     */
    public record Ed25519KeyPair(String secretKey, String publicKey) {
        public Ed25519KeyPair {
            Objects.requireNonNull(secretKey, "secretKey == null");
            Objects.requireNonNull(publicKey, "publicKey == null");
        }

        /** The pair of a {@code whsk_} key (32-byte seed, or seed followed by the public key): derives the public half. */
        public static Ed25519KeyPair fromSecretKey(String secretKey) {
            Objects.requireNonNull(secretKey, "secretKey == null");
            if (!secretKey.startsWith(ED25519_SECRET_PREFIX)) {
                throw new IllegalArgumentException("an Ed25519 secret key starts with " + ED25519_SECRET_PREFIX);
            }
            SigningKey.Ed25519Private key =
                    SigningKey.Ed25519Private.of(SigningKey.decode(secretKey, ED25519_SECRET_PREFIX));
            return new Ed25519KeyPair(
                    ED25519_SECRET_PREFIX + Base64.getEncoder().encodeToString(key.seed()),
                    ED25519_PUBLIC_PREFIX
                            + Base64.getEncoder().encodeToString(key.publicKey().raw()));
        }

        @Override
        public String toString() {
            return "Ed25519KeyPair[secretKey=<redacted>, publicKey=" + publicKey + "]";
        }
    }
}
