-- Retention that keeps the database small: the attempt log becomes a table partitioned by week on created_at,
-- so expiring a week of attempts is DROP TABLE of one partition (instant, no dead tuples, no vacuum debt) instead
-- of a DELETE. Weeks, not days: with 30 days of attempts a query touches at most 6 partitions, which keeps
-- planning cheap while a partition still expires within a week of its due date.
--
-- Partitions are named <table>_pYYYYMMDD after the Monday (UTC) they start. The worker's RetentionJob creates
-- them ahead of time and drops them past retention with the two functions below; this migration creates the
-- weeks that already hold rows plus four weeks ahead, so the schema works before any worker has run.

CREATE FUNCTION hookline_week_start(t timestamptz) RETURNS timestamptz
    LANGUAGE sql IMMUTABLE AS $$ SELECT date_trunc('week', t AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' $$;

-- Creates the missing weekly partitions of parent covering [from_ts, to_ts); answers how many it created.
CREATE FUNCTION hookline_ensure_partitions(parent text, from_ts timestamptz, to_ts timestamptz) RETURNS integer
    LANGUAGE plpgsql AS $$
DECLARE
    week    timestamptz := hookline_week_start(from_ts);
    name    text;
    created integer := 0;
BEGIN
    WHILE week < to_ts LOOP
        name := parent || '_p' || to_char(week AT TIME ZONE 'UTC', 'YYYYMMDD');
        IF to_regclass(name) IS NULL THEN
            EXECUTE format('CREATE TABLE %I PARTITION OF %I FOR VALUES FROM (%L) TO (%L)',
                           name, parent, week, week + interval '7 days');
            created := created + 1;
        END IF;
        week := week + interval '7 days';
    END LOOP;
    RETURN created;
END $$;

-- Drops every weekly partition of parent whose whole range lies before older_than; answers the dropped names.
CREATE FUNCTION hookline_drop_partitions(parent text, older_than timestamptz) RETURNS SETOF text
    LANGUAGE plpgsql AS $$
DECLARE
    part text;
BEGIN
    FOR part IN
        SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = parent::regclass
          AND c.relname ~ ('^' || parent || '_p[0-9]{8}$')
          AND (to_date(right(c.relname, 8), 'YYYYMMDD')::timestamp AT TIME ZONE 'UTC') + interval '7 days' <= older_than
        ORDER BY c.relname
    LOOP
        EXECUTE format('DROP TABLE %I', part);
        RETURN NEXT part;
    END LOOP;
END $$;

ALTER TABLE attempts RENAME TO attempts_unpartitioned;
ALTER INDEX attempts_pkey RENAME TO attempts_unpartitioned_pkey;
ALTER INDEX attempts_tenant RENAME TO attempts_unpartitioned_tenant;
ALTER INDEX attempts_endpoint RENAME TO attempts_unpartitioned_endpoint;
ALTER INDEX attempts_endpoint_status RENAME TO attempts_unpartitioned_endpoint_status;
ALTER INDEX attempts_message RENAME TO attempts_unpartitioned_message;

-- LIKE copies every column (including any added since V1) with its defaults, NOT NULLs and CHECKs.
-- A partitioned table's unique keys must contain the partition key, hence PRIMARY KEY (id, created_at):
-- ids are time-ordered and unique on their own, so this is no weaker in practice.
CREATE TABLE attempts (LIKE attempts_unpartitioned INCLUDING DEFAULTS INCLUDING CONSTRAINTS,
                       PRIMARY KEY (id, created_at))
    PARTITION BY RANGE (created_at);
CREATE INDEX attempts_tenant ON attempts (tenant_id, id DESC);
CREATE INDEX attempts_endpoint ON attempts (endpoint_id, id DESC);
CREATE INDEX attempts_endpoint_status ON attempts (endpoint_id, status, id DESC);
CREATE INDEX attempts_message ON attempts (message_id, id DESC);

SELECT hookline_ensure_partitions('attempts',
                                  coalesce((SELECT min(created_at) FROM attempts_unpartitioned), now()),
                                  greatest(coalesce((SELECT max(created_at) FROM attempts_unpartitioned), now()), now())
                                      + interval '28 days');
INSERT INTO attempts SELECT * FROM attempts_unpartitioned;
DROP TABLE attempts_unpartitioned;
