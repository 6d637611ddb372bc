package dev.hookline.core.messages;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.customizer.Define;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(MessageDao.Mapper.class)
public interface MessageDao {
    String COLUMNS = "id, tenant_id, event_type, event_id, channels, payload, created_at";

    @SqlQuery("SELECT " + COLUMNS + " FROM messages WHERE tenant_id = :tenantId AND id = :id")
    Optional<StoredMessage> find(@Bind("tenantId") String tenantId, @Bind("id") String id);

    /** One page of {@code query}, newest first. */
    default List<StoredMessage> search(MessageQuery query) {
        return search(query.conditions(), query);
    }

    @SqlQuery("SELECT " + COLUMNS + """
         FROM messages
        WHERE tenant_id = :tenantId AND id < :before <conditions>
        ORDER BY id DESC LIMIT :limit
        """)
    List<StoredMessage> search(@Define("conditions") String conditions, @BindMethods MessageQuery query);

    /**
     * Payload retention: drops the payload (keeping the row) of up to {@code limit} messages created before
     * {@code before}, oldest first; answers how many. The partial index {@code messages_payload_held} finds them.
     */
    @SqlUpdate("""
        UPDATE messages SET payload = NULL
        WHERE (id, created_at) IN (SELECT id, created_at FROM messages
                                   WHERE payload IS NOT NULL AND created_at < :before
                                   ORDER BY created_at LIMIT :limit)
        """)
    int expirePayloads(@Bind("before") Instant before, @Bind("limit") int limit);

    final class Mapper implements RowMapper<StoredMessage> {
        @Override
        public StoredMessage map(ResultSet rs, StatementContext ctx) throws SQLException {
            Array channels = rs.getArray("channels");
            return new StoredMessage(
                    rs.getString("id"),
                    rs.getString("tenant_id"),
                    rs.getString("event_type"),
                    rs.getString("event_id"),
                    channels == null ? List.of() : Arrays.asList((String[]) channels.getArray()),
                    rs.getBytes("payload"),
                    rs.getTimestamp("created_at").toInstant());
        }
    }
}
