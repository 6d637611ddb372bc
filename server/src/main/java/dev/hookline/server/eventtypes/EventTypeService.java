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
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The global event-type catalogue, listed by name: checks what is written (a schema must be a valid draft 2020-12
 * JSON Schema, and every example must pass it), reads and writes the table, and tells the {@link EventTypeCatalog}
 * of every change.
 */
public final class EventTypeService {
    private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9_.\\-]{1,256}");
    static final int MAX_EXAMPLES = 10;

    private final Jdbi jdbi;
    private final EventTypeCatalog catalog;
    private final Clock clock;

    public EventTypeService(Jdbi jdbi, EventTypeCatalog catalog, Clock clock) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.catalog = Objects.requireNonNull(catalog, "catalog == null");
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

    /** The whole catalogue, in name order. */
    public List<EventType> all() {
        List<EventType> all = new ArrayList<>();
        String after = "";
        List<EventType> page;
        do {
            String from = after;
            page = jdbi.withExtension(EventTypeDao.class, dao -> dao.list(from, 500));
            all.addAll(page);
            after = page.isEmpty() ? after : page.get(page.size() - 1).name();
        } while (page.size() == 500);
        return all;
    }

    public EventType create(EventTypeIn in) {
        if (in == null) {
            throw ApiException.invalid("body", "is required");
        }
        Checks checks = new Checks();
        EventTypeDao.Row row = checked(checks, "", in);
        checks.throwIfAny();
        try {
            jdbi.useExtension(EventTypeDao.class, dao -> dao.insert(row, clock.instant()));
        } catch (UnableToExecuteStatementException e) {
            if (Checks.isUniqueViolation(e)) {
                throw ApiException.conflict("an event type with this name exists already", "name");
            }
            throw e;
        }
        catalog.changed();
        return get(in.name());
    }

    public EventType get(String name) {
        return find(name).orElseThrow(() -> ApiException.notFound("event type"));
    }

    public Optional<EventType> find(String name) {
        return jdbi.withExtension(EventTypeDao.class, dao -> dao.find(name));
    }

    public EventType update(String name, EventTypePatch patch) {
        if (patch == null) {
            throw ApiException.invalid("body", "is required");
        }
        EventType current = get(name);
        Checks checks = new Checks();
        checks.text("description", patch.description(), 0, 4096, false);
        checks.text("group", patch.group(), 0, 256, false);
        JsonNode schema = present(patch.schema()) ? patch.schema() : current.schema();
        if (present(patch.schema())) {
            schemaProblems(checks, "schema", patch.schema());
        }
        if (checks.ok()) {
            List<JsonNode> examples = patch.examples() != null ? patch.examples() : current.examples();
            examples(checks, "examples", examples, schema);
        }
        checks.throwIfAny();
        int changed = jdbi.withExtension(
                EventTypeDao.class,
                dao -> dao.update(
                        name,
                        patch.description(),
                        present(patch.schema()) ? Json.write(patch.schema()) : null,
                        patch.examples() == null ? null : Json.write(patch.examples()),
                        patch.archived(),
                        patch.deprecated(),
                        patch.group(),
                        patch.validatePayloads(),
                        clock.instant()));
        if (changed == 0) {
            throw ApiException.notFound("event type");
        }
        catalog.changed();
        return get(name);
    }

    public void delete(String name) {
        if (jdbi.withExtension(EventTypeDao.class, dao -> dao.delete(name)) == 0) {
            throw ApiException.notFound("event type");
        }
        catalog.changed();
    }

    /**
     * Creates or replaces every event type of {@code types}, all or none: each is checked as a create would check it
     * (problems named {@code webhooks.<name>.<field>}), then all are written in one transaction.
     */
    public List<EventType> importAll(List<EventTypeIn> types) {
        Checks checks = new Checks();
        List<EventTypeDao.Row> rows = new ArrayList<>();
        for (EventTypeIn in : types) {
            rows.add(checked(checks, "webhooks." + in.name() + ".", in));
        }
        checks.throwIfAny();
        jdbi.useTransaction(h -> {
            EventTypeDao dao = h.attach(EventTypeDao.class);
            rows.forEach(row -> dao.upsert(row, clock.instant()));
        });
        catalog.changed();
        return types.stream().map(t -> get(t.name())).toList();
    }

    /** The row to write for {@code in}, its problems added to {@code checks} with {@code prefix} before each field. */
    private static EventTypeDao.Row checked(Checks checks, String prefix, EventTypeIn in) {
        if (in.name() == null) {
            checks.fail(prefix + "name", "is required");
        } else if (!NAME.matcher(in.name()).matches()) {
            checks.fail(prefix + "name", "must be 1 to 256 characters of letters, digits, '_', '.' or '-'");
        }
        checks.text(prefix + "description", in.description(), 0, 4096, false);
        checks.text(prefix + "group", in.group(), 0, 256, false);
        boolean schemaOk = true;
        if (present(in.schema())) {
            int before = checks.count();
            schemaProblems(checks, prefix + "schema", in.schema());
            schemaOk = checks.count() == before;
        }
        if (schemaOk) {
            examples(checks, prefix + "examples", in.examples(), present(in.schema()) ? in.schema() : null);
        }
        String group = in.group() == null || in.group().isEmpty() ? null : in.group();
        return new EventTypeDao.Row(
                in.name(),
                in.description() == null ? "" : in.description(),
                present(in.schema()) ? Json.write(in.schema()) : null,
                Json.write(in.examples() == null ? List.of() : in.examples()),
                Boolean.TRUE.equals(in.archived()),
                Boolean.TRUE.equals(in.deprecated()),
                group,
                in.validatePayloads());
    }

    private static void schemaProblems(Checks checks, String field, JsonNode schema) {
        if (Json.write(schema).contains("\\u0000")) { // jsonb cannot hold NUL
            checks.fail(field, "must not contain NUL characters");
            return;
        }
        PayloadSchema.problems(field, schema).forEach(checks::fail);
    }

    /** Each example must be a JSON object (a payload) and pass {@code schema} when there is one. */
    private static void examples(Checks checks, String field, List<JsonNode> examples, JsonNode schema) {
        if (examples == null || examples.isEmpty()) {
            return;
        }
        if (examples.size() > MAX_EXAMPLES) {
            checks.fail(field, "must hold at most " + MAX_EXAMPLES + " examples");
            return;
        }
        PayloadSchema compiled = null;
        if (schema != null && !schema.isNull()) {
            try {
                compiled = PayloadSchema.compile(schema);
            } catch (IllegalArgumentException e) { // a schema stored before schemas were checked on save
                checks.fail(field, "cannot be checked: the event type's schema " + e.getMessage());
                return;
            }
        }
        for (int i = 0; i < examples.size(); i++) {
            JsonNode example = examples.get(i);
            String name = field + "." + i;
            if (example == null || !example.isObject()) {
                checks.fail(name, "must be a JSON object (a payload)");
            } else if (Json.write(example).contains("\\u0000")) {
                checks.fail(name, "must not contain NUL characters");
            } else if (compiled != null) {
                compiled.violations(name, example).forEach(checks::fail);
            }
        }
    }

    private static boolean present(JsonNode node) {
        return node != null && !node.isNull();
    }
}
