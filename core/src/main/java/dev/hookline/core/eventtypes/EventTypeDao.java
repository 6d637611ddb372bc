package dev.hookline.core.eventtypes;

import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(EventTypeDao.Mapper.class)
public interface EventTypeDao {
    String COLUMNS = "name, description, schema::text AS schema, archived, created_at, updated_at";

    @SqlUpdate("""
        INSERT INTO event_types (name, description, schema, archived, created_at, updated_at)
        VALUES (:name, :description, CAST(:schema AS jsonb), :archived, :now, :now)
        """)
    void insert(
            @Bind("name") String name,
            @Bind("description") String description,
            @Bind("schema") String schemaJson,
            @Bind("archived") boolean archived,
            @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM event_types WHERE name = :name")
    Optional<EventType> find(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM event_types WHERE name > :after ORDER BY name LIMIT :limit")
    List<EventType> list(@Bind("after") String after, @Bind("limit") int limit);

    @SqlUpdate("""
        UPDATE event_types SET
            description = COALESCE(:description, description),
            schema = COALESCE(CAST(:schema AS jsonb), schema),
            archived = COALESCE(:archived, archived),
            updated_at = :now
        WHERE name = :name
        """)
    int update(
            @Bind("name") String name,
            @Bind("description") String description,
            @Bind("schema") String schemaJson,
            @Bind("archived") Boolean archived,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM event_types WHERE name = :name")
    int delete(@Bind("name") String name);

    final class Mapper implements RowMapper<EventType> {
        @Override
        public EventType map(ResultSet rs, StatementContext ctx) throws SQLException {
            return new EventType(
                    rs.getString("name"),
                    rs.getString("description"),
                    Json.tree(rs.getString("schema")),
                    rs.getBoolean("archived"),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }
}
