package dev.hookline.server.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hookline.core.db.Cursor;
import dev.hookline.core.db.Json;
import dev.hookline.core.eventtypes.EventTypeDao;
import dev.hookline.sdk.model.EventType;
import dev.hookline.sdk.model.EventTypeIn;
import dev.hookline.sdk.model.EventTypePatch;
import dev.hookline.sdk.model.Page;
import dev.hookline.server.errors.ApiException;
import dev.hookline.server.validation.Checks;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The global event-type catalogue, listed by name: checks what is written and reads and writes the table. */
public final class EventTypeService {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    private final Jdbi jdbi;
    private final Clock clock;

    public EventTypeService(Jdbi jdbi, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.clock = Objects.requireNonNull(clock, "clock == null");
    }

    /** Up to {@code limit} event types named after {@code iterator} (null: from the first), in name order. */
    public Page<EventType> list(int limit, String iterator) {
        if (iterator != null && !NAME.matcher(iterator).matches()) {
            throw ApiException.invalid("iterator", "is not an iterator this API returned");
        }
        List<EventType> rows =
                jdbi.withExtension(EventTypeDao.class, dao -> dao.list(iterator == null ? "" : iterator, limit + 1));
        return Cursor.page(rows, limit, EventType::name);
    }

    public EventType create(EventTypeIn in) {
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        if (in.name() == null) {
            checks.fail("name", "is required");
        } else if (!NAME.matcher(in.name()).matches()) {
            checks.fail("name", "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
        }
        checks.text("description", in.description(), 0, 4096, false);
        schema(checks, in.schema());
        checks.throwIfAny();
        try {
            jdbi.useExtension(
                    EventTypeDao.class,
                    dao -> dao.insert(
                            in.name(),
                            in.description() == null ? "" : in.description(),
                            schemaJson(in.schema()),
                            Boolean.TRUE.equals(in.archived()),
                            clock.instant()));
        } catch (UnableToExecuteStatementException e) {
            if (Checks.isUniqueViolation(e)) {
                throw ApiException.conflict("an event type with this name exists already", "name");
            }
            throw e;
        }
        return get(in.name());
    }

    public EventType get(String name) {
        return jdbi.withExtension(EventTypeDao.class, dao -> dao.find(name))
                .orElseThrow(() -> ApiException.notFound("event type"));
    }

    public EventType update(String name, EventTypePatch patch) {
        if (patch == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        checks.text("description", patch.description(), 0, 4096, false);
        schema(checks, patch.schema());
        checks.throwIfAny();
        int changed = jdbi.withExtension(
                EventTypeDao.class,
                dao -> dao.update(
                        name, patch.description(), schemaJson(patch.schema()), patch.archived(), clock.instant()));
        if (changed == 0) {
            throw ApiException.notFound("event type");
        }
        return get(name);
    }

    public void delete(String name) {
        if (jdbi.withExtension(EventTypeDao.class, dao -> dao.delete(name)) == 0) {
            throw ApiException.notFound("event type");
        }
    }

    /** The schema is kept for documentation only, but it must at least be a JSON Schema's shape: an object. */
    private static void schema(Checks checks, JsonNode schema) {
        if (schema != null && !schema.isNull() && !schema.isObject()) {
            checks.fail("schema", "must be a JSON object (a JSON Schema)");
        } else if (schema != null && Json.write(schema).contains("\\u0000")) { // jsonb cannot hold NUL
            checks.fail("schema", "must not contain NUL characters");
        }
    }

    private static String schemaJson(JsonNode schema) {
        return schema == null || schema.isNull() ? null : Json.write(schema);
    }
}
