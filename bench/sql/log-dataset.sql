-- The delivery-log benchmark data set: 10 tenants, 1,000 endpoints (100 each), 1,000,000 messages and
-- 10,000,000 attempts spread evenly over the last 28 days, made with generate_series in one pass each.
-- Run against a migrated, otherwise empty database (see docs/benchmarks.md, "Delivery-log queries"):
--   psql -v ON_ERROR_STOP=1 -d hookline_bench_log -f bench/sql/log-dataset.sql
--
-- Ids have the real shape (prefix + UUIDv7-style Crockford base32: 10 characters of milliseconds, then 16 more),
-- so keyset paging and the API's since/until bounds behave exactly as in production. Attempts arrive in time
-- order with endpoints interleaved, as the worker writes them. 20 % fail (500, 503, 404, or no answer).

SET synchronous_commit = off;

CREATE FUNCTION pg_temp.bench_id(prefix text, ms bigint, seq bigint) RETURNS text
    LANGUAGE sql IMMUTABLE AS $$
    SELECT prefix || '_' || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 45) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 40) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 35) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 30) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 25) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 20) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 15) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 10) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 5) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((ms >> 0) & 31)::int + 1, 1) || '000000000' || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 30) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 25) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 20) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 15) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 10) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 5) & 31)::int + 1, 1) || substr('0123456789ABCDEFGHJKMNPQRSTVWXYZ', ((seq >> 0) & 31)::int + 1, 1)
$$;

CREATE TEMP TABLE bench_clock AS
    SELECT (extract(epoch FROM now()) * 1000)::bigint - 28::bigint * 86400000 AS start_ms,
           28::bigint * 86400000 AS span_ms;

SELECT hookline_ensure_partitions('attempts', now() - interval '29 days', now() + interval '28 days');
SELECT hookline_ensure_partitions('messages', now() - interval '29 days', now() + interval '28 days');

INSERT INTO tenants (id, uid, name, metadata, created_at, updated_at)
SELECT pg_temp.bench_id('tnt', start_ms, t), 'bench-' || t, 'Bench tenant ' || t, '{}', now(), now()
FROM bench_clock, generate_series(0, 9) AS t;

INSERT INTO endpoints (id, tenant_id, uid, url, created_at, updated_at)
SELECT pg_temp.bench_id('ep', start_ms, e), pg_temp.bench_id('tnt', start_ms, e % 10), 'ep-' || e,
       'https://receiver-' || e || '.example/webhooks', now(), now()
FROM bench_clock, generate_series(0, 999) AS e;

INSERT INTO messages (id, tenant_id, event_type, channels, payload, created_at)
SELECT pg_temp.bench_id('msg', ms, m), pg_temp.bench_id('tnt', start_ms, m % 10),
       'invoice.' || (ARRAY['paid', 'created', 'voided'])[m % 3 + 1], '{}',
       convert_to('{"invoice":' || m || '}', 'UTF8'), to_timestamp(ms / 1000.0)
FROM bench_clock, generate_series(0::bigint, 999999) AS m,
     LATERAL (SELECT start_ms + m * (span_ms / 1000000) AS ms) t;

INSERT INTO attempts (id, tenant_id, message_id, endpoint_id, delivery_id, event_type, attempt_number, trigger, url,
                      status, response_status_code, response_body, duration_ms, error, created_at)
SELECT pg_temp.bench_id('atm', ms, g), pg_temp.bench_id('tnt', start_ms, e % 10),
       pg_temp.bench_id('msg', start_ms + (g / 10) * (span_ms / 1000000), g / 10),
       pg_temp.bench_id('ep', start_ms, e), pg_temp.bench_id('dlv', ms, g),
       'invoice.' || (ARRAY['paid', 'created', 'voided'])[(g / 10) % 3 + 1], 1 + (g % 3), 'scheduled',
       'https://receiver-' || e || '.example/webhooks',
       CASE WHEN failed THEN 'failed' ELSE 'succeeded' END,
       CASE WHEN NOT failed THEN 200 ELSE (ARRAY[500, 503, 404, NULL])[(g / 5) % 4 + 1] END,
       CASE WHEN failed THEN 'upstream unavailable' ELSE '{"ok":true}' END,
       20 + (g * 37) % 400,
       CASE WHEN failed AND (g / 5) % 4 = 3 THEN 'timeout' END,
       to_timestamp(ms / 1000.0)
FROM bench_clock, generate_series(0::bigint, 9999999) AS g,
     LATERAL (SELECT start_ms + g * (span_ms / 10000000) AS ms, (g * 7919) % 1000 AS e, g % 5 = 0 AS failed) t;

ANALYZE tenants;
ANALYZE endpoints;
ANALYZE messages;
ANALYZE attempts;
