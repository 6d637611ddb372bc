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
 * At moderate rates a group commit carries one or two messages, so each round trip is paid per message, and its
 * system calls and wake-ups cost the API, PostgreSQL and the kernel more than the rows it writes: at 500 messages/s,
 * two round trips instead of three plus one per distinct key (and the worker's claim, also without {@code BEGIN}
 * and {@code COMMIT}) take the system calls per message from 124–151 to 107–122.
 *
 * <p>Everything else is a JDBI SqlObject DAO; these are not because they run for every message sent: JDBI 3.51
 * builds an invoker for every method of a DAO on each {@code attach} and renders each statement through its
 * template engine, which costs more CPU than the statements themselves. In plain JDBC the group-commit writers hold
 * 6 % of the API's profile samples during single sends, against 38 % through SqlObject DAOs.
 */
public final class IngestSql {
    /**
     * The channel lists of numbered rows (keys or messages, from 1) as {@code c (n, channels)}, in their order: they
     * come as (number, channel) pairs ({@link #bindChannels}), since PostgreSQL has no arrays of arrays of different
     * lengths. A row without channels has no row here.
     */
    private static final String CHANNELS = """
        c AS (
            SELECT c.n, array_agg(c.channel ORDER BY c.i) AS channels
            FROM unnest(CAST(? AS int[]), CAST(? AS text[])) WITH ORDINALITY AS c (n, channel, i)
            GROUP BY c.n
        )""";

    /**
     * For each (tenant, event type, channels) key, numbered from 1, the endpoints it reaches: enabled, and whose
     * filters (empty meaning "all") admit the event type and share a channel with the message (a message without
     * channels reaches only endpoints without channels).
     */
    private static final String MATCHING_ENDPOINTS = "WITH " + CHANNELS + """
        , k AS (
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
     * Messages (numbered from 1) and one pending delivery per (message, endpoint), due at once. A data-modifying
     * {@code WITH} runs exactly once, and the statement commits or fails as a whole.
     */
    private static final String STORE = "WITH " + CHANNELS + """
        , m AS (
            INSERT INTO messages (id, tenant_id, event_type, event_id, channels, payload, created_at, traceparent)
            SELECT m.id, m.tenant_id, m.event_type, m.event_id, coalesce(c.channels, '{}'), m.payload, ?, m.traceparent
            FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS bytea[]),
                        CAST(? AS text[]))
                 WITH ORDINALITY AS m (id, tenant_id, event_type, event_id, payload, traceparent, n)
            LEFT JOIN c ON c.n = m.n
        )
        INSERT INTO deliveries (id, tenant_id, message_id, endpoint_id, status, attempts, next_attempt_at, created_at, updated_at)
        SELECT d.id, d.tenant_id, d.message_id, d.endpoint_id, 'pending', 0, ?, ?, ?
        FROM unnest(CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]), CAST(? AS text[]))
             AS d (id, tenant_id, message_id, endpoint_id)
        """;

    private IngestSql() {}

    /** A message to store: {@code eventId} and {@code traceparent} (the W3C trace context it was sent in) may be null. */
    public record NewMessage(
            String id,
            String tenantId,
            String eventType,
            String eventId,
            List<String> channels,
            byte[] payload,
            String traceparent) {
        public NewMessage {
            Objects.requireNonNull(id, "id == null");
            Objects.requireNonNull(tenantId, "tenantId == null");
            Objects.requireNonNull(eventType, "eventType == null");
            Objects.requireNonNull(channels, "channels == null");
        }

        public NewMessage(
                String id, String tenantId, String eventType, String eventId, List<String> channels, byte[] payload) {
            this(id, tenantId, eventType, eventId, channels, payload, null);
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
        Map<List<Object>, List<String>> reached = new LinkedHashMap<>(); // by key, filled in key order below
        List<NewMessage> keys = new ArrayList<>();
        List<List<String>> out = new ArrayList<>(messages.size());
        for (NewMessage m : messages) {
            out.add(reached.computeIfAbsent(List.of(m.tenantId(), m.eventType(), m.channels()), k -> {
                keys.add(m);
                return new ArrayList<>();
            }));
        }
        List<List<String>> byKey = List.copyOf(reached.values());
        try (PreparedStatement s = c.prepareStatement(MATCHING_ENDPOINTS)) {
            int p = bindChannels(s, keys);
            s.setArray(p++, textArray(c, keys.stream().map(NewMessage::tenantId).toList()));
            s.setArray(p, textArray(c, keys.stream().map(NewMessage::eventType).toList()));
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    byKey.get(rs.getInt(1) - 1).add(rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw failed("matching endpoints", e);
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
        String[] traceparents = new String[n];
        for (int i = 0; i < n; i++) {
            NewMessage m = messages.get(i);
            ids[i] = m.id();
            tenants[i] = m.tenantId();
            types[i] = m.eventType();
            eventIds[i] = m.eventId();
            payloads[i] = m.payload();
            traceparents[i] = m.traceparent();
        }
        OffsetDateTime at = timestamp(createdAt);
        try (PreparedStatement s = c.prepareStatement(STORE)) {
            bindChannels(s, messages);
            s.setObject(3, at);
            s.setArray(4, textArray(c, ids));
            s.setArray(5, textArray(c, tenants));
            s.setArray(6, textArray(c, types));
            s.setArray(7, textArray(c, eventIds));
            s.setArray(8, c.createArrayOf("bytea", payloads));
            s.setArray(9, textArray(c, traceparents));
            s.setObject(10, at);
            s.setObject(11, at);
            s.setObject(12, at);
            s.setArray(13, textArray(c, deliveries.stream().map(NewDelivery::id).toList()));
            s.setArray(
                    14,
                    textArray(c, deliveries.stream().map(NewDelivery::tenantId).toList()));
            s.setArray(
                    15,
                    textArray(c, deliveries.stream().map(NewDelivery::messageId).toList()));
            s.setArray(
                    16,
                    textArray(
                            c, deliveries.stream().map(NewDelivery::endpointId).toList()));
            s.executeUpdate();
        } catch (SQLException e) {
            throw failed("storing messages and deliveries", e);
        }
    }

    /** Binds {@link #CHANNELS} for {@code rows}, numbered from 1 in order, as parameters 1 and 2; answers 3. */
    private static int bindChannels(PreparedStatement s, List<NewMessage> rows) throws SQLException {
        List<Integer> numbers = new ArrayList<>();
        List<String> channels = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            for (String channel : rows.get(i).channels()) {
                numbers.add(i + 1);
                channels.add(channel);
            }
        }
        s.setArray(1, s.getConnection().createArrayOf("int4", numbers.toArray()));
        s.setArray(2, textArray(s.getConnection(), channels));
        return 3;
    }
}
