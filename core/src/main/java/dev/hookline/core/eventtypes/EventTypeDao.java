package dev.hookline.core.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.db.Json;
import dev.hookline.sdk.model.EventType;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.sqlobject.config.RegisterRowMapper;
import org.jdbi.v3.sqlobject.customizer.Bind;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterRowMapper(EventTypeDao.Mapper.class)
public interface EventTypeDao {
    String COLUMNS = "name, description, schema::text AS schema, examples::text AS examples, archived, deprecated,"
            + " group_name, validate_payloads, created_at, updated_at";

    /** An event type as written: {@code schemaJson} and {@code examplesJson} are JSON text, {@code group} null for none. */
    record Row(
            String name,
            String description,
            String schemaJson,
            String examplesJson,
            boolean archived,
            boolean deprecated,
            String group,
            Boolean validatePayloads) {}

    @SqlUpdate("""
        INSERT INTO event_types (name, description, schema, examples, archived, deprecated, group_name,
                                 validate_payloads, created_at, updated_at)
        VALUES (:name, :description, CAST(:schemaJson AS jsonb), CAST(:examplesJson AS jsonb), :archived, :deprecated,
                :group, :validatePayloads, :now, :now)
        """)
    void insert(@BindMethods Row row, @Bind("now") Instant now);

    /** Import: creates the event type, or replaces every field of the one of that name; answers 1 either way. */
    @SqlUpdate("""
        INSERT INTO event_types (name, description, schema, examples, archived, deprecated, group_name,
                                 validate_payloads, created_at, updated_at)
        VALUES (:name, :description, CAST(:schemaJson AS jsonb), CAST(:examplesJson AS jsonb), :archived, :deprecated,
                :group, :validatePayloads, :now, :now)
        ON CONFLICT (name) DO UPDATE SET
            description = EXCLUDED.description, schema = EXCLUDED.schema, examples = EXCLUDED.examples,
            archived = EXCLUDED.archived, deprecated = EXCLUDED.deprecated, group_name = EXCLUDED.group_name,
            validate_payloads = EXCLUDED.validate_payloads, updated_at = EXCLUDED.updated_at
        """)
    int upsert(@BindMethods Row row, @Bind("now") Instant now);

    @SqlQuery("SELECT " + COLUMNS + " FROM event_types WHERE name = :name")
    Optional<EventType> find(@Bind("name") String name);

    @SqlQuery("SELECT " + COLUMNS + " FROM event_types WHERE name > :after ORDER BY name LIMIT :limit")
    List<EventType> list(@Bind("after") String after, @Bind("limit") int limit);

    /**
     * A changed event type; null arguments leave their column alone. {@code group} empty removes the group.
     */
    @SqlUpdate("""
        UPDATE event_types SET
            description = COALESCE(:description, description),
            schema = COALESCE(CAST(:schemaJson AS jsonb), schema),
            examples = COALESCE(CAST(:examplesJson AS jsonb), examples),
            archived = COALESCE(:archived, archived),
            deprecated = COALESCE(:deprecated, deprecated),
            group_name = CASE WHEN :group IS NULL THEN group_name ELSE NULLIF(:group, '') END,
            validate_payloads = COALESCE(:validatePayloads, validate_payloads),
            updated_at = :now
        WHERE name = :name
        """)
    int update(
            @Bind("name") String name,
            @Bind("description") String description,
            @Bind("schemaJson") String schemaJson,
            @Bind("examplesJson") String examplesJson,
            @Bind("archived") Boolean archived,
            @Bind("deprecated") Boolean deprecated,
            @Bind("group") String group,
            @Bind("validatePayloads") Boolean validatePayloads,
            @Bind("now") Instant now);

    @SqlUpdate("DELETE FROM event_types WHERE name = :name")
    int delete(@Bind("name") String name);

    final class Mapper implements RowMapper<EventType> {
        @Override
        public EventType map(ResultSet rs, StatementContext ctx) throws SQLException {
            JsonNode examples = Json.tree(rs.getString("examples"));
            List<JsonNode> list = new ArrayList<>();
            if (examples != null) {
                examples.forEach(list::add);
            }
            return new EventType(
                    rs.getString("name"),
                    rs.getString("description"),
                    Json.tree(rs.getString("schema")),
                    list,
                    rs.getBoolean("archived"),
                    rs.getBoolean("deprecated"),
                    rs.getString("group_name"),
                    rs.getObject("validate_payloads", Boolean.class),
                    rs.getTimestamp("created_at").toInstant(),
                    rs.getTimestamp("updated_at").toInstant());
        }
    }
}
