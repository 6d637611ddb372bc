package dev.hookline.server.eventtypes;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hookline.core.eventtypes.EventTypeDao;
import dev.hookline.sdk.model.ErrorBody.FieldError;
import dev.hookline.sdk.model.EventType;
import dev.hookline.server.cache.BroadcastCache;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a send must satisfy, by event type: the compiled schema its payload is checked against, when the type has a
 * schema and validation is on for it ({@code validatePayloads} of the type, or the server's default). Every send
 * looks its type up here, so the answer is kept in memory, types that are not in the catalogue included, and compiled
 * once. A change to the catalogue forgets everything at once here and, through {@link EventTypeCatalogSync}, on
 * every other API server; while that broadcast channel is down this server does not trust what it remembers and
 * reads the catalogue for every send, so a schema change takes effect everywhere as soon as it is answered.
 */
public final class EventTypeCatalog extends BroadcastCache {
    private static final Logger LOG = LoggerFactory.getLogger(EventTypeCatalog.class);
    private static final int MAX_ENTRIES = 10_000;

    /** How one event type's payloads are checked: {@code schema} null for not at all. */
    private record Rules(PayloadSchema schema) {
        static final Rules NONE = new Rules(null);
    }

    private final Jdbi jdbi;
    private final boolean validateByDefault;
    private final Cache<String, Rules> rules = Caffeine.newBuilder()
            .maximumSize(MAX_ENTRIES)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();

    /** @param validateByDefault whether types whose {@code validatePayloads} is unset are checked ({@code limits.validatePayloads}) */
    public EventTypeCatalog(Jdbi jdbi, boolean validateByDefault) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi == null");
        this.validateByDefault = validateByDefault;
    }

    /** Each way {@code payload} fails the schema of {@code eventType}, named {@code field} and a JSON pointer; empty when it passes or is not checked. */
    public List<FieldError> violations(String eventType, String field, byte[] payload) {
        PayloadSchema schema = schemaOf(eventType);
        return schema == null ? List.of() : schema.violations(field, payload);
    }

    /** As {@link #violations(String, String, byte[])}, for a payload already read as a tree. */
    public List<FieldError> violations(
            String eventType, String field, com.fasterxml.jackson.databind.JsonNode payload) {
        PayloadSchema schema = schemaOf(eventType);
        return schema == null ? List.of() : schema.violations(field, payload);
    }

    /** The schema payloads of {@code eventType} are checked against, or null when they are not checked. */
    PayloadSchema schemaOf(String eventType) {
        if (eventType == null) {
            return null;
        }
        Rules found = trusted() ? rules.get(eventType, this::load) : load(eventType);
        return found.schema();
    }

    private Rules load(String eventType) {
        Optional<EventType> type = jdbi.withExtension(EventTypeDao.class, dao -> dao.find(eventType));
        if (type.isEmpty() || type.get().schema() == null || type.get().schema().isNull()) {
            return Rules.NONE;
        }
        Boolean own = type.get().validatePayloads();
        if (!(own != null ? own : validateByDefault)) {
            return Rules.NONE;
        }
        try {
            return new Rules(PayloadSchema.compile(type.get().schema()));
        } catch (IllegalArgumentException e) {
            // A schema saved before schemas were checked on save; fixing it (PATCH) makes it count.
            LOG.warn(
                    "event type {}: its schema does not compile, payloads are not checked: {}",
                    eventType,
                    e.getMessage());
            return Rules.NONE;
        }
    }

    /** After the catalogue changed: nothing remembered survives it, here or on the other API servers. */
    public void changed() {
        forgetEverywhere();
    }

    @Override
    public void forgetLocally() {
        rules.invalidateAll();
    }
}
