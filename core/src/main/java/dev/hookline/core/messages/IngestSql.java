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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The statements of the ingest path in plain JDBC: two round trips for any number of messages, of any tenants. The
 * first finds the endpoints each message reaches; the second stores the messages and their deliveries in one
 * statement, atomic on its own, so a send needs no transaction (no {@code BEGIN}, no {@code COMMIT} round trip).
 * At moderate rates a group commit carries one or two messages, and each round trip costs the API, PostgreSQL and
 * the kernel more than the rows it writes (docs/benchmarks.md, steps 21 and 22).
 *
 * <p>Everything else is a JDBI SqlObject DAO; these are not because they run for every message sent: JDBI 3.51
 * builds an invoker for every method of a DAO on each {@code attach} and renders each statement through its
 * template engine, and the profile showed that costing more CPU than the statements themselves (step 6).
 */
public final class IngestSql {
    /**
     * For each (tenant, event type, channels) key, numbered from 1, the endpoints it reaches: enabled, and whose
     * filters (empty meaning "all") admit the event type and share a channel with the message (a message without
     * channels reaches only endpoints without channels). A key's channels come as (key number, channel) pairs, since
     * PostgreSQL has no arrays of arrays of different lengths.
     */
    private static final String MATCHING_ENDPOINTS = """
        WITH c AS (
            SELECT c.n, array_agg(c.channel) AS channels
            FROM unnest(CAST(? AS int[]), CAST(? AS text[])) AS c (n, channel)
            GROUP BY c.n
        ), k AS (
            SELECT k.n, k.tenant_id, k.event_type, coalesce(c.channels, '{}') AS channels
            FROM unnest(CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY AS k (tenant_id, event_type, n)
            LEFT JOIN c ON c.n = k.n
        )
        SELECT k.n, e.id
        FROM k JOIN endpoints e ON e.tenant_id = k.tenant_id
        WHERE NOT e.disabled
          AND (cardinality(e.event_types) = 0 OR k.event_type = ANY(e.event_types))
          AND (cardinality(e.channels) = 0 OR e.channels && k.channels)
        """;

    /**
     * Messages (numbered from 1, their channels as (number, channel) pairs in order) and one pending delivery per
     * (message, endpoint), due at once. A data-modifying {@code WITH} runs exactly once, and the statement commits
     * or fails as a whole.
     */
    private static final String STORE = """
        WITH c AS (
            SELECT c.n, array_agg(c.channel ORDER BY c.i) AS channels
            FROM unnest(CAST(? AS int[]), CAST(? AS text[])) WITH ORDINALITY AS c (n, channel, i)
            GROUP BY c.n
        ), m AS (
            INSERT INTO messages (id, tenant_id, event_type, event_id, channels, payload, created_at)
            SELECT m.id, m.tenant_id, m.event_type, m.event_id, coalesce(c.channels, '{}'), m.payload, ?
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[]))
                 WITH ORDINALITY AS m (id, tenant_id, event_type, event_id, payload, n)
            LEFT JOIN c ON c.n = m.n
        )
        INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
        SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, 'pending', 0, ?, ?, ?
        FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
             AS d (id, tenant_id, message_id, endpoint_id)
        """;

    private IngestSql() {
    }

    /** A message to store: {@code eventId} may be null. */
    public record NewMessage(String id, String tenantId, String eventType, String eventId, List<String> channels,
                             byte[] payload) {
        public NewMessage {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(tenantId, "tenantId == null");
            Objects.requireNonNull(eventType, "eventType == null");
            Objects.requireNonNull(channels, "channels == null");
        }

        /** What decides the endpoints a message reaches. */
        private List<Object> matchKey() {
            return List.of(tenantId, eventType, channels);
        }
    }

    /** A pending delivery of a message to an endpoint. */
    public record NewDelivery(String id, String tenantId, String messageId, String endpointId) {
        public NewDelivery {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(tenantId, "tenantId == null");
            Objects.requireNonNull(messageId, "messageId == null");
            Objects.requireNonNull(endpointId, "endpointId == null");
        }
    }

    /**
     * The ids of the enabled endpoints each message reaches, in the order of {@code messages}, in one statement
     * whatever the number of messages, tenants, event types and channels.
     */
    public static List<List<String>> matchingEndpoints(Connection c, List<NewMessage> messages) {
        if (messages.isEmpty()) {
            return List.of();
        }
        Map<List<Object>, Integer> keyNumbers = new LinkedHashMap<>();
        List<String> tenants = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> channelKeys = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        for (NewMessage m : messages) {
            keyNumbers.computeIfAbsent(m.matchKey(), k -> {
                int n = keyNumbers.size() + 1;
                tenants.add(m.tenantId());
                types.add(m.eventType());
                m.channels().forEach(channel -> {
                    channelKeys.add(n);
                    channels.add(channel);
                });
                return n;
            });
        }
        List<List<String>> byKey = new ArrayList<>(keyNumbers.size());
        for (int i = 0; i < keyNumbers.size(); i++) {
            byKey.add(new ArrayList<>());
        }
        try (PreparedStatement s = c.prepareStatement(MATCHING_ENDPOINTS)) {
            s.setArray(1, c.createArrayOf("int4", channelKeys.toArray()));
            s.setArray(2, textArray(c, channels));
            s.setArray(3, textArray(c, tenants));
            s.setArray(4, textArray(c, types));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.get(rs.getInt(1) - 1).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failed("matching endpoints", e);
        }
        List<List<String>> out = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            out.add(byKey.get(keyNumbers.get(m.matchKey()) - 1));
        }
        return out;
    }

    /**
     * Stores messages, all created at {@code createdAt}, and deliveries, due at {@code createdAt}, in one statement:
     * in autocommit mode it is its own transaction; in the caller's transaction, part of it.
     */
    public static void store(Connection c, List<NewMessage> messages, List<NewDelivery> deliveries, Instant createdAt) {
        int n = messages.size();
        String[] ids = new String[n];
        String[] tenants = new String[n];
        String[] types = new String[n];
        String[] eventIds = new String[n];
        byte[][] payloads = new byte[n][];
        List<Integer> channelOwners = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            ids[i] = m.id();
            tenants[i] = m.tenantId();
            types[i] = m.eventType();
            eventIds[i] = m.eventId();
            payloads[i] = m.payload();
            for (String channel : m.channels()) {
                channelOwners.add(i + 1);
                channels.add(channel);
            }
        }
        OffsetDateTime at = timestamp(createdAt);
        try (PreparedStatement s = c.prepareStatement(STORE)) {
            s.setArray(1, c.createArrayOf("int4", channelOwners.toArray()));
            s.setArray(2, textArray(c, channels));
            s.setObject(3, at);
            s.setArray(4, textArray(c, ids));
            s.setArray(5, textArray(c, tenants));
            s.setArray(6, textArray(c, types));
            s.setArray(7, textArray(c, eventIds));
            s.setArray(8, c.createArrayOf("bytea", payloads));
            s.setObject(9, at);
            s.setObject(10, at);
            s.setObject(11, at);
            s.setArray(12, textArray(c, deliveries.stream().map(NewDelivery::id).toList()));
            s.setArray(13, textArray(c, deliveries.stream().map(NewDelivery::tenantId).toList()));
            s.setArray(14, textArray(c, deliveries.stream().map(NewDelivery::messageId).toList()));
            s.setArray(15, textArray(c, deliveries.stream().map(NewDelivery::endpointId).toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("storing messages and deliveries", e);
        }
    }
}
