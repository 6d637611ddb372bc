package dev.hookline.core.messages;

import static dev.hookline.core.db.Jdbc.failed;
import static dev.hookline.core.db.Jdbc.textArray;
import static dev.hookline.core.db.Jdbc.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The statements of the ingest path (store messages, find the endpoints they reach, create their deliveries) in
 * plain JDBC, run on the connection of the caller's transaction. Everything else is a JDBI SqlObject DAO; these
 * are not because they run for every message sent: JDBI 3.51 builds an invoker for every method of a DAO on each
 * {@code attach} and renders each statement through its template engine, and the profile showed that costing more
 * CPU than the statements themselves (docs/benchmarks.md, step 6).
 */
public final class IngestSql {
    private static final String INSERT_MESSAGE = """
        INSERT INTO messages (id, tenant_id, event_type, event_id, channels, payload, created_at)
        VALUES (?, ?, ?, ?, ?, ?, ?)
        """;

    /**
     * The endpoints a message reaches: enabled, and whose filters (empty meaning "all") admit the event type and
     * share a channel with the message (a message without channels reaches only endpoints without channels).
     */
    private static final String MATCHING_ENDPOINTS = """
        SELECT id FROM endpoints
        WHERE tenant_id = ? AND NOT disabled
          AND (cardinality(event_types) = 0 OR ? = ANY(event_types))
          AND (cardinality(channels) = 0 OR channels && ?)
        """;

    /** The three arrays run in step: one pending delivery per (message, endpoint), due at once. */
    private static final String INSERT_DELIVERIES = """
        INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
        SELECT ids.id, ?, ids.message_id, ids.endpoint_id, 'pending', 0, ?, ?, ?
        FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[])) AS ids (id, message_id, endpoint_id)
        """;

    private IngestSql() {
    }

    /** A message to store: {@code eventId} may be null. */
    public record NewMessage(String id, String eventType, String eventId, List<String> channels, byte[] payload) {
        public NewMessage {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(eventType, "eventType == null");
            Objects.requireNonNull(channels, "channels == null");
        }
    }

    /**
     * Inserts the messages of one tenant in one batch, which the driver ({@code reWriteBatchedInserts}) sends as
     * multi-row INSERTs.
     */
    public static void insertMessages(Connection c, String tenantId, List<NewMessage> messages, Instant createdAt) {
        OffsetDateTime at = timestamp(createdAt);
        try (PreparedStatement s = c.prepareStatement(INSERT_MESSAGE)) {
            for (NewMessage m : messages) {
                s.setString(1, m.id());
                s.setString(2, tenantId);
                s.setString(3, m.eventType());
                s.setString(4, m.eventId());
                s.setArray(5, textArray(c, m.channels()));
                s.setBytes(6, m.payload());
                s.setObject(7, at);
                s.addBatch();
            }
            s.executeBatch();
        } catch (SQLException e) {
            throw failed("storing messages", e);
        }
    }

    /** Ids of the enabled endpoints of {@code tenantId} that a message of this type on these channels reaches. */
    public static List<String> matchingEndpoints(Connection c, String tenantId, String eventType, List<String> channels) {
        try (PreparedStatement s = c.prepareStatement(MATCHING_ENDPOINTS)) {
            s.setString(1, tenantId);
            s.setString(2, eventType);
            s.setArray(3, textArray(c, channels));
            List<String> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getString(1));
                }
            }
            return ids;
        } catch (SQLException e) {
            throw failed("matching endpoints", e);
        }
    }

    /** Inserts pending deliveries, due at {@code now}; the three lists run in step. */
    public static void insertDeliveries(Connection c, String tenantId, List<String> ids, List<String> messageIds,
                                        List<String> endpointIds, Instant now) {
        if (ids.size() != messageIds.size() || ids.size() != endpointIds.size()) {
            throw new IllegalArgumentException("ids, messageIds and endpointIds must be as long as each other");
        }
        OffsetDateTime at = timestamp(now);
        try (PreparedStatement s = c.prepareStatement(INSERT_DELIVERIES)) {
            s.setString(1, tenantId);
            s.setObject(2, at);
            s.setObject(3, at);
            s.setObject(4, at);
            s.setArray(5, textArray(c, ids));
            s.setArray(6, textArray(c, messageIds));
            s.setArray(7, textArray(c, endpointIds));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("storing deliveries", e);
        }
    }
}
