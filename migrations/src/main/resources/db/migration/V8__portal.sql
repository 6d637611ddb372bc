-- The tenant portal. A portal session is a third kind of credential beside the admin key and tenant API keys: a
-- short-lived token (hlp_…) that a tenant hands its own customer in a link. Like an API key only its SHA-256 is
-- stored, found by its displayed prefix and compared in constant time. A revoked session keeps its row (revoked_at)
-- so that its token answers "revoked" rather than "unknown" until the row is cleaned up.
CREATE TABLE portal_sessions (
    id            text COLLATE "C" PRIMARY KEY,
    tenant_id     text COLLATE "C" NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
    prefix        text COLLATE "C" NOT NULL,
    token_hash    bytea       NOT NULL UNIQUE,
    permissions   text[]      NOT NULL,
    endpoint_ids  text[],                                  -- null: every endpoint of the tenant
    next          text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    revoked_at    timestamptz
);
CREATE INDEX portal_sessions_tenant ON portal_sessions (tenant_id, id DESC);
CREATE INDEX portal_sessions_prefix ON portal_sessions (prefix);

-- What the portal shows of the tenant: its name for people, an accent colour (#rrggbb) and a logo.
ALTER TABLE tenants
    ADD COLUMN display_name text,
    ADD COLUMN accent_color text,
    ADD COLUMN logo_url     text;
