package dev.hookline.core.tenants;

import dev.hookline.sdk.model.ApiKey;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.mapper.reflect.ColumnName;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(ApiKeyDao.Mapper.class)
public interface ApiKeyDao {
    @SqlUpdate("""
        INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, created_at)
        VALUES (:id, :tenantId, :name, :prefix, :hash, :now)
        """)
    void insert(
            @Bind("id") String id,
            @Bind("tenantId") String tenantId,
            @Bind("name") String name,
            @Bind("prefix") String prefix,
            @Bind("hash") byte[] keyHash,
            @Bind("now") Instant now);

    /**
     * The keys that share a displayed prefix (public: listings show it), each with its hash, for the caller to
     * compare in constant time. Looking a key up by its hash would let the index compare secret-derived bytes.
     */
    @SqlQuery("SELECT tenant_id, key_hash FROM api_keys WHERE prefix = :prefix")
    @RegisterConstructorMapper(Candidate.class)
    List<Candidate> withPrefix(@Bind("prefix") String prefix);

    /** One key of a prefix lookup: its tenant and the SHA-256 of the key. */
    record Candidate(
            @ColumnName("tenant_id") String tenantId,
            @ColumnName("key_hash") byte[] keyHash) {}

    /** Records use at most once a minute per key, so authentication does not write on every request. */
    @SqlUpdate("""
        UPDATE api_keys SET last_used_at = :now
        WHERE key_hash = :hash AND (last_used_at IS NULL OR last_used_at < CAST(:now AS timestamptz) - interval '1 minute')
        """)
    int touch(@Bind("hash") byte[] keyHash, @Bind("now") Instant now);

    @SqlQuery("""
        SELECT id, name, prefix, created_at, last_used_at FROM api_keys
        WHERE tenant_id = :tenantId AND id < :before ORDER BY id DESC LIMIT :limit
        """)
    List<ApiKey> list(@Bind("tenantId") String tenantId, @Bind("before") String before, @Bind("limit") int limit);

    @SqlUpdate("DELETE FROM api_keys WHERE tenant_id = :tenantId AND id = :id")
    int delete(@Bind("tenantId") String tenantId, @Bind("id") String id);

    final class Mapper implements RowMapper<ApiKey> {
        @Override
        public ApiKey map(ResultSet rs, StatementContext ctx) throws SQLException {
            Timestamp lastUsed = rs.getTimestamp("last_used_at");
            return new ApiKey(
                    rs.getString("id"),
                    rs.getString("name"),
                    rs.getString("prefix"),
                    rs.getTimestamp("created_at").toInstant(),
                    lastUsed == null ? null : lastUsed.toInstant());
        }
    }
}
