package dev.hookline.core.portal;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** Portal sessions. Authentication reads them on the primary: a revocation must count from the very next request. */
@RegisterRowMapper(PortalSessionDao.Mapper.class)
public interface PortalSessionDao {
    String COLUMNS =
            "id, tenant_id, prefix, token_hash, permissions, endpoint_ids, next, created_at, expires_at, revoked_at";

    @SqlUpdate("""
        INSERT INTO portal_sessions (id, tenant_id, prefix, token_hash, permissions, endpoint_ids, next, created_at,
                                     expires_at)
        VALUES (:id, :tenantId, :prefix, :hash, :permissions, :endpointIds, :next, :now, :expiresAt)
        """)
    void insert(
            @Bind("id") String id,
            @Bind("tenantId") String tenantId,
            @Bind("prefix") String prefix,
            @Bind("hash") byte[] tokenHash,
            @Bind("permissions") String[] permissions,
            @Bind("endpointIds") String[] endpointIds,
            @Bind("next") String next,
            @Bind("now") Instant now,
            @Bind("expiresAt") Instant expiresAt);

    /**
     * The sessions whose token shares a displayed prefix (public: listings show it), for the caller to compare
     * hashes in constant time, as for API keys.
     */
    @SqlQuery("SELECT " + COLUMNS + " FROM portal_sessions WHERE prefix = :prefix")
    List<StoredPortalSession> withPrefix(@Bind("prefix") String prefix);

    @SqlQuery("SELECT " + COLUMNS + """
         FROM portal_sessions WHERE tenant_id = :tenantId AND id < :before ORDER BY id DESC LIMIT :limit
        """)
    List<StoredPortalSession> list(
            @Bind("tenantId") String tenantId, @Bind("before") String before, @Bind("limit") int limit);

    /** Revokes a session of the tenant; answers 1 if it exists (revoking twice keeps the first time). */
    @SqlUpdate("""
        UPDATE portal_sessions SET revoked_at = COALESCE(revoked_at, :now)
        WHERE tenant_id = :tenantId AND id = :id
        """)
    int revoke(@Bind("tenantId") String tenantId, @Bind("id") String id, @Bind("now") Instant now);

    /** Forgets the tenant's sessions that ended (expired or revoked) before {@code before}. */
    @SqlUpdate("""
        DELETE FROM portal_sessions
        WHERE tenant_id = :tenantId AND (expires_at < :before OR revoked_at < :before)
        """)
    int deleteEndedBefore(@Bind("tenantId") String tenantId, @Bind("before") Instant before);

    final class Mapper implements RowMapper<StoredPortalSession> {
        @Override
        public StoredPortalSession map(ResultSet rs, StatementContext ctx) throws SQLException {
            Timestamp revoked = rs.getTimestamp("revoked_at");
            return new StoredPortalSession(
                    rs.getString("id"),
                    rs.getString("tenant_id"),
                    rs.getString("prefix"),
                    rs.getBytes("token_hash"),
                    strings(rs.getArray("permissions")),
                    rs.getArray("endpoint_ids") == null ? null : strings(rs.getArray("endpoint_ids")),
                    rs.getString("next"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("expires_at").toInstant(),
                    revoked == null ? null : revoked.toInstant());
        }

        private static List<String> strings(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }
    }
}
