-- Ids and the other key columns compare byte by byte (COLLATE "C") instead of by the database's locale.
-- They are ASCII and meant to sort in byte order (time-ordered ids), yet every index entry, primary-key lookup and
-- join on them went through the locale's strcoll. With C.UTF-8 the statements of one delivery (store, claim,
-- attempt, outcome) took 3-8 % less of PostgreSQL's time in byte order (docs/benchmarks.md, step 25); a linguistic
-- locale such as en_US.UTF-8 makes strcoll dearer still. Event type names, URLs and descriptions keep the
-- database's collation: people read them in sorted lists.
--
-- A collation change keeps the table data but rebuilds the indexes (and re-checks foreign keys) on these columns.
-- On partitioned tables it goes to every partition, and partitions created later inherit it.

ALTER TABLE tenants
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN uid TYPE text COLLATE "C";

ALTER TABLE api_keys
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN prefix TYPE text COLLATE "C";

ALTER TABLE endpoints
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN uid TYPE text COLLATE "C";

ALTER TABLE endpoint_secrets
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN endpoint_id TYPE text COLLATE "C";

ALTER TABLE messages
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN event_type TYPE text COLLATE "C";

ALTER TABLE idempotency_keys
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN key TYPE text COLLATE "C",
    ALTER COLUMN message_id TYPE text COLLATE "C";

ALTER TABLE deliveries
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN message_id TYPE text COLLATE "C",
    ALTER COLUMN endpoint_id TYPE text COLLATE "C",
    ALTER COLUMN status TYPE text COLLATE "C";

ALTER TABLE attempts
    ALTER COLUMN id TYPE text COLLATE "C",
    ALTER COLUMN tenant_id TYPE text COLLATE "C",
    ALTER COLUMN message_id TYPE text COLLATE "C",
    ALTER COLUMN endpoint_id TYPE text COLLATE "C",
    ALTER COLUMN delivery_id TYPE text COLLATE "C",
    ALTER COLUMN event_type TYPE text COLLATE "C",
    ALTER COLUMN status TYPE text COLLATE "C";
