package dev.hookline.core.endpoints;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.Endpoint;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(EndpointDao.Mapper.class)
public interface EndpointDao {
    String COLUMNS = """
        id, uid, url, description, event_types, channels, disabled, disabled_reason, rate_limit, max_in_flight,
        headers::text AS headers, metadata::text AS metadata, created_at, updated_at
        """;

    @SqlUpdate("""
        INSERT INTO endpoints (id, tenant_id, uid, url, description, event_types, channels, disabled, rate_limit,
                               max_in_flight, headers, metadata, created_at, updated_at)
        VALUES (:id, :tenantId, :uid, :url, :description, :eventTypes, :channels, :disabled, :rateLimit,
                :maxInFlight, CAST(:headers AS jsonb), CAST(:metadata AS jsonb), :now, :now)
        """)
    void insert(
            @Bind("id") String id,
            @Bind("tenantId") String tenantId,
            @Bind("uid") String uid,
            @Bind("url") String url,
            @Bind("description") String description,
            @Bind("eventTypes") String[] eventTypes,
            @Bind("channels") String[] channels,
            @Bind("disabled") boolean disabled,
            @Bind("rateLimit") Integer rateLimit,
            @Bind("maxInFlight") Integer maxInFlight,
            @Bind("headers") String headersJson,
            @Bind("metadata") String metadataJson,
            @Bind("now") Instant now);

    /** By id or uid, within one tenant: another tenant's endpoint is simply not found. */
    @SqlQuery("SELECT " + COLUMNS + " FROM endpoints WHERE tenant_id = :tenantId AND (id = :ref OR uid = :ref) LIMIT 1")
    Optional<Endpoint> find(@Bind("tenantId") String tenantId, @Bind("ref") String idOrUid);

    /** What a change of an endpoint's disabled state reports: the state before it, and the run of failures. */
    record DisabledState(boolean disabled, Instant failingSince) {}

    /** Locks the endpoint's row for the rest of the transaction and answers its state: concurrent changes queue up. */
    @SqlQuery("SELECT disabled, failing_since FROM endpoints WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
    @RegisterConstructorMapper(DisabledState.class)
    Optional<DisabledState> lock(@Bind("tenantId") String tenantId, @Bind("id") String id);

    @SqlQuery("SELECT " + COLUMNS
            + " FROM endpoints WHERE tenant_id = :tenantId AND id < :before ORDER BY id DESC LIMIT :limit")
    List<Endpoint> list(@Bind("tenantId") String tenantId, @Bind("before") String before, @Bind("limit") int limit);

    /** A page of those of the tenant's endpoints whose id is in {@code ids} (a portal session's scope). */
    @SqlQuery("SELECT " + COLUMNS + """
         FROM endpoints WHERE tenant_id = :tenantId AND id = ANY(:ids) AND id < :before ORDER BY id DESC LIMIT :limit
        """)
    List<Endpoint> listIn(
            @Bind("tenantId") String tenantId,
            @Bind("ids") String[] ids,
            @Bind("before") String before,
            @Bind("limit") int limit);

    @SqlQuery("SELECT count(*) FROM endpoints WHERE tenant_id = :tenantId")
    int count(@Bind("tenantId") String tenantId);

    @SqlUpdate("""
        UPDATE endpoints SET
            url = COALESCE(:url, url),
            uid = COALESCE(:uid, uid),
            description = COALESCE(:description, description),
            event_types = COALESCE(:eventTypes, event_types),
            channels = COALESCE(:channels, channels),
            disabled = COALESCE(:disabled, disabled),
            disabled_reason = CASE WHEN :disabled IS NULL THEN disabled_reason
                                   WHEN :disabled THEN COALESCE(disabled_reason, 'disabled by the tenant')
                                   ELSE NULL END,
            failing_since = CASE WHEN :disabled = false THEN NULL ELSE failing_since END,
            rate_limit = CASE WHEN :clearRateLimit THEN NULL ELSE COALESCE(:rateLimit, rate_limit) END,
            max_in_flight = CASE WHEN :clearMaxInFlight THEN NULL ELSE COALESCE(:maxInFlight, max_in_flight) END,
            headers = COALESCE(CAST(:headers AS jsonb), headers),
            metadata = COALESCE(CAST(:metadata AS jsonb), metadata),
            updated_at = :now
        WHERE tenant_id = :tenantId AND id = :id
        """)
    int update(
            @Bind("tenantId") String tenantId,
            @Bind("id") String id,
            @Bind("url") String url,
            @Bind("uid") String uid,
            @Bind("description") String description,
            @Bind("eventTypes") String[] eventTypes,
            @Bind("channels") String[] channels,
            @Bind("disabled") Boolean disabled,
            @Bind("rateLimit") Integer rateLimit,
            @Bind("clearRateLimit") boolean clearRateLimit,
            @Bind("maxInFlight") Integer maxInFlight,
            @Bind("clearMaxInFlight") boolean clearMaxInFlight,
            @Bind("headers") String headersJson,
            @Bind("metadata") String metadataJson,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM endpoints WHERE tenant_id = :tenantId AND id = :id")
    int delete(@Bind("tenantId") String tenantId, @Bind("id") String id);

    /** An endpoint the worker has just disabled, with the start of its run of failures (null if none). */
    record Disabled(String id, String tenantId, String uid, Instant failingSince) {}

    /**
     * Disables an endpoint for the worker's reasons (410 Gone); answers it if this call changed it. Conditional, so of
     * two workers disabling the same endpoint only one gets it back.
     */
    @SqlQuery("""
        UPDATE endpoints SET disabled = true, disabled_reason = :reason, updated_at = :now
        WHERE id = :id AND NOT disabled
        RETURNING id, tenant_id, uid, failing_since
        """)
    @RegisterConstructorMapper(Disabled.class)
    Optional<Disabled> disable(@Bind("id") String id, @Bind("reason") String reason, @Bind("now") Instant now);

    /** Starts (or continues) the run of failures of endpoints whose attempt just failed. */
    @SqlUpdate("UPDATE endpoints SET failing_since = :now WHERE id IN (<ids>) AND failing_since IS NULL")
    int markFailing(@BindList("ids") List<String> endpointIds, @Bind("now") Instant now);

    /** Disables endpoints among {@code ids} that have failed without a success since before {@code cutoff}. */
    @SqlQuery("""
        UPDATE endpoints SET disabled = true, disabled_reason = :reason, updated_at = :now
        WHERE id IN (<ids>) AND NOT disabled AND failing_since < :cutoff
        RETURNING id, tenant_id, uid, failing_since
        """)
    @RegisterConstructorMapper(Disabled.class)
    List<Disabled> disableFailingSince(
            @BindList("ids") List<String> endpointIds,
            @Bind("cutoff") Instant cutoff,
            @Bind("reason") String reason,
            @Bind("now") Instant now);

    final class Mapper implements RowMapper<Endpoint> {
        @Override
        public Endpoint map(ResultSet rs, StatementContext ctx) throws SQLException {
            Integer boxedRate = rs.getObject("rate_limit", Integer.class);
            Integer boxedMaxInFlight = rs.getObject("max_in_flight", Integer.class);
            return new Endpoint(
                    rs.getString("id"),
                    rs.getString("uid"),
                    rs.getString("url"),
                    rs.getString("description"),
                    strings(rs.getArray("event_types")),
                    strings(rs.getArray("channels")),
                    rs.getBoolean("disabled"),
                    rs.getString("disabled_reason"),
                    boxedRate,
                    boxedMaxInFlight,
                    Json.stringMap(rs.getString("headers")),
                    Json.stringMap(rs.getString("metadata")),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant(),
                    null);
        }

        static List<String> strings(Array array) throws SQLException {
            return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
        }
    }
}
