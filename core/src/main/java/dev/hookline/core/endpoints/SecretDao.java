package dev.hookline.core.endpoints;

import java.time.Instant;
import java.util.List;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Encrypted signing secrets. A current secret has no expiry; rotation gives the old ones a grace period. */
@RegisterConstructorMapper(StoredSecret.class)
public interface SecretDao {
    @SqlUpdate("""
        INSERT INTO endpoint_secrets (id, endpoint_id, kind, key_id, ciphertext, public_key, created_at)
        VALUES (:id, :endpointId, :kind, :keyId, :ciphertext, :publicKey, :now)
        """)
    void insert(
            @Bind("id") String id,
            @Bind("endpointId") String endpointId,
            @Bind("kind") String kind,
            @Bind("keyId") String keyId,
            @Bind("ciphertext") byte[] ciphertext,
            @Bind("publicKey") String publicKey,
            @Bind("now") Instant now);

    /** Starts the grace period of the current secret(s) before a new one is inserted. */
    @SqlUpdate(
            "UPDATE endpoint_secrets SET expires_at = :expiresAt WHERE endpoint_id = :endpointId AND expires_at IS NULL")
    int expireCurrent(@Bind("endpointId") String endpointId, @Bind("expiresAt") Instant expiresAt);

    /** The current secret first, then unexpired old ones, newest first. */
    @SqlQuery("""
        SELECT endpoint_id, kind, key_id, ciphertext, public_key, created_at, expires_at FROM endpoint_secrets
        WHERE endpoint_id = :endpointId AND (expires_at IS NULL OR expires_at > :now)
        ORDER BY expires_at IS NOT NULL, created_at DESC
        """)
    List<StoredSecret> active(@Bind("endpointId") String endpointId, @Bind("now") Instant now);
}
