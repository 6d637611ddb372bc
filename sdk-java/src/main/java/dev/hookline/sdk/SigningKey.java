package dev.hookline.sdk;

import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One way of signing "{@code id.timestamp.body}": an HMAC secret ({@code v1}) or an Ed25519 key ({@code v1a}).
 * Package-private: users only ever see the {@code whsec_}/{@code whsk_}/{@code whpk_} strings.
 */
sealed interface SigningKey {
    String SECRET_PREFIX = "whsec_";
    String ED25519_SECRET_PREFIX = "whsk_";
    String ED25519_PUBLIC_PREFIX = "whpk_";

    /** The scheme tag of this key's signatures in the {@code webhook-signature} header. */
    String version();

    /** The raw signature of {@code content}; fails for a verify-only public key. */
    byte[] sign(byte[] content);

    /** Whether {@code signature} is a valid signature of {@code content} by this key. */
    boolean verify(byte[] content, byte[] signature);

    /** Parses {@code whsec_…}, {@code whsk_…}, {@code whpk_…} or bare base64 (an HMAC secret, as Svix accepts). */
    static SigningKey parse(String secret) {
        if (secret.startsWith(ED25519_PUBLIC_PREFIX)) {
            return Ed25519Public.of(decode(secret, ED25519_PUBLIC_PREFIX));
        }
        if (secret.startsWith(ED25519_SECRET_PREFIX)) {
            return Ed25519Private.of(decode(secret, ED25519_SECRET_PREFIX));
        }
        return new Hmac(decode(secret, secret.startsWith(SECRET_PREFIX) ? SECRET_PREFIX : ""));
    }

    /** Decodes the base64 after {@code prefix}; the message never contains the secret itself. */
    static byte[] decode(String secret, String prefix) {
        try {
            byte[] raw = Base64.getDecoder().decode(secret.substring(prefix.length()));
            if (raw.length == 0) {
                throw new IllegalArgumentException("secret is empty");
            }
            return raw;
        } catch (IllegalArgumentException e) {
            if ("secret is empty".equals(e.getMessage())) {
                throw e;
            }
            String what = prefix.isEmpty()
                    ? "secret is not valid base64"
                    : "secret is not valid base64 after the " + prefix + " prefix";
            throw new IllegalArgumentException(what);
        }
    }

    /**
     * Symmetric: HMAC-SHA256, compared in constant time. {@code Mac.getInstance} and {@code init} (a provider lookup
     * and two hashed key blocks) cost more than the HMAC of a small payload, so the key is set up once and each
     * signature works on a clone; the set-up instance is never updated, so clones may be taken from any thread.
     */
    final class Hmac implements SigningKey {
        private final Mac initialised;

        Hmac(byte[] key) {
            if (key.length == 0) {
                throw new IllegalArgumentException("secret is empty");
            }
            try {
                initialised = Mac.getInstance("HmacSHA256");
                initialised.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (NoSuchAlgorithmException | InvalidKeyException e) {
                throw new IllegalStateException("HmacSHA256 unavailable", e);
            }
        }

        @Override
        public String version() {
            return "v1";
        }

        @Override
        public byte[] sign(byte[] content) {
            try {
                return ((Mac) initialised.clone()).doFinal(content);
            } catch (CloneNotSupportedException e) {
                throw new IllegalStateException("HmacSHA256 cannot be cloned", e);
            }
        }

        @Override
        public boolean verify(byte[] content, byte[] signature) {
            return MessageDigest.isEqual(sign(content), signature);
        }

        @Override
        public String toString() {
            return "Hmac[<redacted>]"; // a secret must never reach a log
        }
    }

    /** Asymmetric, verify only: a receiver holds just the {@code whpk_} public key. */
    record Ed25519Public(PublicKey key, byte[] raw) implements SigningKey {
        // An X.509 SubjectPublicKeyInfo for Ed25519 is this fixed header followed by the 32 raw key bytes.
        private static final byte[] X509_PREFIX = hex("302a300506032b6570032100");

        static Ed25519Public of(byte[] raw) {
            if (raw.length != 32) {
                throw new IllegalArgumentException("an Ed25519 public key is 32 bytes, got " + raw.length);
            }
            try {
                byte[] der = Arrays.copyOf(X509_PREFIX, X509_PREFIX.length + 32);
                System.arraycopy(raw, 0, der, X509_PREFIX.length, 32);
                return new Ed25519Public(
                        KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)), raw.clone());
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not a valid Ed25519 public key");
            }
        }

        static byte[] rawOf(PublicKey key) {
            byte[] der = key.getEncoded();
            return Arrays.copyOfRange(der, der.length - 32, der.length);
        }

        @Override
        public String version() {
            return "v1a";
        }

        @Override
        public byte[] sign(byte[] content) {
            throw new IllegalStateException("a whpk_ public key can only verify; sign with the whsk_ secret key");
        }

        @Override
        public boolean verify(byte[] content, byte[] signature) {
            if (signature.length != 64) {
                return false;
            }
            try {
                Signature verifier = Signature.getInstance("Ed25519");
                verifier.initVerify(key);
                verifier.update(content);
                return verifier.verify(signature);
            } catch (SignatureException e) {
                return false; // a malformed signature is just not a matching one
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 unavailable", e);
            }
        }
    }

    /** Asymmetric, sign and verify: the sender's {@code whsk_} key (32-byte seed, or seed followed by public key). */
    record Ed25519Private(PrivateKey key, byte[] seed, Ed25519Public publicKey) implements SigningKey {
        static Ed25519Private of(byte[] raw) {
            if (raw.length != 32 && raw.length != 64) {
                throw new IllegalArgumentException(
                        "an Ed25519 secret key is 32 bytes (seed) or 64 bytes (seed and public key), got "
                                + raw.length);
            }
            byte[] seed = Arrays.copyOf(raw, 32);
            Ed25519Public derived = Ed25519Public.of(derivePublic(seed));
            if (raw.length == 64 && !MessageDigest.isEqual(derived.raw(), Arrays.copyOfRange(raw, 32, 64))) {
                throw new IllegalArgumentException("the public half of the whsk_ key does not belong to its seed");
            }
            try {
                PrivateKey key = KeyFactory.getInstance("Ed25519")
                        .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed));
                return new Ed25519Private(key, seed, derived);
            } catch (GeneralSecurityException e) {
                throw new IllegalArgumentException("not a valid Ed25519 secret key");
            }
        }

        /**
         * The JDK has no public API to compute an Ed25519 public key from a seed, but its key-pair generator
         * draws exactly the 32 seed bytes from the SecureRandom it is given. Feeding it the seed yields the
         * matching public key; the RFC 8032 test vector in the tests guards this.
         */
        private static byte[] derivePublic(byte[] seed) {
            try {
                KeyPairGenerator generator = KeyPairGenerator.getInstance("Ed25519");
                generator.initialize(NamedParameterSpec.ED25519, new FixedBytes(seed));
                KeyPair pair = generator.generateKeyPair();
                return Ed25519Public.rawOf(pair.getPublic());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 unavailable", e);
            }
        }

        @Override
        public String version() {
            return "v1a";
        }

        @Override
        public byte[] sign(byte[] content) {
            try {
                Signature signer = Signature.getInstance("Ed25519");
                signer.initSign(key);
                signer.update(content);
                return signer.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("Ed25519 unavailable", e);
            }
        }

        @Override
        public boolean verify(byte[] content, byte[] signature) {
            return publicKey.verify(content, signature);
        }

        @Override
        public String toString() {
            return "Ed25519Private[<redacted>]";
        }
    }

    /** A SecureRandom that hands out one fixed seed; only for {@link Ed25519Private#derivePublic}. */
    final class FixedBytes extends SecureRandom {
        private static final long serialVersionUID = 1L;
        private final byte[] bytes;

        FixedBytes(byte[] bytes) {
            this.bytes = bytes.clone();
        }

        @Override
        public void nextBytes(byte[] out) {
            if (out.length != bytes.length) {
                throw new IllegalStateException("unexpected request for " + out.length + " random bytes");
            }
            System.arraycopy(bytes, 0, out, 0, out.length);
        }
    }

    private static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
