-- Hookline schema, version 1: the full model.
-- Ids are prefixed, time-ordered strings (UUIDv7 bits in Crockford base32), so ORDER BY id DESC is
-- newest first and keyset pagination needs no second column.

CREATE TABLE tenants (
    id          text        PRIMARY KEY,
    uid         text        UNIQUE,
    name        text        NOT NULL,
    metadata    jsonb       NOT NULL DEFAULT '{}',
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Tenant API keys: only a SHA-256 of the key is stored; prefix is shown in listings.
CREATE TABLE api_keys (
    id            text        PRIMARY KEY,
    tenant_id     text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    name          text        NOT NULL,
    prefix        text        NOT NULL,
    key_hash      bytea       NOT NULL UNIQUE,
    created_at    timestamptz NOT NULL,
    last_used_at  timestamptz
);
CREATE INDEX api_keys_tenant ON api_keys (tenant_id, id DESC);

CREATE TABLE event_types (
    name         text        PRIMARY KEY,
    description  text        NOT NULL DEFAULT '',
    schema       jsonb,
    archived     boolean     NOT NULL DEFAULT false,
    created_at   timestamptz NOT NULL,
    updated_at   timestamptz NOT NULL
);

CREATE TABLE endpoints (
    id                text        PRIMARY KEY,
    tenant_id         text        NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    uid               text,
    url               text        NOT NULL,
    description       text        NOT NULL DEFAULT '',
    event_types       text[]      NOT NULL DEFAULT '{}',   -- empty: every event type
    channels          text[]      NOT NULL DEFAULT '{}',   -- empty: every message
    disabled          boolean     NOT NULL DEFAULT false,
    disabled_reason   text,
    rate_limit        integer,                             -- messages per second, null: unlimited
    headers           jsonb       NOT NULL DEFAULT '{}',   -- custom headers sent with every delivery
    metadata          jsonb       NOT NULL DEFAULT '{}',
    failing_since     timestamptz,                         -- start of the current run of failures
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL,
    CONSTRAINT endpoints_tenant_uid UNIQUE (tenant_id, uid)
);
CREATE INDEX endpoints_tenant ON endpoints (tenant_id, id DESC);

-- Signing secrets, encrypted with AES-256-GCM under the master key named by key_id.
-- expires_at null: the current secret; set: an old secret still signing during its grace period.
CREATE TABLE endpoint_secrets (
    id            text        PRIMARY KEY,
    endpoint_id   text        NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    kind          text        NOT NULL DEFAULT 'hmac' CHECK (kind IN ('hmac', 'ed25519')),
    key_id        text        NOT NULL,
    ciphertext    bytea       NOT NULL,
    public_key    text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz
);
CREATE INDEX endpoint_secrets_endpoint ON endpoint_secrets (endpoint_id, created_at DESC);

-- Messages keep the payload bytes exactly as received, so what is signed is what was sent.
CREATE TABLE messages (
    id           text        PRIMARY KEY,
    tenant_id    text        NOT NULL,
    event_type   text        NOT NULL,
    event_id     text,
    channels     text[]      NOT NULL DEFAULT '{}',
    payload      bytea,                                    -- null once payload retention has expired it
    created_at   timestamptz NOT NULL
);
CREATE INDEX messages_tenant ON messages (tenant_id, id DESC);
CREATE INDEX messages_tenant_event_type ON messages (tenant_id, event_type, id DESC);

-- Deduplication of sends: one row per Idempotency-Key ('key:…') or eventId ('event:…') per tenant,
-- valid until expires_at. A unique key, not a read-then-write, so concurrent duplicates are caught too.
CREATE TABLE idempotency_keys (
    tenant_id    text        NOT NULL,
    key          text        NOT NULL,
    message_id   text        NOT NULL,
    expires_at   timestamptz NOT NULL,
    PRIMARY KEY (tenant_id, key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);

-- One row per message x matching endpoint. PostgreSQL is the source of truth for what is due;
-- Redis only carries ids. lease_until marks a delivery claimed by a worker.
CREATE TABLE deliveries (
    id                text        PRIMARY KEY,
    tenant_id         text        NOT NULL,
    message_id        text        NOT NULL,
    endpoint_id       text        NOT NULL REFERENCES endpoints (id) ON DELETE CASCADE,
    status            text        NOT NULL CHECK (status IN ('pending', 'retrying', 'succeeded', 'failed')),
    attempts          integer     NOT NULL DEFAULT 0,
    next_attempt_at   timestamptz,
    lease_until       timestamptz,
    last_status_code  integer,
    last_error        text,
    created_at        timestamptz NOT NULL,
    updated_at        timestamptz NOT NULL
);
CREATE UNIQUE INDEX deliveries_message_endpoint ON deliveries (message_id, endpoint_id);
CREATE INDEX deliveries_endpoint ON deliveries (endpoint_id, id);
CREATE INDEX deliveries_due ON deliveries (next_attempt_at) WHERE status IN ('pending', 'retrying');

-- The append-only attempt log.
CREATE TABLE attempts (
    id                     text        PRIMARY KEY,
    tenant_id              text        NOT NULL,
    message_id             text        NOT NULL,
    endpoint_id            text        NOT NULL,
    delivery_id            text        NOT NULL,
    event_type             text        NOT NULL,
    attempt_number         integer     NOT NULL,
    trigger                text        NOT NULL CHECK (trigger IN ('scheduled', 'manual')),
    url                    text        NOT NULL,
    status                 text        NOT NULL CHECK (status IN ('succeeded', 'failed')),
    response_status_code   integer,
    response_body          text,
    response_body_base64   boolean     NOT NULL DEFAULT false,
    request_headers        jsonb,
    duration_ms            integer     NOT NULL,
    error                  text,
    created_at             timestamptz NOT NULL
);
CREATE INDEX attempts_tenant ON attempts (tenant_id, id DESC);
CREATE INDEX attempts_endpoint ON attempts (endpoint_id, id DESC);
CREATE INDEX attempts_endpoint_status ON attempts (endpoint_id, status, id DESC);
CREATE INDEX attempts_message ON attempts (message_id, id DESC);
