package dev.hookline.core.messages;

import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/**
 * Deduplication keys. Claiming is one statement on a primary key, so of two concurrent sends with the same key
 * exactly one wins and the other sees the winner's message id.
 */
public interface IdempotencyDao {
    /** Answers 1 when this send owns the key (new, or the previous holder's window has passed), else 0. */
    @SqlUpdate("""
        INSERT INTO idempotency_keys (tenant_id, key, message_id, expires_at)
        VALUES (:tenantId, :key, :messageId, :expiresAt)
        ON CONFLICT (tenant_id, key) DO UPDATE
            SET message_id = excluded.message_id, expires_at = excluded.expires_at
            WHERE idempotency_keys.expires_at <= :now
        """)
    int claim(
            @Bind("tenantId") String tenantId,
            @Bind("key") String key,
            @Bind("messageId") String messageId,
            @Bind("expiresAt") Instant expiresAt,
            @Bind("now") Instant now);

    @SqlQuery("SELECT message_id FROM idempotency_keys WHERE tenant_id = :tenantId AND key = :key")
    Optional<String> holder(@Bind("tenantId") String tenantId, @Bind("key") String key);

    /** Gives back the keys a send claimed before it turned out to repeat an earlier message by another key. */
    @SqlUpdate("DELETE FROM idempotency_keys WHERE tenant_id = :tenantId AND message_id = :messageId")
    int releaseFor(@Bind("tenantId") String tenantId, @Bind("messageId") String messageId);

    @SqlUpdate("DELETE FROM idempotency_keys WHERE expires_at <= :now")
    int deleteExpired(@Bind("now") Instant now);
}
