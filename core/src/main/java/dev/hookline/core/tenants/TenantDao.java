package dev.hookline.core.tenants;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.Branding;
import dev.hookline.sdk.model.Tenant;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(TenantDao.Mapper.class)
public interface TenantDao {
    String COLUMNS = "id, uid, name, metadata::text AS metadata, created_at, updated_at";

    @SqlUpdate("""
        INSERT INTO tenants (id, uid, name, metadata, created_at, updated_at)
        VALUES (:id, :uid, :name, CAST(:metadata AS jsonb), :now, :now)
        """)
    void insert(
            @Bind("id") String id,
            @Bind("uid") String uid,
            @Bind("name") String name,
            @Bind("metadata") String metadataJson,
            @Bind("now") Instant now);

    /** By id or by the operator's uid. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tenants WHERE id = :ref OR uid = :ref LIMIT 1")
    Optional<Tenant> find(@Bind("ref") String idOrUid);

    /** A tenant's id and uid (null when it has none). */
    record Uid(String id, String uid) {}

    @SqlQuery("SELECT id, uid FROM tenants WHERE id = ANY(CAST(:ids AS text[]))")
    @RegisterConstructorMapper(Uid.class)
    List<Uid> uids(@Bind("ids") String[] ids);

    /** Every tenant but the operator's own ({@link OperatorTenant}), which no listing shows. */
    @SqlQuery("SELECT " + COLUMNS + " FROM tenants WHERE id < :before AND id <> '" + OperatorTenant.ID
            + "' ORDER BY id DESC LIMIT :limit")
    List<Tenant> list(@Bind("before") String before, @Bind("limit") int limit);

    @SqlUpdate("""
        UPDATE tenants SET
            name = COALESCE(:name, name),
            uid = COALESCE(:uid, uid),
            metadata = COALESCE(CAST(:metadata AS jsonb), metadata),
            updated_at = :now
        WHERE id = :id
        """)
    int update(
            @Bind("id") String id,
            @Bind("name") String name,
            @Bind("uid") String uid,
            @Bind("metadata") String metadataJson,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM tenants WHERE id = :id")
    int delete(@Bind("id") String id);

    /** How the portal presents the tenant; every field null when it was never set. */
    @SqlQuery("SELECT display_name, accent_color, logo_url FROM tenants WHERE id = :id")
    @RegisterConstructorMapper(Branding.class)
    Optional<Branding> branding(@Bind("id") String id);

    @SqlUpdate("""
        UPDATE tenants SET display_name = :displayName, accent_color = :accentColor, logo_url = :logoUrl,
            updated_at = :now
        WHERE id = :id
        """)
    int setBranding(@Bind("id") String id, @BindMethods Branding branding, @Bind("now") Instant now);

    final class Mapper implements RowMapper<Tenant> {
        @Override
        public Tenant map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new Tenant(
                    rs.getString("id"),
                    rs.getString("uid"),
                    rs.getString("name"),
                    Json.stringMap(rs.getString("metadata")),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }
}
