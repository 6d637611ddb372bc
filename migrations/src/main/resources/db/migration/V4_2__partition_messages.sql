-- Messages get the same weekly partitioning as attempts (see V4_1), kept 90 days by default. Their payloads can
-- be expired earlier (set to NULL, the row stays): the partial index finds the payloads still held, so the
-- retention job never rescans rows it has already expired.

ALTER TABLE messages RENAME TO messages_unpartitioned;
ALTER INDEX messages_pkey RENAME TO messages_unpartitioned_pkey;
ALTER INDEX messages_tenant RENAME TO messages_unpartitioned_tenant;
ALTER INDEX messages_tenant_event_type RENAME TO messages_unpartitioned_tenant_event_type;

CREATE TABLE messages (LIKE messages_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
                       PRIMARY KEY (id, created_at))
    PARTITION BY RANGE (created_at);
CREATE INDEX messages_tenant ON messages (tenant_id, id DESC);
CREATE INDEX messages_tenant_event_type ON messages (tenant_id, event_type, id DESC);
CREATE INDEX messages_payload_held ON messages (created_at) WHERE payload IS NOT NULL;

SELECT hookline_ensure_partitions('messages',
                                  coalesce((SELECT min(created_at) FROM messages_unpartitioned), now()),
                                  greatest(coalesce((SELECT max(created_at) FROM messages_unpartitioned), now()), now())
                                      + interval '28 days');
INSERT INTO messages SELECT * FROM messages_unpartitioned;
DROP TABLE messages_unpartitioned;

-- Recovery walks an endpoint's failed deliveries in creation order.
CREATE INDEX deliveries_endpoint_failed ON deliveries (endpoint_id, id) WHERE status = 'failed';
-- Retention deletes the deliveries of expired messages oldest first.
CREATE INDEX deliveries_created ON deliveries (created_at);
